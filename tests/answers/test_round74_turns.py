"""Session 37 (#13, #14): round 74's turns, tested both ways: "wrong patient summary" with the
corrected tumour is a correction, not a take-back of the whole case; a question on a live case
about a recommendation that does not apply quotes it (NICE's own conditions answer "biopsy
first?"); a daughter who came in speaks of her mother, the patient; a question about what is to
come writes nothing; "weak as a kitten" is answered, not refused as an animal; new pain scored for
movement brings 1.4.2; an outside condition named by a myeloma nurse is refused."""

from __future__ import annotations

from chat_helpers import cited, last

from assistant.answers.session import new_session
from assistant.evaluation.cases import mentioned_ids


def test_wrong_patient_summary_corrects_only_what_it_names(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state,
        "78M, metastatic prostate ca with known L3 and L4 mets. Low back pain poorly controlled "
        "despite regular paracetamol and codeine. Neuro exam normal, continent.",
    )
    state, answer = conversation.respond(
        state,
        "Sorry - just checked the clinic letters, it's bladder cancer (urothelial), not "
        "prostate. Wrong patient summary. Does that change the bisphosphonate answer?",
    )
    assert answer.facts["primary_tumour"] == "other_solid"
    assert answer.facts["spinal_metastases"] == "confirmed"  # b149: the whole case was dropped
    assert answer.facts["back_pain"] == "yes"
    assert "1.7.13" in {c for r in answer.recommendations for c in r.cites}
    retract = last(
        conversation,
        "Breast ca, new leg weakness.",
        "Sorry, wrong patient - ignore that.",
    )
    assert retract.facts.get("limb_weakness") != "yes"


def test_a_question_about_a_row_that_does_not_apply_quotes_it(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state,
        "65F, no cancer history. MRI lumbar spine: T12 destructive lesion with epidural "
        "extension compressing the cord. Mild bilateral leg weakness (4+/5) and brisk reflexes "
        "over 5 days. CT CAP: no obvious primary.",
    )
    state, answer = conversation.respond(
        state,
        "Oncology SHO suggests we get a CT-guided biopsy of T12 first to find the primary "
        "before anything else - is that the right order?",
    )
    assert "1.11.2" in {lk.id for lk in answer.lookups}  # b150: had been silent
    assert "1.11.2" not in cited(answer)  # quoted, not offered: treatment is needed now
    assert "1.8.1" in cited(answer)
    state, statement = conversation.respond(state, "She is now on 16 mg dexamethasone.")
    assert "1.11.2" not in mentioned_ids(statement)


def test_a_daughter_who_came_in_speaks_of_her_mother(conversation) -> None:
    answer = last(
        conversation,
        "Macmillan volunteer. A daughter came in today. Her mum has lung cancer and was "
        "diagnosed with spinal cord compression last week. Mum has decided she doesn't want "
        "radiotherapy or an operation and wants to go home. She's on steroid tablets. Will mum "
        "have to stay lying in bed from now on?",
    )
    assert answer.facts["mscc"] == "confirmed"  # b150: the mother's MSCC had been family's
    assert "immobilised" not in answer.facts  # asked about, not said
    assert {"1.6.5", "1.8.4"} <= cited(answer)
    family = last(conversation, "A daughter came in today about her own back pain.")
    assert family.facts.get("mscc") is None


def test_weak_as_a_kitten_is_answered(conversation) -> None:
    answer = last(
        conversation,
        "Her legs have gone weak as a kitten and she's started shuffling. Her breast cancer "
        "spread to the spine last year.",
    )
    assert not answer.out_of_scope  # rf74-108: refused as an animal patient
    assert "1.3.2" in cited(answer)
    assert last(conversation, "my kitten has a spinal tumour, what dose of dex?").out_of_scope


def test_pain_scored_for_movement_brings_immobilisation(conversation) -> None:
    answer = last(
        conversation,
        "61M, known IgG myeloma. MRI today: new L2 lesion with 40% height loss, no cord "
        "compression. Neuro intact. Pain 6/10 at rest, 9/10 on any movement despite oxycodone.",
    )
    assert "1.4.2" in cited(answer)
    still = last(
        conversation,
        "61M, known IgG myeloma. MRI today: new L2 lesion, no cord compression. Neuro intact. "
        "Pain 2/10 at rest, 2/10 on movement.",
    )
    assert "1.4.2" not in cited(still)


def test_myeloma_complications_outside_ng234_are_refused(conversation) -> None:
    assert last(conversation, "How is cast nephropathy in myeloma managed?").out_of_scope
    assert last(conversation, "How is hyperviscosity syndrome managed in myeloma?").out_of_scope
    assert not last(conversation, "Myeloma with MSCC: what dose of dexamethasone?").out_of_scope
