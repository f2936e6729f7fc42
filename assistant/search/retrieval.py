"""Hybrid passage search over NG234: dense (FAISS) and BM25 scores fused on one scale.

One query goes through: clean and truncate -> explicit ids ("1.8.1", "box 1") -> typo
correction against the corpus words -> vocabulary expansion ("dex" -> dexamethasone) ->
one embedding and one BM25 scoring (each vocabulary concept counted as one word) ->
score fusion: each ranker's scores standardised over the corpus (z-scores), a weighted sum,
then kind priors -> "why" questions lift the rationale of the matched recommendations, other
questions keep each rationale below its own recommendations -> pinned ids first.
Everything after the embedding is plain Python over 160 passages: about two milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import bm25s
import faiss
import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from assistant.errors import InvalidInputError, SearchIndexError
from assistant.guideline import corpus
from assistant.guideline.corpus import Kind, Passage
from assistant.search import embedding, vocabulary
from assistant.search import index as search_index
from assistant.search.embedding import Encoder
from assistant.search.vocabulary import Expander, Vocabulary
from assistant.settings import Settings

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")

#: Multipliers on the fused score by passage kind. A clinician's question is usually answered
#: by a recommendation (or box 1); rationale, research and context passages explain or frame
#: them, so they rank below a recommendation that matches as well. The fused score is
#: exp(z / fusion_temperature), so a multiplier p is an offset of temperature * ln(p) standard
#: deviations: at temperature 3 a rationale needs to match 1.5 SD better than a recommendation.
KIND_PRIOR: Mapping[str, float] = {
    "recommendation": 1.0,
    "box": 1.0,
    "term": 0.6,
    "rationale": 0.6,
    "research": 0.5,
    "context": 0.4,
}

#: In a "why" question a rationale inherits the best score of the recommendations it covers,
#: times this, so it ranks above them.
WHY_BOOST = 1.5

#: Words that ask for the committee's reasons rather than the recommendation itself.
WHY_WORDS = re.compile(
    r"\b(why|rationale|reasons?|reasoning|evidence|committee|justification|how come)\b",
    re.IGNORECASE,
)

#: "What is X?" / "define X": the guideline's definitions (term passages) answer these.
DEFINITION_WORDS = re.compile(
    r"^\s*(?:what\s+is\s+(?:an?\s+)?|what's\s+(?:an?\s+)?|define\b|definition\b|meaning\s+of\b)"
    r"|\bmean(?:s|ing)?\s*\??\s*$",
    re.IGNORECASE,
)

#: Prior for a term passage in a definition question (above a recommendation that matches).
DEFINITION_PRIOR = 1.3

#: "Is there research on ...": NG234's recommendations for research answer these.
RESEARCH_WORDS = re.compile(r"\bresearch\b", re.IGNORECASE)

#: Prior for a research passage in a research question (as a term in a definition question).
RESEARCH_PRIOR = 1.3

#: Explicit citations: "1.8.1", "rec 1.10.5", "recommendation 1.3.2", "box 1", "box-1".
_REC_ID = re.compile(r"(?<![\d.])(1\.\d{1,2}\.\d{1,2})(?![\d]|\.\d)")
_BOX_ID = re.compile(r"\bbox[\s-]?(\d{1,2})\b", re.IGNORECASE)

#: Typo correction: only words this long, and only to a corpus word this similar (0-100).
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 85.0

SCORE_DECIMALS = 6

_QUESTION_WORDS = (
    "what when how which who whom whose where should would could can do does did i we you me my "
    "our us he she his her him them its has have had been being any about from than so do done "
    "up out get i'm im is are was were need needs"
)
#: Light verbs: in a question they carry no topic ("what advice should they give").
_LIGHT_VERBS = (
    "give given giving gave take taken taking took put supposed ought want wants tell told"
)
#: Function words dropped before BM25 (bm25s's English list, question words, light verbs).
STOPWORDS = (
    frozenset(bm25s.stopwords.STOPWORDS_EN)
    | frozenset(_QUESTION_WORDS.split())
    | frozenset(_LIGHT_VERBS.split())
)

_WORD = re.compile(r"[a-z0-9]+")
_ALPHA_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


class Hit(BaseModel):
    """One retrieved passage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: Kind
    covers: tuple[str, ...] = Field((), description="For a rationale: the recommendations.")
    section: str | None
    score: float = Field(description="Fused score (higher is better), rounded to 6 places.")


