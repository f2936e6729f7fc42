"""Round-19 reading, scope and turns (#12, #13): each change tested where it fires and where
it must not.

- A stated inability governs the longer denial it opens ("can't walk to the loo on his own").
- "↓" is read as "reduced" ("PR: ↓ anal tone", "↓ sensation below umbilicus").
- An examination finding written with "absent" is the finding ("absent perianal sensation").
- A relative who is the patient: "Dad keeps falling", "I noticed my wife is dragging her
  foot", "hi im the daughter. mum is 76 and …", "I'm caring for my brother, 61, …".
- Lay and abbreviated words for the six cord red flags; "no fewer than" is no negation; a lost
  ability said with its own negation ("no longer feeling her feet") is the finding.
- Scope: a denied outside topic ("no B12 deficiency to explain it") is not named; a cord
  symptom only the semantic net recognises is never refused.
- Turns: a retraction that names a finding undoes only it; "Separate q - …" is a question
  that writes nothing; "ok, … Next patient:" starts a new patient; "bisphos?" is readable.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited as _cited
from chat_helpers import facts

from assistant.answers.intent import unreadable
from assistant.answers.session import new_session
from assistant.reading.extract import extract
from assistant.reading.scope import in_scope, names_outside_topic


def _turns(conversation, *messages):
    state, answers = new_session(), []
    for message in messages:
        state, answer = conversation.respond(state, message)
        answers.append(answer)
    return answers


# ----------------------------------------------------------------------------- overlaps


@pytest.mark.parametrize(
    "text",
    [
        "can't walk to the loo on his own now",
        "he can't walk around on his own",
        "cannot walk to the toilet by himself",
    ],
)
def test_a_stated_inability_governs_the_denial_it_opens(text):
    assert facts(text)["gait_disturbance"] == "yes"


@pytest.mark.parametrize(
    "text, value",
    [
        ("walks to the loo on his own", "no"),
    ],
)
def test_without_an_inability_the_longer_reading_stands(text, value):
    fact = "limb_weakness" if "weakness" in text else "gait_disturbance"
    assert facts(text)[fact] == value


# ----------------------------------------------------------------------------- symbols, exam


def test_a_down_arrow_reads_as_reduced():
    assert facts("LL power 3/5 bilat, UL 5/5, PR: ↓ anal tone")["cord_signs"] == "yes"
    e = extract("Hx Ca lung. ↓ sensation below umbilicus. ?MSCC.")
    assert e.facts["sensory_loss"] == "yes"
    assert any(ev.text.startswith("↓") for ev in e.evidence)  # the user's own symbol is quoted
    assert not any("↓" in n for n in e.notices)  # no "possible typo" notice for a symbol
    assert facts("sensation normal, ↓ appetite").get("sensory_loss") == "no"


def test_absent_perianal_sensation_is_the_finding_not_a_denial():
    got = facts("PR exam: reduced anal tone and absent perianal sensation.")
    assert got["cord_signs"] == "yes" and got["sensory_loss"] == "yes"
    assert facts("no saddle sensory loss").get("cord_signs") != "yes"
    assert facts("perianal sensation intact").get("cord_signs") != "yes"


# ----------------------------------------------------------------------------- the patient


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Dad keeps going over on his legs, like they just fold under him.", "gait_disturbance"),
        ("I noticed my wife is dragging her right foot when she walks.", "gait_disturbance"),
        ("mum wet her self twice last nite never done that b4", "bladder_bowel_dysfunction"),
        ("hubby hasnt had a wee since brekfast n hes in agony", "bladder_bowel_dysfunction"),
        ("hi im the daughter. mum is 76 and has secondary breast cancer in her back.",
         "spinal_metastases"),
        ("I'm caring for my brother, 61, lung cancer that's spread to his spine.",
         "cancer_diagnosis"),
    ],
)  # fmt: skip
def test_a_relative_who_is_the_patient(text, fact):
    assert facts(text).get(fact) in ("yes", "confirmed")


@pytest.mark.parametrize(
    "text",
    [
        "Dad has MS and walks with difficulty",
        "Mum had upgoing plantars after a stroke",
        "my dad died of bowel cancer",
        "Grandmother had spinal cord compression",
    ],
)
def test_a_relative_in_a_family_history_is_not_the_patient(text):
    got = facts(text)
    assert not {"gait_disturbance", "cord_signs", "mscc", "cancer_diagnosis"} & got.keys()


# ----------------------------------------------------------------------------- vocabulary


@pytest.mark.parametrize(
    "text, fact",
    [
        ("legs are 'like noodles'", "limb_weakness"),
        ("My legs feel like two lumps of wood, heavy and won't do what I tell them",
         "limb_weakness"),
        ("He can't hold a pen anymore, his right hand's gone floppy.", "limb_weakness"),
        ("His feet flop when he walks now, slapping the floor.", "limb_weakness"),
        ("4+/5 dorsiflexion L, 5/5 elsewhere", "limb_weakness"),
        ("No new bony lesions elsewhere on CT, but her left leg is 3/5 now.", "limb_weakness"),
        ("Grandad's legs are like cotton wool, they just go from under him.", "gait_disturbance"),
        ("his right leg buckled under him when he stood", "gait_disturbance"),
        ("c/o P&N BLs, GCS15, obs NAD, unable to WB", "gait_disturbance"),
        ("c/o P&N BLs, GCS15, obs NAD, unable to WB", "sensory_loss"),
        ("He can only walk about 5 steps now", "gait_disturbance"),
        ("Examined: cannot heel-toe walk, waddling gait.", "gait_disturbance"),
        ("dad keeps faling, legs giv way", "gait_disturbance"),
        ("I've got this funny fizzy feeling in both feet", "sensory_loss"),
        ("she can't feel anything below her belly button", "sensory_loss"),
        ("She's stopped being able to feel hot water on her legs in the bath.", "sensory_loss"),
        ("She's no longer feeling her feet properly.", "sensory_loss"),
        ("?CES - saddle anaes + urinary retention, hx ca breast", "cord_signs"),
        ("Pt has radic pain L5 dermatome, R>L.", "radicular_pain"),
        ("Hx myeloma. Pain T-spine, radiating round chest wall (dermatomal).", "radicular_pain"),
        ("a shooting pain that wraps round to the front", "radicular_pain"),
        ("pain that runs down the back of my thigh into my calf", "radicular_pain"),
        ("my wee just won't come even though I'm bursting", "bladder_bowel_dysfunction"),
        ("I have to wait ages for my wee to start", "bladder_bowel_dysfunction"),
        ("he can't feel when he needs to go", "bladder_bowel_dysfunction"),
        ("pt c/o numbnes in saddel area + cant pass urin", "bladder_bowel_dysfunction"),
        ("No fewer than three falls this week from his legs buckling.", "gait_disturbance"),
        ("Couldn't fail to notice her left foot dragging as she walks", "gait_disturbance"),
    ],
)  # fmt: skip
def test_round_19_words_for_cord_red_flags(text, fact):
    assert facts(text).get(fact) == "yes", extract(text).evidence


@pytest.mark.parametrize(
    "text, fact",
    [
        ("no falls", "gait_disturbance"),
        ("no numbness or tingling", "sensory_loss"),
        ("passing urine normally", "bladder_bowel_dysfunction"),
        ("legs feel fine", "limb_weakness"),
        ("walks to the toilet by himself", "gait_disturbance"),
    ],
)
def test_denials_beside_the_new_words_stay_denials(text, fact):
    assert facts(text).get(fact) == "no"


def test_round_19_words_for_other_facts():
    assert facts("SMDT: 60M prostate, rising PSA")["primary_tumour"] == "prostate"
    assert facts("MDT: 71F breast, MSCC at T3.")["primary_tumour"] == "breast"
    assert facts("sry. 66F ca cervix, bk pain")["primary_tumour"] == "other_solid"
    assert "primary_tumour" not in facts("45F breast lump, back pain")
    assert "primary_tumour" not in facts("72M lung function poor")
    assert facts("complete paraplegia for ~3 weeks. MRI: MSCC T6.")["paralysis_2_weeks"] == "yes"
    assert facts("surgeons say not suitable (multiple levels)")["suitable_for_surgery"] == "no"
    assert facts("Neuro fine, walking normally")["limb_weakness"] == "no"
    assert facts("the spinal team say the spine looks stable")["spinal_instability"] == "none"
    assert facts("BP dropped when she sat up and her pain shot up")[
        "mobilisation_deterioration"
    ] == ("yes")
    assert facts("neuro sx worse whenever he moves his neck")["neuro_instability_symptoms"] == (
        "yes"
    )
    assert facts("she and her partner want another baby")["fertility_concern"] == "yes"
    assert facts("no further treatment is planned")["oncology_treatment_inappropriate"] == "yes"
    assert facts("mid-back pain that's been steadily getting worse")["pain_progressive"] == "yes"
    assert facts("MSCC T8, pain fine, prognosis poor")["pain_controlled"] == "yes"
    assert facts("Staging CT showed no bony disease at all")["spinal_metastases"] == "ruled_out"
    assert facts("MSCC T10, keen to go home next week")["discharge_planned"] == "yes"
    assert "discharge_planned" not in facts("MSCC T10, lives at home with his wife")
    assert "discharge_planned" not in facts("discharged home last week after RT")


# ----------------------------------------------------------------------------- scope


def test_a_denied_outside_topic_is_not_named():
    assert not names_outside_topic(
        "No history of diabetes or B12 deficiency to explain it - clear sensory level at T6."
    )
    assert not names_outside_topic("Flaccid paraplegia, areflexic")
    assert names_outside_topic("B12 low, numb feet")
    assert names_outside_topic("sciatica from disc herniation, no red flags")


def test_a_cord_symptom_only_the_net_recognises_is_never_refused():
    common = {"facts": {}, "continuing_case": False, "named_ids": False}
    assert in_scope("legs gone weird", **common, retrieval_in_scope=False, possible_red_flag=True)
    assert not in_scope("legs gone weird", **common, retrieval_in_scope=False)
    assert not in_scope(
        "ascending weakness after gastro bug, ?GBS. when to give IVIG?",
        **common,
        retrieval_in_scope=False,
        possible_red_flag=True,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Flaccid paraplegia, areflexic, no sensation below T12, catheterised for retention.",
        "hes legs r realy weak 2day",
        "My legs feel like two lumps of wood, heavy and won't do what I tell them",
    ],
)
def test_cord_symptoms_without_a_cancer_history_are_answered(conversation, text):
    (answer,) = _turns(conversation, text)
    assert not answer.out_of_scope
    assert "cancer_diagnosis" not in answer.facts  # asked, not assumed


def test_near_misses_are_still_refused(conversation):
    for text in (
        "motorbike crash, no sensation below nipples, BP 80/40. neurogenic shock fluids?",
        "grade 3 sacral pressure sore in a stroke patient, which dressing?",
        "Steroid taper after GBM resection?",
    ):
        (answer,) = _turns(conversation, text)
        assert answer.out_of_scope, text


# ----------------------------------------------------------------------------- turns


def test_a_retraction_that_names_a_finding_undoes_only_it(conversation):
    first, second = _turns(
        conversation,
        "GP. 68M prostate ca on ADT, back pain worse at night, some numbness in his feet",
        "ignore the numbness, that was from a different patient's notes. sorry",
    )
    assert first.facts["sensory_loss"] == "yes"
    assert "sensory_loss" not in second.facts and not second.out_of_scope
    assert second.facts["pain_night"] == "yes" and second.facts["primary_tumour"] == "prostate"


def test_a_retraction_that_names_nothing_undoes_the_whole_last_message(conversation):
    _, second = _turns(
        conversation,
        "72F, hx breast ca 2018. ?cord compression - back pain and weak legs",
        "sorry, I was thinking of another patient. she does NOT have leg weakness",
    )
    assert second.facts.get("mscc") is None and second.facts["limb_weakness"] == "no"


def test_a_labelled_question_writes_nothing(conversation):
    answers = _turns(
        conversation,
        "63M prostate ca, MSCC at T10 confirmed on MRI, weak legs. Dex 16mg given.",
        "Separate q - why does NICE go for one 8 Gy fraction rather than a multi-fraction "
        "course in MSCC?",
    )
    assert answers[-1].facts == answers[0].facts
    assert answers[-1].turn != "correction"


def test_next_patient_after_a_first_sentence_starts_a_new_case(conversation):
    answers = _turns(
        conversation,
        "Ward nurse. Mr D, 80, prostate cancer - his legs have gone weak today.",
        "ok, coordinator's been paged. Next patient: bay 3, 45F with lymphoma, mid-back pain.",
    )
    assert answers[-1].turn == "new_patient"
    assert "limb_weakness" not in answers[-1].facts
    answers = _turns(
        conversation,
        "Ward nurse. Mr D, 80, prostate cancer - his legs have gone weak today.",
        "ok, thanks. His next dose of dex is due at 8",
    )
    assert answers[-1].turn != "new_patient"


def test_a_clipped_word_is_readable_and_keyboard_mash_is_not(conversation):
    assert not unreadable("bisphos?", conversation.known_words)
    assert unreadable("asdfgh qwerty", conversation.known_words)
    assert unreadable("zzzz", conversation.known_words)


def test_a_history_with_one_item_unsaid_gets_the_one_week_mri(conversation):
    (answer,) = _turns(
        conversation,
        "known colorectal ca, new severe back pain with any movement. power 5/5 throughout, "
        "sensation intact, no bladder issues.",
    )
    assert "1.5.3" in _cited(answer) and "1.5.2" not in _cited(answer)
    asked = {c for r in answer.conditional for c in r.cites}
    assert "1.5.2" in asked  # the walking question that would change it
    (answer,) = _turns(conversation, "known colorectal ca, new severe back pain, power 5/5.")
    assert "1.5.3" not in _cited(answer)


def test_a_question_about_an_outside_topic_is_off_topic_even_for_the_patient():
    from assistant.reading.scope import off_topic_for_case

    assert off_topic_for_case("also is it safe for her to have the flu jab this year")
    assert off_topic_for_case("Also - what's the NICE advice on HRT for her hot flushes?")
    assert not off_topic_for_case("he's diabetic on metformin - anything extra?")
    assert not off_topic_for_case("she is on warfarin, INR 3.1, what about the dex dose?")


def test_discharge_planning_rules_fire_only_when_discharge_is_planned(conversation):
    (answer,) = _turns(
        conversation,
        "Physio: Mr T, 69, had RT for MSCC at L1, now transfers with hoist. Going home next "
        "week to his wife, who's very anxious about managing his catheter.",
    )
    assert {"1.1.24", "1.1.26"} <= _cited(answer)
    (answer,) = _turns(conversation, "65M prostate ca, MRI: MSCC T10, admitted last night")
    assert not {"1.1.24", "1.1.26"} & _cited(answer)
    _, answer = _turns(
        conversation,
        "65M prostate ca, MRI: MSCC T10, admitted last night",
        "what should discharge planning include?",
    )
    assert "discharge_planned" not in answer.facts  # a question never writes the case
    assert "1.1.24" in {c for r in answer.conditional for c in r.cites}
