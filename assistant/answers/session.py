"""What a conversation remembers between turns: the case, the open question, the last changes."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.answers.answer import ChangeOut
from assistant.case import Case


class SessionState(BaseModel):
    """What a conversation remembers between turns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case: Case = Field(default_factory=Case)
    last_question: str | None = Field(None, description="Fact asked about last, for yes/no.")
    turns: int = 0
    last_changes: dict[str, str] = Field(
        default_factory=dict,
        description="Facts the last turn changed, with their values before it (for a retraction).",
    )
    rt_interval_days: int | None = Field(
        None, description="'Radiotherapy n months ago' from an earlier turn, in days (1.10.9)."
    )
    details: dict[str, str] = Field(
        default_factory=dict,
        description="Age, sex, duration, level and times as said (reading/details.py).",
    )
    after_unreadable: bool = Field(
        False,
        description="The last message could not be read: a 'sorry …' now apologises for it, "
        "it corrects nothing in the case.",
    )
    patient_relative: str | None = Field(
        None,
        description="The relative an earlier message made the patient ('my mother is 74'), so "
        "'Mum had breast cancer' in a later message is the patient's, not a relative's.",
    )
    last_statement: str | None = Field(
        None,
        description="The last message that stated facts of the case, so that a correction "
        "that swaps a value ('3 weeks, not 3 days') is read against it.",
    )
    switched: bool = Field(
        False,
        description="A patient switch or a reset has cleared an earlier patient: 'back to Mr P' "
        "may then mean that patient, not the live case.",
    )
    last_topic: str | None = Field(
        None,
        description="The last general question answered with no live case, so that a short "
        "follow-on ('why?', 'and how long?') is read together with it.",
    )

    def after_turn(
        self, case: Case, changes: Sequence[ChangeOut], rt_interval_days: int | None = None
    ) -> SessionState:
        """The state after a turn that changed the case (the question asked is set later)."""
        return SessionState(
            case=case,
            turns=self.turns + 1,
            last_changes={c.fact: c.before for c in changes},
            rt_interval_days=rt_interval_days or self.rt_interval_days,
            details=self.details,
            patient_relative=self.patient_relative,
            last_statement=self.last_statement,
            switched=self.switched,
        )

    def cleared(self) -> SessionState:
        """No case, the same turn count: a patient switch. `switched` records that an earlier
        patient was cleared, if there was one."""
        return SessionState(turns=self.turns, switched=self.switched or bool(self.case.known()))

    def next_turn(self) -> SessionState:
        """The same state one turn on: a turn that changed nothing."""
        return self.model_copy(update={"turns": self.turns + 1})


def new_session() -> SessionState:
    """An empty conversation."""
    return SessionState()
