"""The dense search index on disk: a FAISS file plus a manifest that proves it is current.

`index/ng234.faiss` holds one L2-normalised float32 vector per NG234 passage (IndexFlatIP, so
inner product is cosine similarity); `index/manifest.json` records what it was built from. A
load re-checks everything the manifest claims, so a stale, truncated, tampered or
half-written index is refused with SearchIndexError instead of returning wrong passages.
Nothing is deserialised as Python objects: FAISS's own format and JSON only.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ModelUnavailableError, SearchIndexError
from assistant.guideline import corpus
from assistant.guideline.corpus import Passage
from assistant.search.embedding import Encoder, package_version
from assistant.settings import Settings

#: Bump when the file layout or the text that is embedded (see `document_text`) changes.
FORMAT_VERSION = 1
FAISS_FILE = "ng234.faiss"
MANIFEST_FILE = "manifest.json"


class Manifest(BaseModel):
    """What the FAISS file was built from; every field is re-checked on load."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format_version: int
    corpus_sha256: str = Field(description="sha256 of the corpus file the index was built from.")
    model_name: str
    model_package: str
    model_package_version: str
    dimension: int = Field(gt=0)
    passage_count: int = Field(ge=0)
    passage_ids: tuple[str, ...] = Field(description="Passage id of each vector, in index order.")
    faiss_file: str = FAISS_FILE
    faiss_sha256: str = Field(description="sha256 of the FAISS file, to detect tampering.")
    built_at: str = Field(description="Build time, ISO 8601 UTC.")
    build_seconds: float = Field(ge=0)

    @property
    def hashes(self) -> dict[str, str]:
        """What this index was built from and is: corpus and FAISS sha256 (the audit's fields)."""
        return {"corpus_sha256": self.corpus_sha256, "index_sha256": self.faiss_sha256}


@dataclass(frozen=True)
class IndexStatus:
    """The outcome of `check`: ok, or the first problem found."""

    ok: bool
    message: str
    manifest: Manifest | None = None


@dataclass(frozen=True)
class LoadedIndex:
    """A verified FAISS index and its manifest."""

    index: faiss.Index
    manifest: Manifest


# --- what is embedded -------------------------------------------------------------------------


def document_text(passage: Passage) -> str:
    """The text embedded (and BM25-indexed) for a passage: its titles, then NICE's words.

    Section and sub-heading give short recommendations their topic (1.8.2 never says
    "corticosteroid"); a rationale is labelled as the committee's reasons for its topic.
    """
    if passage.kind == "rationale":
        return f"Why: rationale for {passage.heading or passage.section_title}. {passage.text}"
    if passage.kind == "term":
        return f"Definition of {passage.heading}: {passage.text}"
    titles = [t for t in (passage.section_title, passage.heading) if t]
    if passage.kind == "box":
        titles = [passage.section_title or ""]
    head = ". ".join(dict.fromkeys(titles))
    return f"{head}. {passage.text}" if head else passage.text


# --- hashing and atomic writes -----------------------------------------------------------------


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return sha256_bytes(path.read_bytes())


def _file_mode() -> int:
    """The mode a plain new file gets under the current umask (mkstemp would give 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and os.replace, so readers never see half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())  # readable like any file: a shared deploy reads index/
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _atomic_write_index(index: faiss.Index, path: Path) -> str:
    """faiss.write_index to a temporary file, then os.replace; the sha256 of what was written."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        faiss.write_index(index, tmp)
        digest = sha256_file(Path(tmp))
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def _unwritable(folder: Path, exc: OSError) -> SearchIndexError:
    return SearchIndexError(
        f"cannot write the search index to {folder}: {exc.strerror or exc}",
        hint="Make the index folder writable (or set NG234_INDEX_DIR), then run "
        "`ng234 index build`.",
    )


