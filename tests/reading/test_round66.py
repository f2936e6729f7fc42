"""Session 33 (#12): round 66's reading classes, fixed as classes and tested both ways: a denied
absence and clonus "non-sustained", a finding given its own site after a denial's comma, an
examination written in the past tense, a finding said afterwards to be a relative's after a
dash, care-home and voice-note words for Box 1 findings, and a team named after a cancer."""

from __future__ import annotations

import pytest
from chat_helpers import facts


def test_a_denied_absence_and_non_sustained_clonus_are_cord_signs() -> None:
    read = facts(
        "Reflexes not absent, far from it: very brisk, with non-sustained clonus. Melanoma with "
        "thoracic mets."
    )
    assert read["cord_signs"] == "yes"  # rf66-160: recorded absent on the first run
    assert facts("non-sustained clonus at both ankles")["cord_signs"] == "yes"
    assert facts("no clonus")["cord_signs"] == "no"
    assert "cord_signs" not in facts("Reflexes not absent.")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Breast ca. No weakness, numbness in both feet.", "sensory_loss"),  # rf66-221
        ("Ovarian ca. Continent, no weakness, sensory loss to the knees.", "sensory_loss"),
        ("No back pain, weakness in the legs", "limb_weakness"),
    ],
)
def test_a_finding_with_its_own_site_after_a_denials_comma_is_stated(text, fact) -> None:
    assert facts(text)[fact] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "no weakness, numbness or tingling in both feet",
        "no weakness, numbness, tingling in his feet or retention",
        "denies weakness, numbness, incontinence",
    ],
)
def test_a_list_or_closes_is_denied_sites_and_all(text) -> None:
    assert facts(text)["sensory_loss"] == "no"


def test_an_examination_in_the_past_tense_is_read() -> None:
    read = facts(
        "On examination of the lower limbs there was no wasting or fasciculation, tone was "
        "normal, power was reduced at 4 out of 5 in left ankle dorsiflexion, reflexes were "
        "normal, plantars were downgoing and sensation was normal."
    )
    assert read["limb_weakness"] == "yes"  # rf66-023: not read on the first run
    assert facts("sensation was normal")["sensory_loss"] == "no"
    assert facts("power was reduced")["limb_weakness"] == "yes"


def test_a_finding_said_after_a_dash_to_be_a_relatives_is_theirs() -> None:
    read = facts(
        "my aabo has prostate cancer. The weak legs I told the receptionist - that was my hooyo "
        "(mother) after her stroke, not aabo. Aabo walking normal."
    )
    assert "limb_weakness" not in read  # b134: read as the patient's on the first run
    assert facts("his legs are weak - this is my dad")["limb_weakness"] == "yes"
    assert facts("My dad has weak legs - that is my dad")["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("He say the feet is sleeping, no feeling.", "sensory_loss", "yes"),  # rf66-017
        ("He say his feet is sleeping all the time, like ants walking.", "sensory_loss", "yes"),
        ("no response to pain below the groin", "sensory_loss", "yes"),  # rf66-037
        ("Sensation is not normal below the knees.", "sensory_loss", "yes"),  # rf66-149
        ("he keeps toppling over when he walks.", "gait_disturbance", "yes"),  # rf66-108
        ("she's gone down twice in the kitchen", "gait_disturbance", "yes"),  # rf66-118
        ("he have the numb in the legs and he fall in the house", "gait_disturbance", "yes"),
        ("she can walk, but only with someone holding her", "gait_disturbance", "yes"),
        ("He can not pass the urine since morning", "bladder_bowel_dysfunction", "yes"),
        ("He cannot pass the urine since morning", "bladder_bowel_dysfunction", "yes"),
        ("it's her bladder, she's leaking", "bladder_bowel_dysfunction", "yes"),  # rf66-164
        ("Wee: can't.", "bladder_bowel_dysfunction", "yes"),  # rf66-260
        ("Cath'd, RU 600ml.", "bladder_bowel_dysfunction", "yes"),  # rf66-078
        (
            "Not incontinent, but he's had to strain for ages to start passing urine",
            "bladder_bowel_dysfunction",
            "yes",
        ),
        ("Walked to the lounge fine today, no accidents", "bladder_bowel_dysfunction", "no"),
        ("Drug chart has dexamethasone 40 mg", "on_corticosteroids", "yes"),
        ("Now his back is paining very much in the night", "pain_night", "yes"),
        ("when he cough it pain more", "pain_straining", "yes"),
        ("pain still v bad even on morphine n paracetamol, 8/10", "pain_severe", "yes"),
        ("back pain that wakes her and has got steadily worse over 6 weeks", "pain_progressive",
         "yes"),
        ("her back's bad at night and getting worse all the time", "pain_progressive", "yes"),
        ("His back's been proper bad for a few weeks", "back_pain", "yes"),
        ("Pain is now severe, poorly controlled and difficult to manage", "pain_controlled", "no"),
        ("cant sleep w it", "pain_night", "yes"),
        ("sorry not lung it was kidney, got mixed up", "primary_tumour", "kidney"),
        ("They've found something in the bones of his spine on the scan", "spinal_metastases",
         "suspected"),
        ("Gentleman here for his single 8 Gy fraction for MSCC at T11", "mscc_radiotherapy_given",
         "yes"),
    ],
)  # fmt: skip
def test_new_words_for_findings_and_case_facts(text, fact, value) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("his back's not bad", "back_pain"),
        ("pain not bad at all now, 2/10", "pain_severe"),
        ("he's here for his appointment", "mscc_radiotherapy_given"),
        ("no they haven't found anything in his spine", "spinal_metastases"),
        ("he can not only walk but run", "gait_disturbance"),
    ],
)
def test_the_new_words_do_not_read_what_was_not_said(text, fact) -> None:
    assert facts(text).get(fact) in (None, "no", "none")


