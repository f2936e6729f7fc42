"""Shared fixtures: the real corpus and settings (no mocks of parts that run here)."""

from __future__ import annotations

import pytest

from assistant import corpus
from assistant.settings import Settings


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
