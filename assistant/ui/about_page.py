"""About: the README's intended purpose and limitations, and how answers are made."""

from __future__ import annotations

import re

import streamlit as st

from assistant.answers.render import DISCLAIMER
from assistant.settings import ROOT

README = ROOT / "README.md"
SECTION = "## Intended purpose and limitations"


def intended_purpose(readme: str) -> str:
    """The README section on intended purpose, as Markdown (its HTML anchor line removed)."""
    start = readme.find(SECTION)
    if start < 0:
        return ""
    body = readme[start + len(SECTION) :]
    end = body.find("\n## ")
    body = body if end < 0 else body[:end]
    # The explicit <a id="intended-purpose"> is for GitHub; no HTML is rendered here.
    body = re.sub(r"(?m)^\s*<a id=\"[^\"]*\"></a>\s*$", "", body)
    # Relative links point into the repository, which the app does not serve: keep the text.
    body = re.sub(r"\[([^\]]+)\]\((?!https?://)[^)]+\)", r"\1", body)
    return body.strip()


def render() -> None:
    """The About page."""
    st.title("About this assistant")
    st.header("Intended purpose and limitations")
    st.caption("From the project README (README.md#intended-purpose).")
    try:
        text = intended_purpose(README.read_text(encoding="utf-8"))
    except OSError:
        text = ""
    st.markdown(text or DISCLAIMER)
    st.header("How answers are made")
    st.markdown(
        "No language model writes the answers. A deterministic rule checker, written from the "
        "guideline and reviewable line by line in docs/RULES.md, decides which NG234 "
        "recommendations apply to the case as known; a search index (FAISS and BM25 over the "
        "guideline's paragraphs) finds the passages a question is about. Every recommendation "
        "shown is a rule output carrying NICE's words verbatim, with its number, strength and "
        "year."
    )
    st.info(DISCLAIMER, icon=":material/health_and_safety:")
