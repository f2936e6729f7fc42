"""The pages of the app, the deep link `?rec=…`, and the notice shown on every page."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assistant.guideline.corpus import GUIDELINE_VERSION
from assistant.ui import (
    a11y,
    about_page,
    calculators_page,
    chat_page,
    guideline_page,
    training_page,
)
from assistant.ui.notice import NOTICE, PURPOSE_ANCHOR, PURPOSE_LABEL

__all__ = [
    "NOTICE",
    "PURPOSE_ANCHOR",
    "PURPOSE_LABEL",
    "follow_deep_link",
    "header",
    "page",
    "pages",
]


def _page_functions() -> dict[str, tuple[Callable[[], None], str, str]]:
    # No page imports this module: what they share with it (the notice) is in `notice`.
    return {
        "chat": (chat_page.render, "Chat", ":material/chat:"),
        "guideline": (guideline_page.render, "Guideline", ":material/menu_book:"),
        "calculators": (calculators_page.render, "Calculators", ":material/calculate:"),
        "training": (training_page.render, "Training", ":material/school:"),
        "about": (about_page.render, "About", ":material/info:"),
    }


def page(name: str) -> st.Page:
    """The st.Page called `name` ('chat', 'guideline', 'calculators', 'training', 'about')."""
    render, title, icon = _page_functions()[name]
    return st.Page(render, title=title, icon=icon, url_path=name, default=name == "chat")


def pages() -> list[st.Page]:
    """Every page, the chat first (it is the default page, at the app's root URL)."""
    return [page(name) for name in _page_functions()]


def follow_deep_link(current: st.Page) -> None:
    """`/?rec=1.8.1` at the root opens the guideline browser at that passage."""
    wanted = st.query_params.get("rec")
    if wanted and current.url_path == "":
        st.switch_page(page("guideline"), query_params={"rec": wanted})


def header(current: st.Page) -> None:
    """The skip link and live region, the guideline version, the notice and the intended
    purpose: on every page."""
    a11y.page_aids(chat=current.url_path in ("", "chat"))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(f"**{GUIDELINE_VERSION}** · {NOTICE}")
        st.page_link(
            page("about"),
            label=PURPOSE_LABEL,
            icon=":material/info:",
        )