class SearchResult(BaseModel):
    """The ranked passages for one query."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    query: str = Field(description="The query as searched (cleaned, and truncated if too long).")
    hits: tuple[Hit, ...]
    notices: tuple[str, ...] = Field((), description="Things the user should know (truncation).")
    top_similarity: float = Field(
        description="Highest dense cosine of the (expanded) query over all passages, before "
        "fusion; 1-ish when the query names a passage."
    )
    lexical_coverage: float = Field(
        1.0, description="Share of the query's content words found in NG234 or the vocabulary."
    )
    in_scope: bool = Field(
        True,
        description="top_similarity >= oos_threshold and (lexical_coverage >= oos_min_coverage "
        "or top_similarity >= oos_confident_similarity).",
    )


# --- pure text helpers ------------------------------------------------------------------------


def clean_query(text: str) -> str:
    """NFKC-normalised text with control, format and unpaired surrogate characters blanked."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(text.replace("\u2019", "'").split())


def stem(word: str) -> str:
    """A tiny deterministic suffix stripper: mobilisation -> mobil, fractures -> fractur."""
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= 3:
                word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # sitting -> sitt -> sit
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("isations", ""),
    ("izations", ""),
    ("isation", ""),
    ("ization", ""),
    ("ations", ""),
    ("ation", ""),
    ("ising", ""),
    ("izing", ""),
    ("ised", ""),
    ("ized", ""),
    ("ises", ""),
    ("izes", ""),
    ("ise", ""),
    ("ize", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("ly", ""),
    ("ss", "ss"),
    ("is", "is"),
    ("us", "us"),
    ("s", ""),
)


def tokenize(text: str) -> list[str]:
    """Lower-case, stop-word-free, stemmed word tokens for BM25."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def explicit_ids(text: str, known: Mapping[str, Passage]) -> tuple[list[str], list[str]]:
    """Passage ids the query names ("1.8.1", "box 1") that exist, and those that do not."""
    found: list[str] = []
    unknown: list[str] = []
    mentions = [(m.start(), m.group(1)) for m in _REC_ID.finditer(text)]
    mentions += [(m.start(), f"box-{m.group(1)}") for m in _BOX_ID.finditer(text)]
    for _, pid in sorted(mentions):
        target = found if pid in known else unknown
        if pid not in target:
            target.append(pid)
    return found, unknown


def strip_ids(text: str) -> str:
    """The query without its explicit ids (they are pinned, and confuse both rankers)."""
    text = _BOX_ID.sub(" ", _REC_ID.sub(" ", text))
    text = re.sub(r"\b(?:recs?|recommendations?|ng\s?234)\b\.?", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def is_why(text: str) -> bool:
    """True for a question about the committee's reasons ("why ...", "rationale for ...")."""
    return WHY_WORDS.search(text) is not None


# --- fusion -----------------------------------------------------------------------------------


def standardise(scores: np.ndarray) -> np.ndarray:
    """z-scores over the corpus: how many standard deviations above the average passage."""
    values = scores.astype(np.float64)
    spread = float(values.std())
    if spread == 0.0:
        return np.zeros_like(values)
    return (values - values.mean()) / spread


