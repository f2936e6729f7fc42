"""Score fusion and reranking: z-scored rankers combined, kind priors, rationale rule, pins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from assistant.guideline.corpus import Passage
from assistant.search.query import Intent

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

#: Prior for a term passage in a definition question (above a recommendation that matches).
DEFINITION_PRIOR = 1.3

#: Prior for a research passage in a research question (as a term in a definition question).
RESEARCH_PRIOR = 1.3

#: The intent of a plain topic question (no why, definition, research or named ids).
_PLAIN = Intent()


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
    intent: Intent = _PLAIN,
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
