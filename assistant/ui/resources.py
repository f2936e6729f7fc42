"""Resources shared by every session, loaded once per process with st.cache_resource.

The conversation (corpus, rules, embedding model, FAISS index) takes several seconds to load,
so it loads in a background thread started by the first page view: the page, its chat input and
the guideline browser are usable at once (issue #15: first load), a message says what is still
loading, and a message sent meanwhile is answered as soon as loading ends. The corpus alone is
enough for the guideline browser and the training cases. A missing or stale index is shown as
a message saying what to do, never as a stack trace.
"""

from __future__ import annotations

import gc
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path
from typing import Literal

import streamlit as st

from assistant.answers.chat import Conversation
from assistant.errors import AssistantError
from assistant.guideline import corpus
from assistant.settings import Settings, get_settings

FIX_INDEX = (
    "To fix it, stop the app and run `make run` (it rebuilds the search index when it is "
    "missing or stale), or run `ng234 index build` inside `.venv`; then reload this page."
)


#: What the page says while the conversation loads.
LOADING = (
    "Loading the embedding model and the search index (a few seconds, once per server start). "
    "You can type now: your message is answered as soon as loading finishes."
)

Status = Literal["loading", "ready", "failed"]


def _load(settings_json: str) -> Conversation:
    loaded = Conversation.load(Settings.model_validate_json(settings_json))
    # The model, tokenizer and indexes are millions of long-lived Python objects: without this,
    # every full garbage collection re-scans them (measured: 0.4-1.2 s pauses mid-answer on
    # 2 cores). Freezing moves them out of the collector's generations for good.
    gc.collect()
    gc.freeze()
    return loaded


@st.cache_resource(show_spinner=False)
def _loading(settings_json: str) -> Future[Conversation]:
    """The conversation loading in a background thread (one per process)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ng234-load")
    future = executor.submit(_load, settings_json)
    executor.shutdown(wait=False)
    return future


def _future() -> Future[Conversation]:
    return _loading(get_settings().model_dump_json())


def start_loading() -> None:
    """Start loading the conversation in the background (idempotent)."""
    _future()


def status() -> Status:
    """Whether the conversation is still loading, ready or failed (never blocks)."""
    future = _future()
    if not future.done():
        return "loading"
    return "failed" if future.exception() is not None else "ready"


@st.cache_resource(show_spinner=False)
def _passages(corpus_path: str) -> dict[str, corpus.Passage]:
    return corpus.by_id(corpus.load(Path(corpus_path)))


def load_conversation() -> Conversation:
    """The shared Conversation, waiting for it if it is still loading (raises AssistantError if
    the index or model cannot load; the next call then tries again)."""
    settings_json = get_settings().model_dump_json()
    try:
        return _loading(settings_json).result()
    except AssistantError:
        # After a fix (`make run` rebuilds the index) a reload tries again; a conversation
        # loaded for other settings stays.
        _loading.clear(settings_json)
        raise


def conversation() -> Conversation | None:
    """The shared Conversation (waiting while it loads), or None after showing what went wrong
    and what to do."""
    try:
        with st.spinner(LOADING) if status() == "loading" else nullcontext():
            return load_conversation()
    except AssistantError as exc:
        st.error(f"The assistant cannot answer yet: {exc}", icon=":material/error:")
        st.info(FIX_INDEX, icon=":material/build:")
        return None


def passages() -> dict[str, corpus.Passage]:
    """Every NG234 passage by id (parsed once)."""
    return _passages(str(get_settings().corpus_path))
