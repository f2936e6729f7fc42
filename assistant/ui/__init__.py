"""The Streamlit user interface: one module per page or concept; `app.py` only wires them up.

Every page calls the assistant's pure core (`assistant.answers.chat`, `assistant.rules.scores`,
`assistant.training`, `assistant.guideline.corpus`); nothing here decides what NG234 recommends.
"""
