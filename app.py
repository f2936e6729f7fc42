"""Streamlit entry point (UI only): look up NG234 passages by number."""

from __future__ import annotations

import streamlit as st

from assistant import corpus
from assistant.errors import AssistantError
from assistant.settings import get_settings

st.set_page_config(page_title="NG234 assistant", page_icon="🩺", layout="wide")


@st.cache_resource
def _passages() -> dict[str, corpus.Passage]:
    return corpus.by_id(corpus.load(get_settings().corpus_path))


st.title("NG234 assistant")
st.caption(
    f"{corpus.GUIDELINE_VERSION}. Supports, does not replace, clinical judgement; "
    "in an emergency contact the MSCC coordinator."
)
wanted = st.text_input("Recommendation number", value=st.query_params.get("rec", "1.3.2"))
try:
    passage = corpus.get(_passages().values(), wanted)
except AssistantError as exc:
    st.warning(exc.user_message())
else:
    st.subheader(passage.title)
    st.text(passage.text)
