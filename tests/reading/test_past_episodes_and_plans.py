"""Round-16 reading: past episodes, plans, inability, sentence ends (issue #12).

- A past MSCC ("Had MSCC at L1 in 2022", "previous MSCC", "MSCC 4 months ago") is spinal
  metastases, not the compression now; a current one ("MRI 2 days ago: MSCC at T10", "known
  MSCC") stays confirmed (`when_past_episode` in synonyms.json, H24).
- Something being considered stays considered under a plan or a hedge ("Plan: then autologous
  SCT", "likely surgical candidate": `considered` entries).
- Every way of saying "cannot" is one define, {CANT}: "couldn't stand for us" is a gait finding.
- ")." ends a sentence: a date in a parenthesis no longer reaches the next sentence's denials.
"""

from __future__ import annotations

import pytest

from assistant.answers.chat import new_session
from assistant.reading.extract import extract

# ----------------------------------------------------------------------------- past episodes

PAST = [
    "66F breast ca. Had MSCC at L1 in 2022 treated with 8Gy, legs fully recovered.",
    "breast ca, previous MSCC T10 treated with RT, now new leg weakness",
    "breast ca, hx of MSCC, now numb legs",
    "breast ca, MSCC T10 4 months ago, had RT",
    "lung ca, MSCC two years ago, RT given",
]
CURRENT = [
    "MRI 2 days ago: MSCC at T10. legs weak",
    "known MSCC T10, on RT",
    "breast ca, MSCC T10 2 weeks ago",
    "MSCC at T10 confirmed, he had RT there in 2022",
    "MRI today: MSCC T10",
]


@pytest.mark.parametrize("text", PAST)
def test_a_past_mscc_is_spinal_metastases_not_the_current_mscc(text: str) -> None:
    e = extract(text)
    assert "mscc" not in e.facts, e.facts
    assert e.facts.get("spinal_metastases") == "confirmed"
    assert "mscc_radiotherapy_given" not in e.facts
    assert any("past episode" in n for n in e.notices)


@pytest.mark.parametrize("text", CURRENT)
def test_a_current_or_recent_mscc_stays_confirmed(text: str) -> None:
    assert extract(text).facts.get("mscc") == "confirmed"


def test_radiotherapy_for_a_past_mscc_is_previous_radiotherapy() -> None:
    e = extract("Had MSCC at L1 in 2022 treated with 8Gy, legs fully recovered.")
    assert e.facts.get("previous_radiotherapy") == "yes"


