"""Hybrid passage search over NG234: dense (FAISS) and BM25 scores fused on one scale.

One query goes through: clean and truncate -> explicit ids ("1.8.1", "box 1") -> typo
correction against the corpus words -> vocabulary expansion ("dex" -> dexamethasone) ->
one embedding and one BM25 scoring (each vocabulary concept counted as one word) ->
score fusion: each ranker's scores standardised over the corpus (z-scores), a weighted sum,
then kind priors -> "why" questions lift the rationale of the matched recommendations, other
questions keep each rationale below its own recommendations -> pinned ids first.
Everything after the embedding is plain Python over 160 passages: about two milliseconds.

The query's words and intent are in `query`, the fusion and reranking in `fusion`; this
module holds the `Retriever` and its results, and re-exports the names other code uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
from assistant.search.fusion import (
    DEFINITION_PRIOR,
    KIND_PRIOR,
    RESEARCH_PRIOR,
    WHY_BOOST,
    fuse,
    pinned_positions,
    priors_for,
    rerank,
    standardise,
)
from assistant.search.query import (
    DEFINITION_WORDS,
    RESEARCH_WORDS,
    STOPWORDS,
    WHY_WORDS,
    WORD,
    Intent,
    clean_query,
    explicit_ids,
    intent_of,
    is_why,
    stem,
    strip_ids,
    tokenize,
)
from assistant.search.vocabulary import Expander, Vocabulary
from assistant.settings import Settings

__all__ = [
    "DEFINITION_PRIOR",
    "DEFINITION_WORDS",
    "FUZZY_CUTOFF",
    "FUZZY_MIN_LENGTH",
    "KIND_PRIOR",
    "MODES",
    "RESEARCH_PRIOR",
    "RESEARCH_WORDS",
    "SCORE_DECIMALS",
    "STOPWORDS",
    "WHY_BOOST",
    "WHY_WORDS",
    "Hit",
    "Intent",
    "Mode",
    "Retriever",
    "SearchResult",
    "clean_query",
    "explicit_ids",
    "fuse",
    "intent_of",
    "is_why",
    "pinned_positions",
    "priors_for",
    "rerank",
    "standardise",
    "stem",
    "strip_ids",
    "tokenize",
]

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")

#: Typo correction: only words this long, and only to a corpus word this similar (0-100).
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 85.0

SCORE_DECIMALS = 6

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
        corpus_words = {w for d in documents for w in WORD.findall(d.lower()) if w.isalpha()}
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