def test_a_team_named_after_a_cancer_is_no_diagnosis() -> None:
    read = facts("Why won't they give him steroids till the blood cancer team have seen him?")
    assert "cancer_diagnosis" not in read  # b133: read as a confirmed blood cancer
    assert facts("he has blood cancer")["cancer_diagnosis"] == "yes"
    assert facts("referred to the blood cancer team")["cancer_diagnosis"] == "yes"


# --- round 67 (fixed on 52bdb0e's successor) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("this morning he could not feel the flannel when she washed his legs", "sensory_loss",
         "yes"),  # rf67-003
        ("I found he could not feel me touch either foot", "sensory_loss", "yes"),  # rf67-026
        ("Why can't my mum feel her feet any more?", "sensory_loss", "yes"),  # rf67-140
        ("DN visit: Pt (Ca colon) c/o new freq + urgency with 2 episodes of UI. Also N&T (R) foot.",
         "sensory_loss", "yes"),  # rf67-066
        ("reduced sensatn to knees", "sensory_loss", "yes"),  # rf67-318
        ("he goes again and again but only little comes, he has to push",
         "bladder_bowel_dysfunction", "yes"),  # rf67-018
        ("2 episodes of UI this week", "bladder_bowel_dysfunction", "yes"),
        ("neurogenic bladder on ISC qds", "bladder_bowel_dysfunction", "yes"),  # rf67-079
        ("She is continent, but only just - she's had to rush and had one accident this week.",
         "bladder_bowel_dysfunction", "yes"),  # rf67-093
        ("He had a little accident in his trousers - the poo kind", "bladder_bowel_dysfunction",
         "yes"),  # rf67-117
        ("She's leaking from her back passage without knowing", "bladder_bowel_dysfunction",
         "yes"),  # rf67-198
        ("Neither his bladder nor his bowels are working normally.", "bladder_bowel_dysfunction",
         "yes"),  # rf67-160
        ("chacha ji da pishab ruk gaya, no urine coming since morning even tho he needs to go",
         "bladder_bowel_dysfunction", "yes"),  # rf67-317
        ("Gait: high-stepping on the right, new since last month.", "gait_disturbance", "yes"),
        ("Unable to take a step.", "gait_disturbance", "yes"),  # rf67-029
        ("Pt (Ca breast, mets) req ZF since Tue, prev indep.", "gait_disturbance", "yes"),
        ("Walking distance now 10 m (was 1 mile a month ago).", "gait_disturbance", "yes"),
        ("Stumbled twice today when walking.", "gait_disturbance", "yes"),  # rf67-294
        ("She walked in with a noticeable limp she didn't have a fortnight ago.",
         "gait_disturbance", "yes"),  # rf67-015
        ("No back pain radiation, unsteady on feet. Renal ca.", "gait_disturbance", "yes"),
        ("he can't hold his right leg up off the bed, the left is ok.", "limb_weakness", "yes"),
        ("I wouldn't say there's no weakness - there definitely is some, in the left arm.",
         "limb_weakness", "yes"),  # rf67-154
        ("Why are her reflexes so brisk? Is that the spine?", "cord_signs", "yes"),  # rf67-129
        ("No falls, has a new band of chest pain at T6.", "radicular_pain", "yes"),  # rf67-230
        ("the pain down my left arm is like toothache in the nerve.", "radicular_pain", "yes"),
        ("scan showed cancer pressing on my spine", "mscc", "confirmed"),  # b135
        ("Posterior decompression and stabilisation yesterday, legs improving.",
         "had_spinal_surgery", "yes"),  # b135
        ("Radiotherapy to L5/sacrum is being considered for the pain.", "radiotherapy_considered",
         "yes"),  # b136
        ("Had 8 Gy to L4 5 months ago; the pain went away completely for about 4 months.",
         "previous_rt_good_response", "yes"),  # b136
        ("the pain has been really difficult to manage and it's severe.", "pain_severe", "yes"),
        ("legs went weak this morning. hard to walk", "gait_disturbance", "yes"),  # fu64-052
        ("The physios think he'd likely benefit from specialist rehabilitation.",
         "rehab_benefit_likely", "yes"),  # fu64-055
    ],
)  # fmt: skip
def test_round67_words_for_findings_and_case_facts(text, fact, value) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("she could feel me touch both feet", "sensory_loss"),
        ("he can hold his leg up off the bed", "limb_weakness"),
        ("no episodes of UI", "bladder_bowel_dysfunction"),
        ("no limp", "gait_disturbance"),
        ("walking fine, no stumbles", "gait_disturbance"),
        ("scan showed the cancer is not pressing on the spine", "mscc"),
        ("decompression planned for tomorrow", "had_spinal_surgery"),
    ],
)
def test_round67_words_do_not_read_what_was_not_said(text, fact) -> None:
    assert facts(text).get(fact) in (None, "no", "none", "ruled_out")


def test_round67_denials_still_deny() -> None:
    assert facts("no N&T")["sensory_loss"] == "no"
    assert facts("Denies P&N.")["sensory_loss"] == "no"
    assert facts("no band of pain")["radicular_pain"] == "no"