# ----------------------------------------------------------------------------- plans and hedges


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "myeloma. Plan induction then autologous SCT, harvest not yet done",
            "stem_cell_harvest_considered",
        ),
        ("58M myeloma, transplant work-up ongoing", "stem_cell_harvest_considered"),
        (
            "Spinal surgeons reviewing, likely surgical candidate",
            "invasive_intervention_considered",
        ),
        ("breast ca T9 met. Radiotherapy options discussed", "radiotherapy_considered"),
    ],
)
def test_something_planned_or_hedged_is_still_being_considered(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "yes"


def test_a_plan_does_not_make_a_red_flag_present() -> None:
    # Only `considered` entries read through a plan: a planned check is not a finding.
    assert "limb_weakness" not in extract("breast ca. plan: if weak legs, ring").facts


def test_a_purpose_is_not_a_finding() -> None:
    e = extract("known spinal mets, wants an MRI every 3 months to catch cord compression early")
    assert "mscc" not in e.facts
    # ... while "to rule out" still reads as a suspicion (POSSIBLE), not a purpose.
    assert extract("breast ca, MRI to rule out cord compression").facts.get("mscc") == "suspected"


# ----------------------------------------------------------------------------- inability


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("myeloma. Says legs 'might be a bit weak', couldn't stand for us.", "gait_disturbance"),
        ("breast ca, today she couldn't get up the stairs", "gait_disturbance"),
        ("prostate ca, could not weight bear this morning", "gait_disturbance"),
        ("lung ca, couldnt feel her feet", "sensory_loss"),
        ("lung ca, weak hands", "limb_weakness"),
        ("bladder ca, on exam his legs are also weak, 4/5 bilat", "limb_weakness"),
        ("breast ca, her legs were too weak to stand", "limb_weakness"),
        ("prostate ca, legs wouldn't work", "limb_weakness"),
    ],
)
def test_everyday_inability_and_weakness_are_read(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "yes"


def test_a_denied_inability_is_not_a_finding() -> None:
    assert extract("prostate ca, no trouble walking, legs not weak").facts.get("limb_weakness") in (
        None,
        "no",
    )


# ----------------------------------------------------------------------------- sentence ends


def test_a_date_in_a_parenthesis_does_not_reach_the_next_sentence() -> None:
    e = extract(
        "prostate ca, known L3 + L4 mets (MRI 2 days ago: no MSCC). Neuro intact - no weakness"
    )
    assert e.facts.get("limb_weakness") == "no"
    assert e.facts.get("mscc") == "ruled_out"


def test_an_initial_still_does_not_end_a_sentence() -> None:
    # "T." is no sentence end, so a denial keeps its scope past an initial.
    e = extract("Dr A. Smith saw her: no weakness")
    assert e.facts.get("limb_weakness") == "no"


# ----------------------------------------------------------------------------- other words


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("colorectal ca, L3 met, no cord/cauda equina compression", "mscc", "none"),
        ("lung ca L2 met; no epidural disease, no cord or CE compression", "mscc", "none"),
        ("breast ca, MRI: cord/CE compression at L1", "mscc", "confirmed"),
        ("bladder ok\nno steroids yet", "dexamethasone_given", "no"),
        ("MSCC confirmed, on 16mg dex since yesterday", "dexamethasone_given", "yes"),
        ("She and her partner hope to have children in future", "fertility_concern", "yes"),
        ("Twinged her low back lifting her toddler 5 days ago", "back_pain", "yes"),
        ("breast ca, pain keeping her up at night", "pain_night", "yes"),
        (
            "Pain 9/10, not improved despite titrating oxycodone to 40 mg bd",
            "pain_opioid_unresponsive",
            "yes",
        ),
        ("Pain 9/10, not improved despite regular paracetamol", "pain_controlled", "no"),
        (
            "MRI: infiltrative marrow lesions L3-L4 - radiologist says ?lymphoma",
            "spinal_metastases",
            "suspected",
        ),
        (
            "prostate ca. Neurological examination of upper and lower limbs is normal",
            "cord_signs",
            "no",
        ),
        ("MDT: not for surgery, not for radiotherapy", "oncology_treatment_inappropriate", "yes"),
        (
            "8 Gy to L3 6 months ago with great pain relief, now the pain is back in the same "
            "place",
            "recurrence_3_months_after_rt",
            "yes",
        ),
    ],
)
def test_round_16_words(text: str, fact: str, value: str) -> None:
    assert extract(text).facts.get(fact) == value


def test_a_partner_elsewhere_is_still_someone_else() -> None:
    assert "limb_weakness" not in extract("breast ca. her partner has weak legs").facts
    assert extract("she and her husband say her legs are weak").facts.get("limb_weakness") == "yes"


def test_a_relative_relaying_describes_the_patient() -> None:
    e = extract("Nurse relaying from the daughter: mum is 88, breast ca, MSCC diagnosed yesterday.")
    assert e.facts.get("mscc") == "confirmed"


def test_pain_back_needs_a_time_or_place_to_be_a_recurrence() -> None:
    # "Pain: back and legs" is a label, not a recurrence after radiotherapy.
    assert "recurrence_3_months_after_rt" not in extract("lung ca. Pain: back and legs").facts
    assert extract("lung ca. Pain: back and legs").uncertain == ()


