"""Resources shared by every session, loaded once per process with st.cache_resource.

The conversation (corpus, rules, embedding model, FAISS index) loads in a few seconds once;
the corpus alone is enough for the guideline browser and the training cases. A missing or stale
index is shown as a message saying what to do, never as a stack trace.
"""

from __future__ import annotations

import gc
from pathlib import Path

import streamlit as st

from assistant.answers.chat import Conversation
from assistant.errors import AssistantError
from assistant.guideline import corpus
from assistant.settings import Settings, get_settings

FIX_INDEX = (
    "To fix it, stop the app and run `make run` (it rebuilds the search index when it is "
    "missing or stale), or run `ng234 index build` inside `.venv`; then reload this page."
)


@st.cache_resource(show_spinner="Loading NG234, the embedding model and the search index…")
def _conversation(settings_json: str) -> Conversation:
    loaded = Conversation.load(Settings.model_validate_json(settings_json))
    # The model, tokenizer and indexes are millions of long-lived Python objects: without this,
    # every full garbage collection re-scans them (measured: 0.4-1.2 s pauses mid-answer on
    # 2 cores). Freezing moves them out of the collector's generations for good.
    gc.collect()
    gc.freeze()
    return loaded


@st.cache_resource
def _passages(corpus_path: str) -> dict[str, corpus.Passage]:
    return corpus.by_id(corpus.load(Path(corpus_path)))


def load_conversation() -> Conversation:
    """The shared Conversation (raises AssistantError if the index or model cannot load)."""
    return _conversation(get_settings().model_dump_json())


def conversation() -> Conversation | None:
    """The shared Conversation, or None after showing what went wrong and what to do."""
    try:
        return load_conversation()
    except AssistantError as exc:
        st.error(f"The assistant cannot answer yet: {exc}", icon=":material/error:")
        st.info(FIX_INDEX, icon=":material/build:")
        return None


def passages() -> dict[str, corpus.Passage]:
    """Every NG234 passage by id (parsed once)."""
    return _passages(str(get_settings().corpus_path))
