"""The semantic safety net with the real MiniLM: right red flag for unseen phrasings, none for
small talk, other symptoms, questions and observations; deterministic; the data file validated."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from assistant.case import catalogue
from assistant.errors import InvalidInputError
from assistant.reading import net
from assistant.search import embedding
from assistant.settings import Settings

# Phrasings held out from the exemplars (and from the dev data the thresholds were chosen on).
HELD_OUT = [
    ("legs like jelly", "limb_weakness"),
    ("struggled to start passing urine", "bladder_bowel_dysfunction"),
    ("toes go up when I scratch his soles", "cord_signs"),
    ("no feeling below the waist", "sensory_loss"),
    ("walking like she's on a boat", "gait_disturbance"),
    ("pain down the back of the thigh", "radicular_pain"),
]
NOT_FINDINGS = [
    "daughter visiting tomorrow",
    "no fever",
    "what dose of dexamethasone?",
    "BP 130/80",
    "ok thanks",
]


@pytest.fixture(scope="module")
def encoder(settings: Settings) -> embedding.SentenceEncoder:
    return embedding.load_encoder(settings)


@pytest.fixture(scope="module")
def exemplars() -> net.Exemplars:
    return net.load_exemplars()


@pytest.fixture(scope="module")
def safety_net(exemplars: net.Exemplars, encoder) -> net.SafetyNet:
    return net.SafetyNet(exemplars, encoder)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


# ----------------------------------------------------------------------------- suggestions


@pytest.mark.parametrize(("clause", "fact"), HELD_OUT)
def test_suggests_the_right_red_flag_for_unseen_phrasings(safety_net, clause, fact) -> None:
    found = safety_net.suggest([clause])
    assert found, f"nothing suggested for {clause!r}"
    assert found[0].fact == fact
    top = found[0]
    assert top.clause == clause
    assert top.cosine >= next(f.threshold for f in safety_net.exemplars.facts if f.fact == fact)
    assert top.exemplar in next(f.exemplars for f in safety_net.exemplars.facts if f.fact == fact)
    assert top.runner_up != fact and top.margin >= 0


@pytest.mark.parametrize("clause", NOT_FINDINGS)
def test_suggests_nothing_for_what_is_not_a_finding(safety_net, clause) -> None:
    assert safety_net.suggest([clause]) == []


def test_held_out_phrasings_are_not_exemplars(exemplars) -> None:
    texts = {_normal(t) for t in exemplars.texts()[0]}
    assert not {_normal(c) for c, _ in HELD_OUT} & texts
    assert not {_normal(c) for c in NOT_FINDINGS} & texts


def test_judges_topic_not_polarity(safety_net) -> None:
    # Embeddings read negation poorly: a negated finding may still be suggested, and a
    # suggestion only ever becomes a question (reading.md 2.8), never "yes".
    assert [s.fact for s in safety_net.suggest(["no jelly legs"])] == ["limb_weakness"]


def test_each_clause_in_order_and_empty_ones_skipped(safety_net) -> None:
    clauses = ["legs like jelly", "", "??", "daughter visiting tomorrow"]
    found = safety_net.suggest([*clauses, "toes go up when I scratch his soles", "legs like jelly"])
    assert [(s.clause, s.fact) for s in found] == [
        ("legs like jelly", "limb_weakness"),
        ("toes go up when I scratch his soles", "cord_signs"),
    ]
    assert safety_net.suggest([]) == []


def test_close_runner_up_is_reported_too(safety_net, exemplars) -> None:
    # A clause equally near two red flags: both are asked about, each on its own threshold.
    scores = net.Scores(
        clause="x",
        cosines={f.fact: 0.1 for f in exemplars.facts}
        | {"limb_weakness": 0.9, "gait_disturbance": 0.89},
        nearest={f.fact: f.exemplars[0] for f in exemplars.facts},
        negative=0.2,
        negative_exemplar=exemplars.negatives[0],
    )
    found = safety_net.decide(scores)
    assert [(s.fact, s.runner_up, s.margin) for s in found] == [
        ("limb_weakness", "gait_disturbance", 0.01),
        ("gait_disturbance", "limb_weakness", -0.01),
    ]
    nearer_negative = scores.model_copy(update={"negative": 0.95})
    assert safety_net.decide(nearer_negative) == []


# ----------------------------------------------------------------------------- determinism


def test_same_input_same_output(safety_net, exemplars, encoder) -> None:
    clauses = [c for c, _ in HELD_OUT] + NOT_FINDINGS
    first = safety_net.suggest(clauses)
    again = net.SafetyNet(exemplars, encoder).suggest(clauses)
    assert first == again
    for s in first:
        assert s.cosine == round(s.cosine, 3) and s.margin == round(s.margin, 3)
    for scores in safety_net.score(clauses):
        assert all(v == round(v, 3) for v in scores.cosines.values())


@dataclass
class _Counting:
    """The real encoder, counting how many texts it is asked to embed."""

    inner: embedding.SentenceEncoder
    texts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name, self.version = self.inner.name, self.inner.version
        self.dimension, self.known_words = self.inner.dimension, self.inner.known_words

    def encode(self, texts) -> np.ndarray:
        self.texts.append(len(texts))
        return self.inner.encode(texts)


def test_exemplar_embeddings_are_computed_once_per_encoder(exemplars, encoder) -> None:
    counting = _Counting(encoder)
    net.SafetyNet(exemplars, counting)
    net.SafetyNet(exemplars, counting).suggest(["legs like jelly"])
    assert counting.texts == [len(exemplars.texts()[0]), 1]


def test_audit_names_the_model_and_the_exemplar_hash(safety_net, settings: Settings) -> None:
    audit = safety_net.audit
    assert audit["model"] == settings.model_name
    assert audit["model_version"] == embedding.package_version(settings.model_package)
    assert len(audit["exemplars_sha256"]) == 64


# ----------------------------------------------------------------------------- the data file


def test_exemplars_file_validates(exemplars) -> None:
    flags = {name for name, spec in catalogue().items() if spec.red_flag}
    assert {f.fact for f in exemplars.facts} == flags and len(exemplars.facts) == 6
    assert exemplars.version >= 1
    for f in exemplars.facts:
        assert 30 <= len(f.exemplars) <= 50, f.fact
        assert 0 < f.threshold < 1, f.fact
    assert 0 <= exemplars.margin < 1
    assert len(exemplars.negatives) >= 50


def _write(tmp_path: Path, raw: dict) -> Path:
    path = tmp_path / "exemplars.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change",
    [
        lambda raw: raw.update(extra=1),
        lambda raw: raw["facts"][0].update(threshold=1.2),
        lambda raw: raw["facts"][0].update(fact="back_pain"),
        lambda raw: raw["facts"].pop(),
        lambda raw: raw["negatives"].append(raw["facts"][0]["exemplars"][0].upper()),
        lambda raw: raw["facts"][0].update(exemplars=["weak legs"]),
    ],
    ids=["extra-key", "threshold", "not-a-red-flag", "missing-fact", "duplicate", "too-few"],
)
def test_invalid_exemplars_are_refused(tmp_path: Path, change) -> None:
    raw = json.loads(net.EXEMPLARS_FILE.read_text(encoding="utf-8"))
    change(raw)
    with pytest.raises(InvalidInputError):
        net.load_exemplars(_write(tmp_path, raw))


# ----------------------------------------------------------------------------- clauses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("legs like jelly", ["legs like jelly"]),
        (
            "60F breast ca. Legs like jelly; cant wee",
            ["60F breast ca", "Legs like jelly", "cant wee"],
        ),
        (
            "- walking funny\n* numb bum\n\u2022 toes up\n1. BP 130/80\n2) no fever",
            ["walking funny", "numb bum", "toes up", "BP 130/80", "no fever"],
        ),
        ("weak legs / can't pee", ["weak legs", "can't pee"]),
        ("b/b normal, BP 130/80", ["b/b normal, BP 130/80"]),
        ("back pain, but legs like jelly", ["back pain", "legs like jelly"]),
        ("sore back but walking funny", ["sore back", "walking funny"]),
        ("any weakness? no!", ["any weakness?", "no!"]),
        ("", []),
        ("?? ...", []),
    ],
)
def test_clauses(text: str, expected: list[str]) -> None:
    assert net.clauses(text) == expected
