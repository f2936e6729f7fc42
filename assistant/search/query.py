"""The words of a search query: cleaning, stemming, BM25 tokens, named ids, and its intent."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import bm25s

from assistant.guideline.corpus import Passage

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

#: "Is there research on ...": NG234's recommendations for research answer these.
RESEARCH_WORDS = re.compile(r"\bresearch\b", re.IGNORECASE)

#: Explicit citations: "1.8.1", "rec 1.10.5", "recommendation 1.3.2", "box 1", "box-1".
_REC_ID = re.compile(r"(?<![\d.])(1\.\d{1,2}\.\d{1,2})(?![\d]|\.\d)")
_BOX_ID = re.compile(r"\bbox[\s-]?(\d{1,2})\b", re.IGNORECASE)

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

WORD = re.compile(r"[a-z0-9]+")


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
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOPWORDS]


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
