"""The FAISS index on disk: manifest contents, and every way it can be stale or broken."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import faiss
import numpy as np
import pytest

from assistant.cli import main
from assistant.errors import SearchIndexError
from assistant.guideline import corpus
from assistant.search import embedding
from assistant.search import index as search_index
from assistant.settings import ROOT, Settings


@pytest.fixture
def index_copy(search_settings: Settings, tmp_path: Path) -> Settings:
    """A private copy of the session's index that a test may damage."""
    target = tmp_path / "index"
    shutil.copytree(search_settings.index_dir, target)
    return search_settings.model_copy(update={"index_dir": target})


def _manifest(settings: Settings) -> dict:
    return json.loads((settings.index_dir / search_index.MANIFEST_FILE).read_text())


def _write_manifest(settings: Settings, data: dict) -> None:
    (settings.index_dir / search_index.MANIFEST_FILE).write_text(json.dumps(data))


def _load(settings: Settings) -> search_index.LoadedIndex:
    return search_index.load(settings, corpus.load(settings.corpus_path))


# --- a good index -------------------------------------------------------------------------------


def test_manifest_describes_corpus_model_and_file(search_settings: Settings, passages) -> None:
    m = _manifest(search_settings)
    assert m["format_version"] == search_index.FORMAT_VERSION
    assert m["corpus_sha256"] == search_index.sha256_file(search_settings.corpus_path)
    assert m["model_name"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert m["model_package_version"] == embedding.package_version(search_settings.model_package)
    assert m["dimension"] == 384
    assert m["passage_ids"] == [p.id for p in passages]
    assert m["passage_count"] == len(passages) == 160
    faiss_path = search_settings.index_dir / m["faiss_file"]
    assert m["faiss_sha256"] == search_index.sha256_file(faiss_path)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", m["built_at"])


def test_index_holds_one_normalised_vector_per_passage(search_settings: Settings) -> None:
    loaded = _load(search_settings)
    assert isinstance(loaded.index, faiss.IndexFlatIP)
    vectors = loaded.index.reconstruct_n(0, loaded.index.ntotal)
    assert vectors.shape == (160, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_check_reports_ok(search_settings: Settings) -> None:
    status = search_index.check(search_settings)
    assert status.ok, status.message
    assert "160 passages" in status.message


def test_build_leaves_no_temporary_files(search_settings: Settings) -> None:
    names = sorted(p.name for p in search_settings.index_dir.iterdir())
    assert names == [search_index.MANIFEST_FILE, search_index.FAISS_FILE]


def test_built_files_get_the_umask_mode_not_0600(index_copy: Settings) -> None:
    old = os.umask(0o022)
    try:
        search_index.build(index_copy, embedding.load_encoder(index_copy))
    finally:
        os.umask(old)
    for name in (search_index.MANIFEST_FILE, search_index.FAISS_FILE):
        assert stat.S_IMODE((index_copy.index_dir / name).stat().st_mode) == 0o644, name


def test_rebuild_is_byte_identical(index_copy: Settings) -> None:
    before = _manifest(index_copy)["faiss_sha256"]
    search_index.build(index_copy, embedding.load_encoder(index_copy))
    assert _manifest(index_copy)["faiss_sha256"] == before


# --- stale, missing, corrupt ------------------------------------------------------------------


def test_edited_corpus_makes_the_index_stale(index_copy: Settings, tmp_path: Path) -> None:
    edited = tmp_path / "ng234.txt"
    text = index_copy.corpus_path.read_text(encoding="utf-8")
    edited.write_text(text.replace("16 mg of oral dexamethasone", "8 mg of oral dexamethasone", 1))
    stale = index_copy.model_copy(update={"corpus_path": edited})
    with pytest.raises(SearchIndexError, match="stale"):
        _load(stale)
    assert not search_index.check(stale).ok


def test_passage_ids_that_differ_make_the_index_stale(index_copy: Settings) -> None:
    m = _manifest(index_copy)
    m["passage_ids"] = m["passage_ids"][:-1] + ["1.99.1"]
    _write_manifest(index_copy, m)
    with pytest.raises(SearchIndexError, match="passage ids differ"):
        _load(index_copy)


def test_missing_manifest(index_copy: Settings) -> None:
    (index_copy.index_dir / search_index.MANIFEST_FILE).unlink()
    with pytest.raises(SearchIndexError, match="missing"):
        _load(index_copy)


def test_missing_index_folder(tmp_path: Path) -> None:
    status = search_index.check(Settings(index_dir=tmp_path / "nothing-here"))
    assert not status.ok
    assert "missing" in status.message


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda m: "{not json", id="not-json"),
        pytest.param(lambda m: json.dumps({**m, "surprise": 1}), id="extra-field"),
        pytest.param(
            lambda m: json.dumps({k: v for k, v in m.items() if k != "dimension"}),
            id="missing-field",
        ),
        pytest.param(lambda m: json.dumps({**m, "dimension": "wide"}), id="wrong-type"),
    ],
)
def test_invalid_manifest(index_copy: Settings, damage) -> None:
    path = index_copy.index_dir / search_index.MANIFEST_FILE
    path.write_text(damage(json.loads(path.read_text())))
    with pytest.raises(SearchIndexError, match="invalid"):
        _load(index_copy)