def fuse(
    scores: Sequence[np.ndarray], weights: Sequence[float], temperature: float
) -> dict[int, float]:
    """Score fusion: exp((sum of weight * z-score - best) / temperature), best passage 1.0.

    Each ranker's scores (cosine, BM25) are standardised over all passages, so they share
    one scale and a ranker that is sure (a wide margin) outweighs one that is not, which rank
    fusion throws away. Weights are normalised to sum to 1. Only passages that some ranker
    scores above zero are candidates.
    """
    if len(scores) != len(weights) or not scores:
        raise ValueError("one weight per ranker, and at least one ranker")
    total = sum(weights)
    if total <= 0 or temperature <= 0:
        raise ValueError("weights must sum to more than 0 and the temperature be positive")
    combined = sum(w / total * standardise(s) for s, w in zip(scores, weights, strict=True))
    relevance = np.exp((combined - combined.max()) / temperature)
    candidates = np.flatnonzero(np.any(np.stack(scores) > 0, axis=0))
    return {int(i): float(relevance[i]) for i in candidates}


@dataclass(frozen=True)
class Intent:
    """What the wording of a query asks for, beyond its topic."""

    why: bool = False
    definition: bool = False
    research: bool = False
    ids: tuple[str, ...] = ()


def intent_of(text: str, known: Mapping[str, Passage]) -> tuple[Intent, list[str]]:
    """The query's intent, and any ids it names that NG234 does not have."""
    ids, unknown = explicit_ids(text, known)
    why = is_why(text)
    definition = not why and DEFINITION_WORDS.search(text) is not None
    research = not why and RESEARCH_WORDS.search(text) is not None
    intent = Intent(why=why, definition=definition, research=research, ids=tuple(ids))
    return intent, unknown


def priors_for(intent: Intent, priors: Mapping[str, float] = KIND_PRIOR) -> dict[str, float]:
    """Kind priors for this intent: a definition question lifts terms, a research one research."""
    adjusted = dict(priors)
    if intent.definition:
        adjusted["term"] = DEFINITION_PRIOR
    if intent.research:
        adjusted["research"] = RESEARCH_PRIOR
    return adjusted


def rerank(
    fused: Mapping[int, float],
    passages: Sequence[Passage],
    intent: Intent = Intent(),
    priors: Mapping[str, float] = KIND_PRIOR,
) -> list[tuple[int, float]]:
    """Kind priors, the rationale rule, then named ids first; ties by corpus order.

    `fused` maps passage positions to fused scores. A rationale explains the recommendations
    it covers: in a why question it scores WHY_BOOST times the best of its own score and
    theirs (so it ranks above them); in any other question it never ranks above the best of
    them (the recommendation answers; its reasons follow it).
    """
    kind_prior = priors_for(intent, priors)
    scores = {i: s * kind_prior.get(passages[i].kind, 1.0) for i, s in fused.items()}
    position = {p.id: i for i, p in enumerate(passages)}
    for i, passage in enumerate(passages):
        if passage.kind != "rationale":
            continue
        covered = [position[c] for c in passage.covers if c in position]
        if intent.why:
            lifted = max([fused.get(j, 0.0) for j in (i, *covered)]) * WHY_BOOST
            if lifted > 0:
                scores[i] = lifted
        elif i in scores:
            below = [scores[j] for j in covered if j in scores]
            if below:
                scores[i] = min(scores[i], float(np.nextafter(max(below), 0.0)))
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    pinned = pinned_positions(intent.ids, passages, intent.why)
    top = ranked[0][1] if ranked else 0.0
    front = [(i, top + len(pinned) - n) for n, i in enumerate(pinned)]
    return front + [(i, s) for i, s in ranked if i not in set(pinned)]


def pinned_positions(ids: Sequence[str], passages: Sequence[Passage], why: bool) -> list[int]:
    """Positions of the named passages; for a why question each rationale comes before its rec."""
    position = {p.id: i for i, p in enumerate(passages)}
    pinned: list[int] = []
    for pid in ids:
        if pid not in position:
            continue
        passage = passages[position[pid]]
        if why and passage.rationale_id and passage.rationale_id in position:
            pinned.append(position[passage.rationale_id])
        pinned.append(position[pid])
    return list(dict.fromkeys(pinned))


# --- the retriever ----------------------------------------------------------------------------


