"""Session 37 (#13): round 75's turns, tested both ways: a vacuum mattress for a patient with
MSCC is asked about, not refused as a mattress for back pain; a foot ulcer is refused; a message
that names a toddler beside the patient is answered; a question about a radiologically suspected
myeloma seen on CT names 1.8.6, not 1.8.5's confirmed-myeloma dexamethasone."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.session import new_session


def test_a_vacuum_mattress_on_a_live_case_is_answered(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state,
        "Pre-hospital: 59M with renal cancer, severe unremitting back pain for days, neuro exam "
        "normal.",
    )
    state, _ = conversation.respond(state, "en route he's developed numbness in both legs")
    state, answer = conversation.respond(state, "scoop and vacuum mattress ok for him?")
    assert not answer.out_of_scope  # fu72-030: refused as a mattress question
    assert "1.3.2" in cited(answer)
    assert last(
        conversation, "what's the best mattress for chronic lower back pain? i'm 40 and healthy"
    ).out_of_scope


def test_a_foot_ulcer_is_refused(conversation) -> None:
    answer = last(
        conversation,
        "Diabetic foot ulcer under the 1st MTP head, no cancer history, no back pain. Which "
        "offloading device and dressing would you recommend?",
    )
    assert answer.out_of_scope


def test_a_toddler_beside_the_patient_is_no_child_patient(conversation) -> None:
    answer = last(
        conversation,
        "Mum (the patient, breast cancer) isn't the one wetting the bed - that's my toddler! "
        "Mum's problem is that her back hurts and she's got pins and needles in both legs.",
    )
    assert not answer.out_of_scope  # rf75-176: refused as a child
    assert "1.3.2" in cited(answer)
    assert last(conversation, "my toddler has back pain and weak legs").out_of_scope


def test_a_differential_on_ct_asks_haematology_first(conversation) -> None:
    answer = last(
        conversation,
        "CT radiographer, nights. 58M, no cancer history. Radiologist flagged lytic lesions in "
        "T12 and L3, 'myeloma vs metastases'. Back bad for 6 weeks, wakes him at night. Legs "
        "fine. The surgical SHO wants to start dex 16 mg. Thoughts?",
    )
    shown = cited(answer) | {c for r in answer.conditional for c in r.cites}
    shown |= {lk.id for lk in answer.lookups}
    assert "1.8.6" in shown
    assert "1.8.5" not in cited(answer)  # b152: the myeloma had been read as confirmed
    assert "1.3.5" in cited(answer)
