"""Session 25 (#12, H02): rounds 48's and 49's reading classes, fixed as classes and tested both
ways: a double negation that states a finding, an onset that makes a listed item stated, a line
wrapped inside a phrase, a finding given to someone else or to a mistake, whose finding it is
when the writer is the carer, a sign of cancer in a person with none diagnosed, paralysis and
its duration, and new words for stated red flags."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # round 49's one stated red flag recorded absent on its first run (rf49-148)
        ("Never not in pain shooting down the right leg these days. I have bowel cancer.",
         "radicular_pain"),
        ("never without the pain down his leg. Known prostate ca.", "radicular_pain"),
        ("not a day without numbness in my feet. Breast cancer.", "sensory_loss"),
    ],
)  # fmt: skip
def test_a_double_negation_states_the_finding(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("never had weakness in his legs. Lung ca.", "limb_weakness"),
        ("She is never numb. Myeloma.", "sensory_loss"),
    ],
)
def test_a_single_never_still_denies(text: str, fact: str) -> None:
    assert facts(text)[fact] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("No numbness, weak legs since yesterday. Breast ca.", "limb_weakness"),
        ("Never been incontinent, never numb, weak on the right since Sunday. Myeloma.",
         "limb_weakness"),
        ("No weakness, numbness for 2 days. Lung ca.", "sensory_loss"),
    ],
)  # fmt: skip
def test_a_listed_finding_with_its_own_onset_is_stated(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_a_denial_with_an_onset_of_its_own_stays_denied() -> None:
    read = facts("No numbness or weakness since the radiotherapy. Prostate ca.")
    assert read["sensory_loss"] == "no" and read["limb_weakness"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Ovarian cancer.\nShe says she can't\nfeel her feet.\nWalks ok.", "sensory_loss"),
        ("Myeloma -\nunable\nto walk\nunaided since yesterday", "gait_disturbance"),
        ("Concerns:\n• shooting pain\n  down the left leg\n• not weak\nBackground: lung ca",
         "radicular_pain"),
    ],
)  # fmt: skip
def test_a_line_wrapped_inside_a_phrase_is_read_as_one(text: str, fact: str) -> None:
    assert facts(text)[fact] == "yes"


def test_a_finding_per_line_is_still_a_line_of_its_own() -> None:
    # "no fever\nweak legs": the weakness is stated, not denied across the line
    assert facts("no fever\nweak legs\nknown breast ca")["limb_weakness"] == "yes"
    assert facts("no weakness\nback pain\nknown breast ca")["limb_weakness"] == "no"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("sensation is reduced to the level of the xiphisternum. Thyroid cancer.", "cord_signs"),
        ("sensation is reduced to the level of the xiphisternum. Thyroid cancer.",
         "sensory_loss"),
        ("Lung ca. LL motor score 18/50 (normal 50). Sens intact.", "limb_weakness"),
        ("Ca prostate\nLegs - numb/weak\nBladder - ok", "limb_weakness"),
        ("lung ca. urinary freq + urgency + 1x incont.", "bladder_bowel_dysfunction"),
        ("72M, mCRPC. Mob c/ frame (new).", "gait_disturbance"),
        ("Mrs B (lung cancer) hasn't been able to open her bowels for 5 days, which is new "
         "for her.", "bladder_bowel_dysfunction"),
    ],
)  # fmt: skip
def test_round49_words_for_stated_red_flags(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


def test_a_finding_asked_about_with_worry_is_possible_never_absent() -> None:
    read = extract("Should I be worried that his shooting leg pain is back? Colon cancer.")
    assert "radicular_pain" in read.uncertain and "radicular_pain" not in read.facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # constipation not said to be new is not a Box 1 finding (opioids cause it)
        ("On morphine, hasn't opened her bowels for 3 days. Lung cancer.",
         "bladder_bowel_dysfunction"),
        ("Lung ca. LL motor score 50/50.", "limb_weakness"),
        ("Lung ca, legs numb but power 5/5.", "limb_weakness"),
    ],
)  # fmt: skip
def test_round49_words_do_not_overreach(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


def test_a_question_the_next_sentence_makes_the_patients_is_read_as_a_case() -> None:
    read = facts(
        "Why would a lady with breast cancer suddenly be unable to feel her legs? That's "
        "what's happening to my aunt."
    )
    assert read["sensory_loss"] == "yes"
    # a general question alone stays a topic
    assert "sensory_loss" not in facts(
        "Why would a lady with breast cancer suddenly be unable to feel her legs?"
    )


def test_the_carers_own_illness_does_not_make_the_husband_a_relative() -> None:
    read = facts(
        "My own legs are weak from my Parkinson's so I struggle to help him. My husband has "
        "prostate cancer and for three days has had numbness in both legs and a pain like an "
        "electric shock down the left one."
    )
    assert read["sensory_loss"] == "yes" and read["radicular_pain"] == "yes"
    assert read["cancer_diagnosis"] == "yes"
    # a writer with a cancer of their own is the patient; the husband stays a relative
    read = facts("I have myeloma and struggle to help him. My husband has prostate cancer and "
                 "numb legs.")  # fmt: skip
    assert "sensory_loss" not in read
    assert read["haematological_malignancy"] == "confirmed"


def test_the_relative_whose_appointment_it_is_is_the_patient() -> None:
    read = facts(
        "Sitting in the hospital car park after Dad's appointment got cancelled. Mum had cord "
        "compression from her breast cancer in 2020 and lost the use of her legs. Dad has "
        "prostate cancer (diagnosed last year). Legs fine. His back has been hurting for 2 "
        "weeks and it's keeping him up at night."
    )
    assert read["primary_tumour"] == "prostate" and "mscc" not in read


def test_a_diagnosis_in_the_relatives_sentence_stays_theirs() -> None:
    assert "mscc" not in facts(
        "my grandads friend had numb legs last yr and they said it was cord compression."
    )
    # a person named in the later clause may be the patient: read as the patient's
    assert facts("His brother rang and said he has cord compression")["mscc"] == "confirmed"
    # the writer's own relative, named bare, is often the patient: her diagnosis is read
    read = facts(
        "Is there help for Mum with money worries and feeling low since they found the cancer "
        "in her spine?"
    )
    assert read["spinal_metastases"] == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "the numb legs were his brother last year, nothing to do with us.",
        "The weakness and retention were copied from the previous patient's request by mistake.",
    ],
)
def test_a_finding_given_to_someone_else_is_not_the_patients(text: str) -> None:
    read = facts(text)
    assert "sensory_loss" not in read and "limb_weakness" not in read
    assert "bladder_bowel_dysfunction" not in read


@pytest.mark.parametrize(
    "text",
    [
        "Frailty unit. 88F, no known malignancy. Bloods: Hb 92, ALP 410.",
        "74M, no known cancer. 3 months weight loss, PSA sent.",
        "she's never had cancer. lost weight without trying, and the GP found her calcium "
        "was high on a blood test.",
        "Never been diagnosed with cancer. Im worried its cancer.",
        "No cancer diagnosis but the GP referred her on the 2-week-wait pathway for weight "
        "loss and change in bowel habit.",
        "the femoral lesion looks like a metastasis, primary unknown",
    ],
)
def test_signs_of_a_cancer_not_yet_diagnosed_are_a_suspicion(text: str) -> None:
    read = facts(text)
    assert read["cancer_suspected"] == "yes"
    assert read.get("cancer_diagnosis") != "yes"
    assert "bladder_bowel_dysfunction" not in read  # a referral's bowel habit is no cord sign


@pytest.mark.parametrize(
    "text",
    [
        "Should a 55-year-old man with no symptoms have a PSA test?",
        "ALP 120, calcium normal, no weight loss.",
        "Patient with NSCLC and new brain metastases - no back pain, no spinal symptoms.",
    ],
)
def test_no_suspicion_and_no_asymptomatic_metastases_from_ordinary_words(text: str) -> None:
    read = facts(text)
    assert read.get("cancer_suspected") != "yes"
    assert "asymptomatic_metastases" not in read


def test_paralysis_and_its_duration_in_everyday_words() -> None:
    read = facts(
        "He hasn't been able to move or feel his legs at all for about three weeks (the "
        "family thought it was a stroke)"
    )
    assert read["complete_paralysis"] == "yes" and read["paralysis_2_weeks"] == "yes"
    read = facts(
        "MSCC at T9 diagnosed 3 weeks ago; he was already completely paraplegic at "
        "presentation and it's complete and unchanged since."
    )
    assert read["paralysis_2_weeks"] == "yes"
    read = facts("MSCC diagnosed 4 days ago; completely paraplegic at presentation.")
    assert read["paralysis_2_weeks"] == "no"
    assert facts("no paraplegia for 3 weeks").get("complete_paralysis") == "no"


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Anaesthetics say not fit for a GA (severe COPD).", "suitable_for_surgery", "no"),
        ("the doctors said she is too weak for an operation or radiotherapy and they want "
         "to concentrate on keeping her comfortable.", "oncology_treatment_inappropriate",
         "yes"),
        ("she's still on the steroid tablets, 8 of the little ones a day.",
         "on_corticosteroids", "yes"),
        ("a bit of steel in his eye years ago and the radiographer says they cant put him in "
         "the scanner because of it.", "mri_contraindicated", "yes"),
        ("Spinal surgeon wants to go straight to vertebrectomy and stabilisation next week.",
         "invasive_intervention_considered", "yes"),
        ("Had 8 Gy to L3 in March and the pain went completely. Now, 5 months on, the same "
         "pain is back at L3.", "recurrence_3_months_after_rt", "yes"),
        ("Tried sitting him up to about 60 degrees this afternoon. BP dropped, he felt faint, "
         "said his legs went more numb and back pain shot up to 9/10.",
         "mobilisation_deterioration", "yes"),
        ("Severe thoracolumbar pain, she screams with any movement.", "pain_on_movement",
         "yes"),
        ("her scans last week show no spread to the bones.", "spinal_metastases", "none"),
        ("Neuro exam today: power and sensation at her baseline, continent.",
         "bladder_bowel_dysfunction", "no"),
        ("Neuro exam today: power and sensation at her baseline, continent.", "limb_weakness",
         "no"),
        ("his legs are perfectly strong", "limb_weakness", "no"),
        ("no she hasnt been given any dexamethasone", "dexamethasone_given", "no"),
        ("now her back hurts all the time esp at night", "pain_night", "yes"),
        # a denial of something else in the gap is no denial of the night pain (b89)
        ("4 weeks of severe mid-thoracic pain, constant, no position of ease, worse at night.",
         "pain_night", "yes"),
        ("back pain but no worse at night", "pain_night", "no"),
        ("his back hurts at night and its getting worse", "pain_progressive", "yes"),
        ("pt's husband asked who they ring if her legs go funny at home", "sensory_loss",
         None),
        ("his legs have been funny since Tuesday", "sensory_loss", "yes"),
    ],
)  # fmt: skip
def test_round48_and_49_case_words(text: str, fact: str, value: str | None) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Had vertebrectomy last week.", "had_spinal_surgery"),
        ("Day 2 post-op pain in the hip after hemiarthroplasty.", "had_spinal_surgery"),
        ("his legs are perfectly strong", "sensory_loss"),
        ("Mobilising before admission, walks independently at baseline, continent.",
         "bladder_bowel_dysfunction"),
        ("says his legs feel funny - not sure yet if they're weak", "limb_weakness"),
        ("I'm checking whether he's ever had cancer.", "cancer_diagnosis"),
    ],
)  # fmt: skip
def test_round48_and_49_words_read_only_what_is_said(text: str, fact: str) -> None:
    read = extract(text).facts
    if fact == "had_spinal_surgery" and text.startswith("Had"):
        assert read[fact] == "yes"  # surgery done is still read
    else:
        assert fact not in read