class Retriever:
    """Hybrid search over the NG234 passages; build with `Retriever.load(settings)`."""

    def __init__(
        self,
        settings: Settings,
        passages: Sequence[Passage],
        index: faiss.Index,
        encoder: Encoder,
        vocab: Vocabulary,
        manifest: search_index.Manifest | None = None,
    ) -> None:
        if index.ntotal != len(passages):
            raise SearchIndexError(
                f"the index holds {index.ntotal} vectors for {len(passages)} passages"
            )
        self.settings = settings
        self.passages = tuple(passages)
        self.by_id = corpus.by_id(self.passages)
        self.index = index
        self.manifest = manifest
        self.encoder = encoder
        self.expander = Expander(vocab)
        documents = [search_index.document_text(p) for p in self.passages]
        self.bm25 = bm25s.BM25()
        self.bm25.index([tokenize(d) for d in documents], show_progress=False)
        corpus_words = {w for d in documents for w in _WORD.findall(d.lower()) if w.isalpha()}
        vocab_words = vocab.words()
        self._targets = tuple(sorted(w for w in corpus_words | vocab_words if len(w) >= 4))
        self._known = frozenset(corpus_words | vocab_words | encoder.known_words | STOPWORDS)
        self._correct = lru_cache(maxsize=4096)(self._correct_word)
        literals = " ".join(self.expander.literals())
        self._lexicon = frozenset(self.bm25.vocab_dict) | frozenset(tokenize(literals))

    @classmethod
    def load(cls, settings: Settings) -> Retriever:
        """Load the corpus, the verified FAISS index, the model and the vocabulary."""
        passages = corpus.load(settings.corpus_path)
        loaded = search_index.load(settings, passages)
        encoder = embedding.load_encoder(settings)
        if encoder.dimension != loaded.manifest.dimension:
            raise SearchIndexError(
                f"the index has dimension {loaded.manifest.dimension}; the model gives "
                f"{encoder.dimension}"
            )
        return cls(
            settings, passages, loaded.index, encoder, vocabulary.load(), manifest=loaded.manifest
        )

    @property
    def index_hashes(self) -> dict[str, str | None]:
        """Corpus and FAISS sha256 of the index loaded in memory (None if built without one)."""
        if self.manifest is None:
            return {"corpus_sha256": None, "index_sha256": None}
        return dict(self.manifest.hashes)

    # query preparation
    def _correct_word(self, word: str) -> str:
        lower = word.lower()
        if len(lower) < FUZZY_MIN_LENGTH or lower in self._known or "'" in lower:
            return word
        match = process.extractOne(
            lower, self._targets, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return match[0] if match else word

    def correct(self, text: str) -> str:
        """The text with misspelt words replaced by the nearest corpus word (if close enough)."""
        return _ALPHA_WORD.sub(lambda m: self._correct(m.group(0)), text)

    def prepare(self, query: object) -> tuple[str, tuple[str, ...]]:
        """The cleaned, length-limited query and any notices; InvalidInputError if empty."""
        if not isinstance(query, str):
            raise InvalidInputError(f"a search query must be text, not {type(query).__name__}")
        notices: list[str] = []
        limit = self.settings.max_query_chars
        if len(query) > limit:
            notices.append(
                f"The query was {len(query)} characters; only the first {limit} were searched."
            )
            query = query[:limit]
        text = clean_query(query)
        if not text:
            raise InvalidInputError("the search query is empty; type a question about NG234")
        return text, tuple(notices)

    def base(self, text: str) -> str:
        """The query's words for the rankers: explicit ids removed, typos corrected."""
        return self.correct(strip_ids(text))

    def expand(self, text: str) -> str:
        """The text the embedding sees: explicit ids removed, typos corrected, vocabulary added."""
        expanded, _ = self.expander.expand(self.base(text))
        return expanded

    # the rankers
    def dense_scores(self, text: str) -> np.ndarray:
        """Cosine similarity of the text to every passage, in corpus order."""
        vector = self.encoder.encode([text]).astype(np.float32)
        faiss.normalize_L2(vector)
        sims, order = self.index.search(vector, self.index.ntotal)
        scores = np.zeros(self.index.ntotal, dtype=np.float32)
        scores[order[0]] = sims[0]
        return scores

    def bm25_scores(self, text: str) -> np.ndarray:
        """BM25 score of the (unexpanded) text against every passage, in corpus order.

        Each distinct word counts once, and so does each vocabulary concept: "cord
        compression" scores the mean of its two forms (the words typed, NICE's "MSCC"), each
        form the mean of its words. Summing both forms would count an expanded concept two or
        three times over the plain words of the query, and let a rare wording (NG234 mostly
        says "MSCC") outweigh the concept's common one.
        """
        rest, concepts = self.expander.concepts(text)
        words = list(dict.fromkeys(tokenize(rest)))
        seen = set(words)
        total = np.zeros(len(self.passages), dtype=np.float64)
        for word in words:
            if word in self.bm25.vocab_dict:
                total += self._word_scores(word)
        for literal, expansion in concepts:
            forms = [self._form_scores(form, seen) for form in (literal, expansion)]
            used = [f for f in forms if f is not None]  # a form NG234 never uses says nothing
            if used:
                total += sum(used) / len(used)
            seen.update(tokenize(f"{literal} {expansion}"))
        return total.astype(np.float32)

    def _word_scores(self, word: str) -> np.ndarray:
        return np.asarray(self.bm25.get_scores([word]), dtype=np.float64)

    def _form_scores(self, form: str, seen: set[str]) -> np.ndarray | None:
        """Mean BM25 scores of the form's words not already counted (None if NG234 has none)."""
        words = [w for w in dict.fromkeys(tokenize(form)) if w not in seen]
        known = [w for w in words if w in self.bm25.vocab_dict]
        if not known:
            return None
        return sum(self._word_scores(w) for w in known) / len(known)

    def search(self, query: str, k: int = 5, mode: Mode = "hybrid") -> SearchResult:
        """The k best passages for a query (InvalidInputError for an empty one)."""
        if mode not in MODES:
            raise InvalidInputError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        if k < 1:
            raise InvalidInputError("k must be at least 1")
        text, notices = self.prepare(query)
        intent, unknown = intent_of(text, self.by_id)
        notices += tuple(f"NG234 has no passage {pid}." for pid in unknown)
        words = self.base(text)
        expanded, _ = self.expander.expand(words)
        if intent.ids:
            # A named passage is the topic: rank the others by their likeness to it.
            named = search_index.document_text(self.by_id[intent.ids[0]])
            words = f"{words} {named}".strip()
            expanded = f"{expanded} {named}".strip()
        dense = self.dense_scores(expanded or text)
        s = self.settings
        scores: list[np.ndarray] = []
        weights: list[float] = []
        if mode in ("hybrid", "dense"):
            scores.append(dense)
            weights.append(s.dense_weight)
        if mode in ("hybrid", "bm25"):
            scores.append(self.bm25_scores(words))
            weights.append(s.bm25_weight)
        fused = fuse(scores, weights, s.fusion_temperature)
        ranked = rerank(fused, self.passages, intent)
        hits = tuple(self._hit(i, score) for i, score in ranked[:k])
        top = round(float(dense.max()), SCORE_DECIMALS)
        coverage = 1.0 if intent.ids else self.coverage(text)
        return SearchResult(
            query=text,
            hits=hits,
            notices=notices,
            top_similarity=top,
            lexical_coverage=round(coverage, SCORE_DECIMALS),
            in_scope=top >= s.oos_threshold
            and (coverage >= s.oos_min_coverage or top >= s.oos_confident_similarity),
        )

    def coverage(self, text: str) -> float:
        """Share of the query's content words that NG234 or the vocabulary uses (typos fixed)."""
        words = tokenize(self.correct(strip_ids(text)))
        if not words:
            return 0.0
        return sum(1 for w in words if w in self._lexicon) / len(words)

    def _hit(self, position: int, score: float) -> Hit:
        p = self.passages[position]
        return Hit(
            id=p.id,
            kind=p.kind,
            covers=p.covers,
            section=p.section,
            score=round(score, SCORE_DECIMALS),
        )
