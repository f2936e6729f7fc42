"""Evaluation sets: JSON Lines validated row by row, and each row asked as a first turn."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.errors import InvalidInputError

Row = TypeVar("Row", bound=BaseModel)
Result = TypeVar("Result")

if TYPE_CHECKING:
    from assistant.answers.answer import Answer
    from assistant.answers.conversation import Conversation


def load_rows(path: Path, model: type[Row], what: str = "row") -> list[Row]:
    """Every non-blank line of `path` as a `model`; an invalid line raises InvalidInputError."""
    rows, invalid = load_valid_rows(path, model, what)
    if invalid:
        raise InvalidInputError(invalid[0])
    return rows


def load_valid_rows(path: Path, model: type[Row], what: str = "row") -> tuple[list[Row], list[str]]:
    """The valid lines of `path` as `model`s, and one message per invalid line (line number,
    id if it has one, and why): a sealed set a writer got partly wrong is scored on the rest,
    never edited, and what was left out is reported."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InvalidInputError(f"cannot read {path}: {exc.strerror}") from exc
    rows, invalid = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        raw = None
        try:
            raw = json.loads(line)
            rows.append(model.model_validate(raw))
        except (json.JSONDecodeError, ValidationError) as exc:
            named = f" (id {raw['id']})" if isinstance(raw, dict) and "id" in raw else ""
            invalid.append(f"{path} line {number}{named}: not a valid {what} ({exc})")
    return rows, invalid


def each_first_turn(
    conversation: Conversation,
    rows: Iterable[Any],
    score: Callable[[Any, Answer], Result],
) -> list[Result]:
    """Each row's `text` as the first message of a new conversation, scored."""
    from assistant.answers.session import new_session

    return [score(row, conversation.respond(new_session(), row.text)[1]) for row in rows]