def _check_writable(folder: Path) -> None:
    """Create the folder and prove a file can be written there, before minutes of work."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise _unwritable(folder, exc) from exc


# --- build ------------------------------------------------------------------------------------


def build_vectors(passages: Sequence[Passage], encoder: Encoder) -> np.ndarray:
    """One normalised float32 row per passage, in corpus order."""
    vectors = encoder.encode([document_text(p) for p in passages])
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    faiss.normalize_L2(vectors)
    return vectors


def build(settings: Settings, encoder: Encoder) -> Manifest:
    """Embed every passage and write the FAISS file and manifest into settings.index_dir."""
    start = time.perf_counter()
    folder = settings.index_dir
    _check_writable(folder)
    corpus_bytes = settings.corpus_path.read_bytes()
    passages = corpus.load(settings.corpus_path)
    vectors = build_vectors(passages, encoder)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    try:
        faiss_sha256 = _atomic_write_index(index, folder / FAISS_FILE)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            corpus_sha256=sha256_bytes(corpus_bytes),
            model_name=encoder.name,
            model_package=settings.model_package,
            model_package_version=encoder.version,
            dimension=int(vectors.shape[1]),
            passage_count=len(passages),
            passage_ids=tuple(p.id for p in passages),
            faiss_sha256=faiss_sha256,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            build_seconds=round(time.perf_counter() - start, 3),
        )
        _atomic_write(folder / MANIFEST_FILE, (manifest.model_dump_json(indent=1) + "\n").encode())
    except OSError as exc:
        raise _unwritable(folder, exc) from exc
    return manifest


# --- verify and load ------------------------------------------------------------------------


def read_manifest(folder: Path) -> Manifest:
    """The manifest in `folder`, or SearchIndexError if it is missing or invalid."""
    path = folder / MANIFEST_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SearchIndexError(f"the search index is missing: no {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SearchIndexError(f"cannot read the index manifest {path}: {exc}") from exc
    try:
        return Manifest.model_validate(json.loads(raw))
    except (json.JSONDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise SearchIndexError(f"the index manifest {path} is invalid ({first})") from exc


def _verify_manifest(manifest: Manifest, settings: Settings, passages: Sequence[Passage]) -> None:
    """Raise SearchIndexError if the manifest does not describe this corpus and model."""
    if manifest.format_version != FORMAT_VERSION:
        raise SearchIndexError(
            f"the search index has format {manifest.format_version}; this version of the "
            f"assistant needs format {FORMAT_VERSION}"
        )
    corpus_hash = sha256_file(settings.corpus_path)
    if manifest.corpus_sha256 != corpus_hash:
        raise SearchIndexError(
            f"the search index is stale: it was built from a different {settings.corpus_path.name} "
            f"(sha256 {manifest.corpus_sha256[:12]}…, now {corpus_hash[:12]}…)"
        )
    ids = tuple(p.id for p in passages)
    if manifest.passage_ids != ids or manifest.passage_count != len(ids):
        missing = sorted(set(ids) - set(manifest.passage_ids))[:3]
        raise SearchIndexError(
            "the search index is stale: its passage ids differ from the parsed corpus"
            + (f" (not indexed: {', '.join(missing)})" if missing else "")
        )
    if manifest.model_name != settings.model_name:
        raise SearchIndexError(
            f"the search index was built with model {manifest.model_name!r}, "
            f"settings name {settings.model_name!r}"
        )
    try:
        installed = package_version(settings.model_package)
    except ModelUnavailableError as exc:
        raise SearchIndexError(str(exc), hint=ModelUnavailableError.hint) from exc
    if manifest.model_package != settings.model_package or (
        manifest.model_package_version != installed
    ):
        raise SearchIndexError(
            f"the search index was built with {manifest.model_package} "
            f"{manifest.model_package_version}; installed is {settings.model_package} {installed}"
        )


def _read_faiss(folder: Path, manifest: Manifest) -> faiss.Index:
    """The FAISS index, after its bytes match the manifest's sha256."""
    path = folder / manifest.faiss_file
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SearchIndexError(f"the search index is incomplete: no {path}") from exc
    except OSError as exc:
        raise SearchIndexError(f"cannot read the search index {path}: {exc}") from exc
    if sha256_bytes(data) != manifest.faiss_sha256:
        raise SearchIndexError(
            f"the search index {path} is corrupt or truncated: its sha256 does not match "
            "the manifest"
        )
    try:
        index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
    except RuntimeError as exc:
        raise SearchIndexError(f"the search index {path} cannot be read by FAISS") from exc
    if index.ntotal != manifest.passage_count or index.d != manifest.dimension:
        raise SearchIndexError(
            f"the search index {path} has {index.ntotal} vectors of dimension {index.d}; "
            f"the manifest says {manifest.passage_count} of {manifest.dimension}"
        )
    return index


def load(settings: Settings, passages: Sequence[Passage]) -> LoadedIndex:
    """The verified index for these passages, or SearchIndexError saying what is wrong."""
    manifest = read_manifest(settings.index_dir)
    _verify_manifest(manifest, settings, passages)
    return LoadedIndex(index=_read_faiss(settings.index_dir, manifest), manifest=manifest)


def check(settings: Settings) -> IndexStatus:
    """Whether the index in settings.index_dir is present, current and intact (no model load)."""
    try:
        loaded = load(settings, corpus.load(settings.corpus_path))
    except SearchIndexError as exc:
        return IndexStatus(ok=False, message=str(exc))
    m = loaded.manifest
    return IndexStatus(
        ok=True,
        message=(
            f"search index ok: {m.passage_count} passages, {m.model_name} "
            f"({m.model_package} {m.model_package_version}), built {m.built_at}"
        ),
        manifest=m,
    )
