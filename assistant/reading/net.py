"""The semantic safety net: clauses the lexicon missed, compared with red-flag exemplars.

A clause with no mention may still state a Box 1 cord red flag in words the vocabulary lacks
("legs like jelly"). Each clause is embedded with the retriever's MiniLM and compared with
clinician-written exemplars of the six red flags (assistant/data/exemplars.json). A suggestion
only ever becomes a question, never a fact: sentence embeddings read negation poorly, so the
net judges topic, not polarity ("no jelly legs" may still be suggested). Design: reading.md 2.8.

Decision for one clause (cosines rounded to three decimals, so the same input gives the same
output):
  (a) the best red flag's cosine (max over its exemplars) reaches that fact's threshold;
  (b) it beats the best negative exemplar (small talk, other symptoms, plans, questions);
  (c) if the runner-up red flag is within `margin` of it, both are reported, each on its own
      threshold and (b): asking about two red flags costs a question, missing one can cost a
      cord (NG234 1.3.2), and weakness, gait and sensation overlap in how people say them.
Thresholds and margin are data, chosen on dev paraphrases the lexicon misses: per fact the
highest threshold keeping dev recall >= 0.9 (a fact counts as found when it is among the
clause's suggestions); the margin is the one with the fewest dev false alarms among those
letting every fact reach that recall. A close second costs little: red flags not yet known
are asked about anyway (answers/questions.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.case import catalogue
from assistant.reading.lexicon import load_validated
from assistant.search.embedding import Encoder
from assistant.settings import DATA_DIR

EXEMPLARS_FILE = DATA_DIR / "exemplars.json"
#: Cosines are rounded to this many decimals before any comparison (determinism, audit).
DECIMALS = 3
#: Exemplar embeddings kept per (encoder, exemplar texts); a few encoders at most per process.
_CACHE_SIZE = 4
#: A clause needs a word of two letters or more to be read ("??" is not a clause).
_WORDY = re.compile(r"[^\W\d_]{2,}")


# ----------------------------------------------------------------------------- data file


class NetFact(BaseModel):
    """One red flag: its threshold and the phrasings that state it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    threshold: float = Field(gt=0, lt=1, description="Min cosine to suggest; chosen on dev.")
    exemplars: tuple[str, ...] = Field(min_length=20, max_length=60)


