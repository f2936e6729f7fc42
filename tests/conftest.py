"""Shared fixtures: the real corpus and settings (no mocks of parts that run here)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

from assistant.guideline import corpus
from assistant.settings import Settings

# Property tests draw their cases from a seed fixed per test ("derandomize"), so `make test` and
# CI run the same examples every time and a failure there is reproducible, never a draw of luck.
# `HYPOTHESIS_PROFILE=explore` (make explore) draws fresh random cases, many more of them, to
# look for counter-examples; a failure it finds becomes an @example or a golden case.
hypothesis_settings.register_profile("repeatable", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", max_examples=1000, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings (the repository's corpus and index)."""
    return Settings()


@pytest.fixture(scope="session")
def raw_corpus(settings: Settings) -> str:
    """corpus/ng234.txt as text."""
    return settings.corpus_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def passages(settings: Settings) -> tuple[corpus.Passage, ...]:
    """Every parsed passage."""
    return corpus.load(settings.corpus_path)


@pytest.fixture(scope="session")
def passage_map(passages) -> dict[str, corpus.Passage]:
    """Passages by id."""
    return corpus.by_id(passages)


# --- search: the real model and a real FAISS index built into a temporary folder ------------


@pytest.fixture(scope="session")
def search_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose index_dir is a fresh folder holding an index built for this session."""
    from assistant.search import embedding
    from assistant.search import index as search_index

    settings = Settings(index_dir=tmp_path_factory.mktemp("index"))
    search_index.build(settings, embedding.load_encoder(settings))
    return settings


@pytest.fixture(scope="session")
def retriever(search_settings: Settings):
    """The real hybrid retriever (model loaded once per session)."""
    from assistant.search.retrieval import Retriever

    return Retriever.load(search_settings)


@pytest.fixture(scope="session")
def conversation(search_settings: Settings, passages, retriever):
    """The real conversation: corpus, rules, extraction and the real retriever."""
    from assistant.answers.chat import Conversation

    return Conversation(passages, retriever, search_settings)