# ----------------------------------------------------------------------------- round 17


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("ovarian ca. Neuro exam completely normal, sphincters fine", "cord_signs", "no"),
        (
            "ovarian ca. Neuro exam completely normal, sphincters fine",
            "bladder_bowel_dysfunction",
            "no",
        ),  # noqa: E501
        (
            "RCC. Says she can't tell when her bladder's full anymore.",
            "bladder_bowel_dysfunction",
            "yes",
        ),  # noqa: E501
        (
            "breast ca pt. saddle numb + cant feel when she needs a wee",
            "bladder_bowel_dysfunction",
            "yes",
        ),  # noqa: E501
        ("Ca ovary. Can't move her toes on the right since lunchtime.", "limb_weakness", "yes"),
        (
            "Prostate ca pt. Son says his legs have 'packed in' since this morning.",
            "limb_weakness",
            "yes",
        ),  # noqa: E501
        (
            "renal cancer, could only manage three steps with a frame today",
            "gait_disturbance",
            "yes",
        ),
        ("lung ca, pt needed hoist transfer, was walking yesterday", "gait_disturbance", "yes"),
        (
            "Wife phoned; husband has lung ca; says he can barely walk to the toilet",
            "gait_disturbance",
            "yes",
        ),  # noqa: E501
        ("Mrs Noor, who has breast cancer, can no longer feel her toes.", "sensory_loss", "yes"),
        ("HCA: Mrs G (lymphoma) can't feel the commode seat.", "sensory_loss", "yes"),
        ("Myeloma. Jumpy reflexes at both knees.", "cord_signs", "yes"),
        ("NSCLC/T7 met/band pain around chest/plantars \u2191/bladder ok", "cord_signs", "yes"),
        ("prostate ca, walks 2 miles a day", "gait_disturbance", "no"),
        ("breast ca. Update: op done yesterday, wound looks good", "had_spinal_surgery", "yes"),
        (
            "oesophageal ca, MSCC T4. Spinal surgeons decline (multilevel disease).",
            "suitable_for_surgery",
            "no",
        ),  # noqa: E501
        (
            "breast ca, MSCC T9. spinal surgeon + oncologist agree: decompression",
            "suitable_for_surgery",
            "yes",
        ),  # noqa: E501
        (
            "pancreatic ca. He doesn't want transfer to hospital, scans or procedures",
            "surgery_declined",
            "yes",
        ),  # noqa: E501
        (
            "pancreatic ca, days to live, just to be comfortable here",
            "oncology_treatment_inappropriate",
            "yes",
        ),  # noqa: E501
        (
            "Had 20 Gy to T10-L1 7 months ago; pain settled completely afterwards.",
            "previous_rt_good_response",
            "yes",
        ),  # noqa: E501
        (
            "MRI whole spine: multiple vertebral mets; no epidural disease, no cord compression.",
            "mscc",
            "ruled_out",
        ),  # noqa: E501
        (
            "Prostate ca, 8 Gy single # to L3 8 months ago. MRI: progression at L3",
            "spinal_metastases",
            "confirmed",
        ),  # noqa: E501
        (
            "sat her up to 60 degrees, BP fine, but her back pain shot up to 9/10",
            "mobilisation_deterioration",
            "yes",
        ),  # noqa: E501
        (
            "lung ca. complete paraplegia (no motor or sensory function below T6) for the whole "
            "3 weeks, no recovery.",
            "paralysis_2_weeks",
            "yes",
        ),
        ("her mum (breast ca) has back pain that has woken her every night", "pain_night", "yes"),
        ("pt w brest ca, bak pain 4 wks gettin worse, worse coughin", "pain_straining", "yes"),
        ("breast ca, T8 met. worth re-irradiating?", "radiotherapy_considered", "yes"),
        (
            "Lung ca. Says both legs 'dead' from the knees down, can't feel them",
            "sensory_loss",
            "yes",
        ),
        ("Ca ovary. Says it's like her thighs have gone to sleep.", "sensory_loss", "yes"),
        ("77M ca prostate, c/o sudden inability to walk", "gait_disturbance", "yes"),
        (
            "Daughter says dad (prostate ca) is walking like he's on a ship.",
            "gait_disturbance",
            "yes",
        ),
        (
            "A man with prostate cancer has developed a spastic, scissoring gait.",
            "gait_disturbance",
            "yes",
        ),  # noqa: E501
        ("Lung ca. Denies SOB. Says arms feel floppy and heavy.", "limb_weakness", "yes"),
        ("Ca prostate. Grip's gone in both hands, can't open jars.", "limb_weakness", "yes"),
        ("ca lung\nwk legs: +\nwee/poo: ok", "limb_weakness", "yes"),
        (
            "Breast ca. Can't get her wee started, has to strain.",
            "bladder_bowel_dysfunction",
            "yes",
        ),
        (
            "Breast ca. Urgency and accidents on the way to the loo.",
            "bladder_bowel_dysfunction",
            "yes",
        ),  # noqa: E501
        (
            "ca prost, wife sez hes been weein himself + unsteady",
            "bladder_bowel_dysfunction",
            "yes",
        ),  # noqa: E501
        ("Myeloma. her foot kept beating when he pushed it up.", "cord_signs", "yes"),
        (
            "T8 treated with 8Gy 6 months ago, now the same pain is back",
            "spinal_metastases",
            "confirmed",
        ),  # noqa: E501
    ],
)
def test_round_17_words(text: str, fact: str, value: str) -> None:
    assert extract(text).facts.get(fact) == value