class Exemplars(BaseModel):
    """The validated contents of exemplars.json: six red flags and the negatives."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = Field(ge=1)
    note: str = ""
    margin: float = Field(
        ge=0, lt=1, description="Runner-up within this cosine of the best: report both."
    )
    facts: tuple[NetFact, ...]
    negatives: tuple[str, ...] = Field(
        min_length=20, description="Phrases that are not findings; a clause nearer one is not."
    )

    @model_validator(mode="after")
    def _check(self) -> Exemplars:
        flags = {name for name, spec in catalogue().items() if spec.red_flag}
        names = [f.fact for f in self.facts]
        if sorted(names) != sorted(flags) or len(set(names)) != len(names):
            raise ValueError(f"facts must be the red flags {sorted(flags)} once each: {names}")
        seen: dict[str, str] = {}
        groups = [(f.fact, f.exemplars) for f in self.facts] + [("negatives", self.negatives)]
        for owner, texts in groups:
            for text in texts:
                key = " ".join(text.lower().split())
                if not key:
                    raise ValueError(f"{owner}: empty exemplar")
                if key in seen:
                    raise ValueError(f"{text!r} is listed under {seen[key]} and {owner}")
                seen[key] = owner
        return self

    @property
    def digest(self) -> str:
        """sha256 of the whole validated content (exemplars, thresholds, margin), for audit."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()

    def texts(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Every exemplar in a fixed order, and the fact (or '') each belongs to."""
        texts = [t for f in self.facts for t in f.exemplars] + list(self.negatives)
        owners = [f.fact for f in self.facts for _ in f.exemplars] + [""] * len(self.negatives)
        return tuple(texts), tuple(owners)


def load_exemplars(path: Path = EXEMPLARS_FILE) -> Exemplars:
    """Read and validate an exemplars file."""
    return load_validated(path, Exemplars)


# ----------------------------------------------------------------------------- results


class Suggestion(BaseModel):
    """A red flag a clause may state: to be asked about, never recorded as a fact."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    clause: str = Field(description="The clause as given (stripped).")
    cosine: float = Field(description="Max cosine to the fact's exemplars, 3 decimals.")
    exemplar: str = Field(description="The nearest exemplar of the fact.")
    runner_up: str = Field(description="The nearest other red flag.")
    margin: float = Field(
        description="This cosine minus the runner-up's; negative when reported as a close second."
    )


class Scores(BaseModel):
    """One clause against every red flag and the negatives (rounded; for tuning and audit)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    clause: str
    cosines: dict[str, float] = Field(description="Fact -> max cosine to its exemplars.")
    nearest: dict[str, str] = Field(description="Fact -> its nearest exemplar.")
    negative: float = Field(description="Max cosine to the negative exemplars.")
    negative_exemplar: str

    def ranked(self) -> list[str]:
        """Facts by cosine, best first (ties by name, so the order is fixed)."""
        return sorted(self.cosines, key=lambda f: (-self.cosines[f], f))


# ----------------------------------------------------------------------------- the net

_EMBEDDINGS: dict[tuple[int, str, str, str], tuple[Encoder, np.ndarray]] = {}


def _exemplar_vectors(encoder: Encoder, texts: tuple[str, ...]) -> np.ndarray:
    """Embeddings of the exemplars, computed once per encoder and exemplar set."""
    digest = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()
    key = (id(encoder), encoder.name, encoder.version, digest)
    if key not in _EMBEDDINGS:
        if len(_EMBEDDINGS) >= _CACHE_SIZE:
            _EMBEDDINGS.pop(next(iter(_EMBEDDINGS)))
        # The encoder is kept with its vectors, so its id cannot be reused while cached.
        _EMBEDDINGS[key] = (encoder, encoder.encode(texts))
    return _EMBEDDINGS[key][1]


class SafetyNet:
    """Exemplars and their embeddings: clauses in, red-flag suggestions out."""

    def __init__(self, exemplars: Exemplars, encoder: Encoder) -> None:
        self.exemplars = exemplars
        self.encoder = encoder
        self._texts, owners = exemplars.texts()
        self._vectors = _exemplar_vectors(encoder, self._texts)
        self._facts = tuple(f.fact for f in exemplars.facts)
        self._rows = {f: np.flatnonzero([o == f for o in owners]) for f in (*self._facts, "")}
        self._threshold = {f.fact: f.threshold for f in exemplars.facts}

    @property
    def audit(self) -> dict[str, str]:
        """Model name and revision, and the exemplar file's hash (docs: reading.md 2.8)."""
        return {
            "model": self.encoder.name,
            "model_version": self.encoder.version,
            "exemplars_version": str(self.exemplars.version),
            "exemplars_sha256": self.exemplars.digest,
        }

    def score(self, clauses: Sequence[str]) -> list[Scores]:
        """Each clause's rounded cosine to every red flag and to the negatives."""
        if not clauses:
            return []
        sims = np.asarray(self.encoder.encode(list(clauses)), dtype=np.float64)
        sims = np.round(sims @ self._vectors.T.astype(np.float64), DECIMALS)
        out = []
        for clause, row in zip(clauses, sims, strict=True):
            best: dict[str, tuple[float, str]] = {}
            for fact in (*self._facts, ""):
                idx = self._rows[fact]
                i = int(idx[int(np.argmax(row[idx]))])  # first maximum: a fixed choice
                best[fact] = (float(row[i]), self._texts[i])
            out.append(
                Scores(
                    clause=clause,
                    cosines={f: best[f][0] for f in self._facts},
                    nearest={f: best[f][1] for f in self._facts},
                    negative=best[""][0],
                    negative_exemplar=best[""][1],
                )
            )
        return out

    def decide(self, scores: Scores) -> list[Suggestion]:
        """Rules (a)-(c) of the module docstring applied to one clause's scores."""
        top, second = scores.ranked()[:2]
        gap = round(scores.cosines[top] - scores.cosines[second], DECIMALS)
        pairs = [(top, second)] + ([(second, top)] if gap < self.exemplars.margin else [])
        found = []
        for fact, other in pairs:
            cosine = scores.cosines[fact]
            if cosine >= self._threshold[fact] and cosine > scores.negative:
                found.append(
                    Suggestion(
                        fact=fact,
                        clause=scores.clause,
                        cosine=cosine,
                        exemplar=scores.nearest[fact],
                        runner_up=other,
                        margin=round(cosine - scores.cosines[other], DECIMALS),
                    )
                )
        return found

    def suggest(self, clauses: Sequence[str]) -> list[Suggestion]:
        """Red flags the clauses may state, in clause order (each clause and fact once)."""
        wanted = list(dict.fromkeys(c.strip() for c in clauses if _WORDY.search(c)))
        return [s for scores in self.score(wanted) for s in self.decide(scores)]


# ----------------------------------------------------------------------------- clauses

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7]+|\(?\d{1,2}[.)](?!\d))\s*")
_SPLIT = re.compile(
    r"(?<=[.!?])\s+"  # sentence ends
    r"|[;\u2022]"  # semicolons, inline bullets
    r"|\s+/\s+"  # a spaced slash ("weak legs / can't pee"); "b/b" and "130/80" stay whole
    r"|,\s*but\s+|\s+but\s+",  # ", but" / " but" joins two statements
    re.IGNORECASE,
)
_EDGE = " \t,.:;-*"


def clauses(text: str) -> list[str]:
    """Split a message into clauses for the net: lines, bullets, sentences, ';', ' / ', 'but'."""
    out: list[str] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line)
        for part in _SPLIT.split(line):
            part = part.strip(_EDGE)
            if _WORDY.search(part):
                out.append(part)
    return out
