"""Reading evaluation sets: JSON Lines validated row by row, naming the line of a bad row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from assistant.errors import InvalidInputError

Row = TypeVar("Row", bound=BaseModel)


def load_rows(path: Path, model: type[Row], what: str = "row") -> list[Row]:
    """Every non-blank line of `path` as a `model`; an invalid line raises InvalidInputError."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InvalidInputError(f"cannot read {path}: {exc.strerror}") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InvalidInputError(f"{path} line {number}: not a valid {what} ({exc})") from exc
    return rows
