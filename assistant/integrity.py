"""Integrity of the installed embedding model: its files against pip's RECORD hashes.

The index manifest pins the model package's name and version, but not the bytes of its
weights: a model file edited or replaced in site-packages (same version) would change every
embedding silently. pip writes the sha256 of every installed file into the distribution's
RECORD; `verify_distribution` re-hashes the files and names any that differ or are missing
(docs/SAFETY.md, H13). `ng234 verify` runs it with the index check.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
from pathlib import Path

from assistant.embedding import distribution_name
from assistant.errors import ModelUnavailableError

_CHUNK = 1 << 20


def _digest(path: Path, algorithm: str) -> str:
    h = hashlib.new(algorithm)
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            h.update(chunk)
    return base64.urlsafe_b64encode(h.digest()).rstrip(b"=").decode("ascii")


def verify_distribution(dist: importlib.metadata.Distribution) -> list[str]:
    """Files of an installed distribution that are missing or differ from its RECORD hashes."""
    problems = []
    checked = 0
    for file in dist.files or ():
        if file.hash is None:  # RECORD itself, and .pyc files written after install
            continue
        path = Path(str(file.locate()))
        try:
            actual = _digest(path, file.hash.mode)
        except FileNotFoundError:
            problems.append(f"{file}: missing")
            continue
        except (OSError, ValueError) as exc:
            problems.append(f"{file}: cannot be checked ({exc})")
            continue
        checked += 1
        if actual != file.hash.value:
            problems.append(f"{file}: sha256 differs from the installed RECORD")
    if not checked and not problems:
        problems.append(f"{dist.metadata['Name']}: no RECORD hashes to check against")
    return problems


def verify_model_package(package: str) -> list[str]:
    """verify_distribution for the model package; ModelUnavailableError if it is not installed."""
    try:
        dist = importlib.metadata.distribution(distribution_name(package))
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelUnavailableError(
            f"the embedding model package {distribution_name(package)!r} is not installed"
        ) from exc
    return verify_distribution(dist)