def test_a_settled_sitting_trial_is_no_deterioration() -> None:
    e = extract(
        "physio sat her up gradually then stood her: no drop in BP or dizziness, pain no worse"
    )
    assert e.facts.get("mobilisation_deterioration") == "no"
    assert e.facts.get("orthostatic_hypotension") == "no"


def test_an_exception_naming_only_the_pain_excepts_no_cord_finding() -> None:
    e = extract(
        "ovarian ca. No neuro symptoms other than the pain itself: power full, sensation intact"
    )
    assert e.facts.get("limb_weakness") == "no"
    assert e.facts.get("sensory_loss") == "no"
    # ... while pain down a leg is a finding the denial did not cover (asked, never absent)
    e = extract("ovarian ca. No neuro symptoms other than pain down the left leg")
    assert e.facts.get("radicular_pain") == "yes"
    assert "limb_weakness" not in e.facts


@pytest.mark.parametrize(
    "text",
    [
        "Ca bowel. Collateral from husband: unsteady for a week.",
        "Daughter rang about her father (ca bowel). She says hi. Dad has numbness in the saddle area.",  # noqa: E501
        "Ca bowel. per her daughter, legs weak",
    ],
)
def test_an_informant_describes_the_patient(text: str) -> None:
    facts = extract(text).facts
    assert "yes" in {facts.get(f) for f in ("gait_disturbance", "sensory_loss", "limb_weakness")}


@pytest.mark.parametrize(
    "text",
    [
        "Mrs P breast ca. FYI it's her husband (visits daily) who has been struggling to walk",
        "Daughter rang about her father (ca bowel). Her friend's dad has numb legs.",
        "Ca bowel. her daughter has weak legs",
    ],
)
def test_a_relatives_own_finding_is_not_the_patients(text: str) -> None:
    facts = extract(text).facts
    assert not {"gait_disturbance", "sensory_loss", "limb_weakness"} & set(facts)


def test_a_clause_after_a_denial_is_not_denied() -> None:
    """fu14-036: 'no weakness, it's just back pain that wakes him at night' states the pain."""
    e = extract("prostate ca. no weakness, it's just back pain that wakes him at night")
    assert e.facts.get("limb_weakness") == "no"
    assert e.facts.get("back_pain") == "yes" and e.facts.get("pain_night") == "yes"


def test_a_premise_inside_a_question_is_stated_not_hedged() -> None:
    """fu13-012: "steroids - anything different because it's myeloma?" states the myeloma;
    the closing '?' asks. A fragment with no premise ("myeloma?", "legs weak?") stays hedged."""
    e = extract("steroids - anything different because it's myeloma?")
    assert e.facts.get("haematological_malignancy") == "confirmed"
    assert extract("67F myeloma?").facts.get("haematological_malignancy") == (
        "radiologically_suspected"
    )
    assert "limb_weakness" in extract("ca prostate. legs weak?").uncertain


def test_a_premise_question_on_a_live_case_changes_nothing(conversation) -> None:
    state = new_session()
    state, _ = conversation.respond(
        state, "67F myeloma, lumbar pain worse on moving, left leg weakness"
    )
    state, answer = conversation.respond(
        state, "steroids - anything different because it's myeloma?"
    )
    assert answer.turn != "correction"
    assert answer.facts["haematological_malignancy"] == "confirmed"
