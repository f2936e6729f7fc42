"""Streamlit entry point (UI only): page set-up, navigation, the notice on every page.

Run with `make run` (or `streamlit run app.py`). The pages live in `assistant/ui/`.
"""

from __future__ import annotations

import streamlit as st

from assistant.ui import nav

st.set_page_config(page_title="NG234 assistant", page_icon="🩺", layout="wide")

page = st.navigation(nav.pages())
nav.follow_deep_link(page)
nav.header(page)
page.run()