def test_missing_faiss_file(index_copy: Settings) -> None:
    (index_copy.index_dir / search_index.FAISS_FILE).unlink()
    with pytest.raises(SearchIndexError, match="incomplete"):
        _load(index_copy)


def test_truncated_faiss_file(index_copy: Settings) -> None:
    path = index_copy.index_dir / search_index.FAISS_FILE
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SearchIndexError, match="corrupt or truncated"):
        _load(index_copy)


def test_flipped_byte_in_faiss_file(index_copy: Settings) -> None:
    path = index_copy.index_dir / search_index.FAISS_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(SearchIndexError, match="corrupt or truncated"):
        _load(index_copy)


def test_tampered_hash_in_manifest(index_copy: Settings) -> None:
    m = _manifest(index_copy)
    m["faiss_sha256"] = "0" * 64
    _write_manifest(index_copy, m)
    with pytest.raises(SearchIndexError, match="corrupt or truncated"):
        _load(index_copy)


def test_garbage_with_matching_hash_is_refused_by_faiss(index_copy: Settings) -> None:
    path = index_copy.index_dir / search_index.FAISS_FILE
    path.write_bytes(b"not a faiss index at all")
    m = _manifest(index_copy)
    m["faiss_sha256"] = search_index.sha256_file(path)
    _write_manifest(index_copy, m)
    with pytest.raises(SearchIndexError, match="cannot be read by FAISS"):
        _load(index_copy)


def test_model_version_mismatch(index_copy: Settings) -> None:
    m = _manifest(index_copy)
    m["model_package_version"] = "0.0.0-other"
    _write_manifest(index_copy, m)
    with pytest.raises(SearchIndexError, match="0.0.0-other"):
        _load(index_copy)


def test_older_format_version(index_copy: Settings) -> None:
    m = _manifest(index_copy)
    m["format_version"] = search_index.FORMAT_VERSION + 1
    _write_manifest(index_copy, m)
    with pytest.raises(SearchIndexError, match="format"):
        _load(index_copy)


# --- writing ------------------------------------------------------------------------------------


def test_unwritable_index_location_is_a_clear_error(tmp_path: Path, search_settings) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = search_settings.model_copy(update={"index_dir": blocker / "index"})
    with pytest.raises(SearchIndexError, match="cannot write the search index"):
        search_index.build(settings, embedding.load_encoder(settings))


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_index_folder_is_a_clear_error(index_copy: Settings) -> None:
    index_copy.index_dir.chmod(0o555)
    try:
        with pytest.raises(SearchIndexError, match="cannot write the search index"):
            search_index.build(index_copy, embedding.load_encoder(index_copy))
    finally:
        index_copy.index_dir.chmod(0o755)


def test_permission_denied_while_writing_is_a_clear_error(index_copy: Settings, monkeypatch):
    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(search_index.tempfile, "mkstemp", deny)
    with pytest.raises(SearchIndexError, match="Permission denied"):
        search_index.build(index_copy, embedding.load_encoder(index_copy))


def test_failed_write_keeps_the_previous_index(index_copy: Settings, monkeypatch) -> None:
    before = _manifest(index_copy)

    def crash(index, path):
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search_index.faiss, "write_index", crash)
    with pytest.raises(SearchIndexError, match="No space left"):
        search_index.build(index_copy, embedding.load_encoder(index_copy))
    assert _manifest(index_copy) == before
    assert search_index.check(index_copy).ok
    assert not list(index_copy.index_dir.glob("*.tmp"))


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_check_and_build_if_needed(index_copy: Settings, monkeypatch, capsys) -> None:
    monkeypatch.setenv("NG234_INDEX_DIR", str(index_copy.index_dir))
    assert main(["index", "check"]) == 0
    built_at = _manifest(index_copy)["built_at"]
    assert main(["index", "build", "--if-needed"]) == 0
    assert "not rebuilt" in capsys.readouterr().out
    assert _manifest(index_copy)["built_at"] == built_at

    (index_copy.index_dir / search_index.FAISS_FILE).write_bytes(b"broken")
    assert main(["index", "check"]) == 1
    assert "corrupt" in capsys.readouterr().err
    assert main(["index", "build", "--if-needed"]) == 0
    assert "rebuilding" in capsys.readouterr().out
    assert main(["index", "check"]) == 0


def test_cli_search_without_an_index_explains_the_fix(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("NG234_INDEX_DIR", str(tmp_path / "none"))
    assert main(["search", "dose of dex?"]) == 2
    err = capsys.readouterr().err
    assert "missing" in err and "ng234 index build" in err
    assert "Traceback" not in err


# --- no pickle ----------------------------------------------------------------------------------


def test_no_pickle_anywhere_in_the_package() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in (ROOT / "assistant").rglob("*.py")
        for word in ("pickle", "allow_pickle", "joblib", "torch.load(")
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
