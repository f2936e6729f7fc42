"""Session 37 (#12): round 74's reading classes, fixed as classes and tested both ways.

Three stated red flags had been recorded absent: a grade standing after its finding ("No
bladder dysfunction, leg weakness 4/5", rf74-230), a list of findings with one found in it, read
as a list of denials up to it ("No bladder dysfunction, leg weakness, sensory level T10"), and a
stagger the physio saw after the patient's own denial (rf74-153); and a bladder managed by
intermittent self-catheterisation, residuals 400-500 ml, beside "no incontinence" (rf74-020).
Also: questions that take what they ask about as so ("is it bad mum cant walk properly??"), a
label answered after a dash over a spaced "/", a caller's relative, the relative a patient speaks
of, "weak as a kitten" is no animal, and everyday words for Box 1 findings.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def test_a_grade_after_its_finding_is_found_whatever_the_denial_before() -> None:
    read = facts("No bladder dysfunction, leg weakness 4/5, sensory level T10 on exam. Melanoma.")
    assert read["limb_weakness"] == "yes"  # rf74-230: had been recorded absent
    assert read["bladder_bowel_dysfunction"] == "no"
    # the grade of another clause is not this mention's
    assert facts("Melanoma. No leg weakness. Arms 4/5.").get("limb_weakness") != "no"
    assert facts("Melanoma. No leg weakness, power 5/5 throughout.")["limb_weakness"] == "no"


def test_a_list_with_a_found_item_is_no_list_of_denials() -> None:
    read = extract("No bladder dysfunction, leg weakness, sensory level T10. Melanoma.")
    assert read.facts.get("limb_weakness") != "no"  # asked, never absent
    assert read.facts["bladder_bowel_dysfunction"] == "no"  # the denial's own first item
    assert read.facts["cord_signs"] == "yes"
    numb = extract("Melanoma. No incontinence, numbness, upgoing plantars.")
    assert numb.facts.get("sensory_loss") != "no"
    # a list of denials with nothing found in it stays one
    plain = facts("Melanoma. No weakness, numbness, incontinence.")
    assert plain["limb_weakness"] == plain["sensory_loss"] == "no"


def test_what_was_seen_outweighs_the_patients_denial() -> None:
    read = facts("He insists he's not unsteady, but the physio watched him stagger. Lung ca.")
    assert read["gait_disturbance"] == "yes"  # rf74-153: had been recorded absent
    assert "gait_disturbance" not in facts("Lung ca. Staggered doses of dexamethasone.")


def test_self_catheterisation_and_residuals_are_bladder_dysfunction() -> None:
    read = facts(
        "Renal cancer after T6 decompression. Bladder: intermittent self-catheterisation, "
        "residuals 400-500 ml. Bowels managed with a programme, no incontinence."
    )
    assert read["bladder_bowel_dysfunction"] == "yes"  # rf74-020: had been recorded absent
    assert facts("Prostate ca. ISC for retention.")["bladder_bowel_dysfunction"] == "yes"
    assert "bladder_bowel_dysfunction" not in facts("Prostate ca. Residuals of 50 ml.")


FOUND = [
    ("Breast ca. She's started shuffling and holding onto the walls.", "gait_disturbance"),
    ("Breast cancer. She is walking very bad, like she is drunk.", "gait_disturbance"),
    ("Breast cancer. This week she needs my arm to cross the room.", "gait_disturbance"),
    ("Renal ca. Standing with a frame but not yet walking.", "gait_disturbance"),
    ("Met PCa. Mob: w/c since MSCC.", "gait_disturbance"),
    ("Lung ca. The physio watched him fall twice today.", "gait_disturbance"),
    ("Bowel ca. Caller states patient cannot feel her touching his legs.", "sensory_loss"),
    ("Myeloma. He cannot feel when I touch his legs.", "sensory_loss"),
    ("Lung cancer. He don't feel the floor when he walk.", "sensory_loss"),
    ("Breast ca. The saddle area feels like sitting on cotton wool.", "sensory_loss"),
    ("Myeloma. Tonight his legs is 'like sleep'.", "sensory_loss"),
    ("Ca oesoph. Sens: T10 level on R.", "sensory_loss"),
    ("Oesophageal ca. Numbness from T12 down on pinprick testing.", "cord_signs"),
    ("Ca oesoph. Neuro: RLE 3/5, LLE 5/5.", "limb_weakness"),
    ("Prostate ca. The pee is not coming, he try and try.", "bladder_bowel_dysfunction"),
    (
        "Cervical cancer. She has to strain and wait a long time before any urine comes.",
        "bladder_bowel_dysfunction",
    ),
    ("Myeloma. He cannot do the pee since the morning.", "bladder_bowel_dysfunction"),
    ("Ca prostate. Nil PU since last night.", "bladder_bowel_dysfunction"),
    ("Breast ca. Her knee jerks are clearly brisker than last month.", "cord_signs"),
]


@pytest.mark.parametrize(("text", "fact"), FOUND)
def test_round_74_findings_are_read(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. The nurses shuffle the rota on Fridays.", "gait_disturbance"),
        ("Lung ca. He worries he might fall.", "gait_disturbance"),
        ("Lung cancer. He can feel the floor when he walks.", "sensory_loss"),
        ("Ca oesoph. Neuro: RLE 5/5, LLE 5/5.", "limb_weakness"),
        ("Prostate ca. The pee is coming fine now.", "bladder_bowel_dysfunction"),
        ("Breast ca. Her knee jerks are normal.", "cord_signs"),
    ],
)
def test_the_same_words_without_the_finding_are_not_read(text, fact) -> None:
    assert facts(text).get(fact) != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "is it bad mum cant walk properly?? she has ovarian cancer n back pain",
        "Is it normal for my wife to be this unsteady on her feet with her lung cancer?",
        "Pt asks: 'Why are my legs numb? Is it my cancer?' - breast ca with bone mets.",
        "Is dangerous that my father don't feel the legs? He have prostate cancer.",
    ],
)
def test_a_question_about_what_is_so_states_it(text) -> None:
    read = extract(text)
    said = {"gait_disturbance", "sensory_loss"} & set(read.facts)
    assert said
    assert all(read.facts[f] == "yes" for f in said)


def test_a_supposition_stays_a_question() -> None:
    read = extract("breast ca. is it bad if she cant walk properly?")
    assert "gait_disturbance" not in read.facts
    assert "gait_disturbance" in read.uncertain


def test_a_worry_about_reflexes_found_states_them() -> None:
    read = facts(
        "Should I be concerned that my wife's knee jerks are clearly brisker than they were "
        "last month, given her breast cancer?"
    )
    assert read["cord_signs"] == "yes"
    assert read["cancer_diagnosis"] == "yes"  # the premise after 'given' is stated
    worry = extract("Should I be worried that his shooting leg pain is back? Colon cancer.")
    assert "radicular_pain" in worry.uncertain  # a return worried about stays possible


@pytest.mark.parametrize(
    "text",
    [
        "Ca prostate.\nNumbness / pins & needles - denies",
        "Ca prostate.\nNumbness / tingling - denies",
        "Ca prostate.\nNumbness / pins & needles: denies",
    ],
)
def test_a_label_answered_after_its_dash_covers_each_item(text) -> None:
    assert facts(text)["sensory_loss"] == "no"


def test_a_dash_answer_does_not_reach_another_clause() -> None:
    assert facts("Ca prostate. weak legs / numb feet / retention - no")["limb_weakness"] == "yes"


def test_a_callers_relative_is_the_patient() -> None:
    read = facts(
        "Caller says her dad 'can't get to the loo in time any more and is peeing himself'; "
        "legs are 'fine, strong as ever'. Dad has myeloma."
    )
    assert read["primary_tumour"] == "myeloma"  # rf74-105: the myeloma had been the family's
    assert read["bladder_bowel_dysfunction"] == "yes"


def test_the_relative_a_patient_speaks_of_is_family() -> None:
    read = facts("Pt says her dad had myeloma. She has breast ca and weak legs.")
    assert read["primary_tumour"] == "breast"  # the father's myeloma had been hers
    assert "haematological_malignancy" not in read
    informant = facts("Daughter says her dad can't walk, he has myeloma.")
    assert informant["primary_tumour"] == "myeloma"


def test_a_question_about_what_is_to_come_writes_nothing() -> None:
    read = extract("Mum has MSCC. Will mum have to stay lying in bed from now on?")
    assert "immobilised" not in read.facts
    assert facts("Mum has MSCC and is on bed rest.")["immobilised"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "I have lung cancer and they found it has spread to two of the bones in my spine.",
            "spinal_metastases",
            "confirmed",
        ),
        (
            "49F. No previous cancer. Found a lump in L breast 2 months ago.",
            "cancer_suspected",
            "yes",
        ),
        (
            "She never had cancer. The GP say is only arthritis but I am afraid is cancer.",
            "cancer_diagnosis",
            "no",
        ),
        (
            "Breast cancer since 2018. Her back is hurting, every day more and more.",
            "pain_progressive",
            "yes",
        ),
        (
            "My wife has breast cancer. Her scan showed the bones there are unstable.",
            "spinal_instability",
            "confirmed",
        ),
        ("Myeloma, L2 lesion. Pain 6/10 at rest, 9/10 on any movement.", "pain_on_movement", "yes"),
    ],
)
def test_round_74_case_facts_are_read(text, fact, value) -> None:
    assert facts(text)[fact] == value


def test_round_74_case_facts_are_not_read_from_other_words() -> None:
    assert "spinal_metastases" not in facts("Lung cancer. It has spread to the bones in my hip.")
    assert "cancer_suspected" not in facts("No cancer. The lump in her breast was benign.")
    assert "spinal_instability" not in facts("Breast cancer. The bones there are stable.")
    assert "pain_progressive" not in facts("Breast cancer. Every day she walks more and more.")


def test_weak_as_a_kitten_is_no_animal() -> None:
    read = facts("Her legs have gone weak as a kitten. Her breast cancer spread to the spine.")
    assert read["limb_weakness"] == "yes"


def test_a_question_answered_in_a_call_transcript() -> None:
    read = extract(
        "Q: Is he able to walk? Caller: No, not since lunchtime. Q: Any loss of bladder "
        "control? Caller: No. Hx lung cancer."
    )
    assert read.facts["gait_disturbance"] == "yes"  # rf74-140: had not been read
    # a finding the form asks about is asked whatever its length, not stated (it had been)
    assert read.facts.get("bladder_bowel_dysfunction") is None
    assert "bladder_bowel_dysfunction" in read.uncertain
    assert facts("Lung ca. Can she pass urine? No.")["bladder_bowel_dysfunction"] == "yes"
    assert facts("Lung ca. Can he move his legs? No.")["limb_weakness"] == "yes"
    assert "gait_disturbance" not in facts("Lung ca. Is he able to walk? Yes, fine.")
    assert "gait_disturbance" not in facts("Lung ca. Can he walk? No problems.")
    stated = facts("Lung ca. New loss of bladder control since this morning.")
    assert stated["bladder_bowel_dysfunction"] == "yes"
