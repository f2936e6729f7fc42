"""Session 42 (#12): round 80's reading classes, fixed as classes and tested both ways.

A cancer named and then said to be unconfirmed ("maybe it is chloniak - lymphoma - but not
confirmed") is suspected, and "MRI: MSCC not confirmed" no longer reads MSCC confirmed.
Bengali-English: "kono cancer nai" (no cancer at all), "cancer nai", "legs thik ache" (the
legs are fine, not an ache), "toilet e kono problem nai", "legs e jor nai" (no strength: weak),
"cancer ta backbone e chole geche" (spread to the spine), first-person "ghumate parina",
painkillers "kaj korche na". "Nothing on record for cancer". The backbone as the spine. Pressing
on the spinal cord in everyday words. Scots words read as English ("hame", "wi", "nae").
A checklist's yes/no answers ("Wkness? - YES L leg", "weakness N / numbness Y", ticks and
crosses after symptoms; a tick after a function such as "Gait ✓" read neither way). Two dates
for radiotherapy and recurrence ("on 2 March … came back in mid-July"). Recent radiotherapy
written "2 weeks ago". Waiting for theatre; asking about surgery; radiotherapy "on the table";
"needs immediate decompression". "tender right over T9". Steps, stairs, "without being held
up", "Walking he cannot do", a new zimmer frame against an independent baseline, tumbles,
prickly feet. "c̄ radiation to ant. thighs". "Meso", "CaP", "BC pt (ER+)". "Assalamu alaikum
sister," is a greeting, not a relative. "wat r the …?" asks.
"""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "doctors say maybe it is chloniak - lymphoma - but not confirmed, biopsy next week",
        "lymphoma but not confirmed",
        "lymphoma - not confirmed yet",
    ],
)
def test_an_unconfirmed_lymphoma_is_suspected(text) -> None:
    read = facts(text)
    assert read.get("haematological_malignancy") == "radiologically_suspected"
    assert read.get("cancer_diagnosis") != "yes"


def test_a_known_lymphoma_stays_confirmed() -> None:
    assert (
        facts("Known lymphoma, not confirmed whether the spine is involved")[
            "haematological_malignancy"
        ]
        != "radiologically_suspected"
    )
    assert facts("Confirmed DLBCL on biopsy")["haematological_malignancy"] == "confirmed"


def test_mscc_not_confirmed_is_not_confirmed() -> None:
    assert facts("MRI: MSCC not confirmed").get("mscc") != "confirmed"
    assert facts("MRI confirms MSCC at T7")["mscc"] == "confirmed"


@pytest.mark.parametrize(
    "text",
    ["Baba 68, kono cancer nai kokhono.", "cancer nai", "72M, nothing on record for cancer."],
)
def test_cancer_denied_in_bengali_or_as_nothing_on_record(text) -> None:
    assert facts(text)["cancer_diagnosis"] == "no"


def test_cancer_stated_in_bengali_english_stays() -> None:
    assert facts("Amar abba lung cancer ache, 2021 theke")["cancer_diagnosis"] == "yes"


def test_bengali_fine_legs_and_toilet_are_denials_not_an_ache() -> None:
    read = facts("Legs thik ache, she walks normal, no numbness, toilet e kono problem nai.")
    assert read["limb_weakness"] == "no"
    assert read["bladder_bowel_dysfunction"] == "no"
    assert "back_pain" not in read
    assert facts("back ache for 3 weeks")["back_pain"] == "yes"


@pytest.mark.parametrize("text", ["legs e jor nai", "legs e kono jor nai"])
def test_no_strength_in_the_legs_in_bengali_is_weakness(text) -> None:
    assert facts(text)["limb_weakness"] == "yes"


def test_numbness_unchanged_in_bengali_is_not_denied() -> None:
    assert facts("numbness kono change nai")["sensory_loss"] == "yes"


def test_bengali_spread_to_the_backbone_and_night_pain() -> None:
    read = facts(
        "Amar cancer ta backbone e chole geche, painkiller kaj korche na, rate ghumate parina."
    )
    assert read["spinal_metastases"] == "confirmed"
    assert read["pain_night"] == "yes"
    assert read["pain_controlled"] == "no"
    assert "pain_night" not in facts("raat e ghumote pare")  # she can sleep at night


def test_the_backbone_is_the_spine() -> None:
    read = facts("they say my dads backbone is unstable cos of the cancer")
    assert read["spinal_instability"] == "confirmed"


def test_pressing_on_the_cord_in_everyday_words() -> None:
    assert facts("it isn't pressing on my spinal cord")["mscc"] == "none"
    assert facts("the tumour is pressing on his spinal cord")["mscc"] == "confirmed"
    assert "mscc" not in facts("Is it pressing on his spinal cord?")


def test_scots_words_are_read_as_english() -> None:
    read = facts("they're sayin she'll be hame next week in a wheelchair wi a catheter")
    assert read["discharge_planned"] == "yes"
    assert facts("he cannae feel his legs")["sensory_loss"] == "yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ca cervix. Radic pain? - NO. Paraes? - NO. Wkness? - YES L leg. Bladder? - NO.",
            {"limb_weakness": "yes"},
        ),
        (
            "myeloma pt: weakness N / numbness Y / bladder N / gait Y",
            {
                "limb_weakness": "no",
                "sensory_loss": "yes",
                "bladder_bowel_dysfunction": "no",
                "gait_disturbance": "yes",
            },
        ),
        (
            "Checklist (lung ca):\nQ1 Weakness? No\nQ2 Numbness? Yes, both legs\n"
            "Q3 Bladder/bowel? Yes - incontinent\nQ4 Walking? Unable",
            {
                "limb_weakness": None,  # a "no" to a question is asked, never absent (round 41)
                "sensory_loss": "yes",
                "bladder_bowel_dysfunction": "yes",
                "gait_disturbance": "yes",
            },
        ),
        (
            "Meso pt. CES sx: urinary incontinence ✓, saddle numbness ✗, bilat leg weakness ✓.",
            {"cancer_diagnosis": "yes", "bladder_bowel_dysfunction": "yes", "limb_weakness": "yes"},
        ),
    ],
)
def test_a_checklists_answers_decide(text, expected) -> None:
    read = facts(text)
    assert {name: read.get(name) for name in expected} == expected


def test_no_answer_in_a_checklist_denies_nothing() -> None:
    read = facts("Weakness? no idea. Numbness? No change")
    assert "no" not in {read.get("limb_weakness"), read.get("sensory_loss")}
    read = facts("Ca cervix. Radic pain? - NO. Paraes? - NO. Bladder? - NO.")
    assert "no" not in {read.get(f) for f in ("sensory_loss", "bladder_bowel_dysfunction")}
    # a list of denials keeps each one ('weakness no' is no answer to a label)
    read = facts("no weakness no numbness or tingling")
    assert read["limb_weakness"] == "no" and read["sensory_loss"] == "no"


def test_a_tick_after_a_function_is_read_neither_way() -> None:
    read = facts("Hx CaP. Power ✓. Gait ✓. Bladder ✓.")
    assert read["primary_tumour"] == "prostate"
    assert "gait_disturbance" not in read
    assert "bladder_bowel_dysfunction" not in read


@pytest.mark.parametrize(
    ("text", "recurred"),
    [
        (
            "had 8 Gy single fraction to T9 on 2 March for a painful met, and the pain settled "
            "completely. Pain came back at the same level in mid-July.",
            "yes",
        ),
        ("had 8 Gy on 15 March, pain came back on 10 June", "no"),
        ("RT in March, pain came back in May", "no"),
    ],
)
def test_recurrence_dated_against_the_radiotherapy(text, recurred) -> None:
    assert facts(text)["recurrence_3_months_after_rt"] == recurred


def test_radiotherapy_for_mscc_two_weeks_ago_in_words() -> None:
    read = facts("70M lung ca, MSCC L1, had 8 Gy single fraction 2 weeks ago.")
    assert read["mscc_radiotherapy_given"] == "yes"
    assert "mscc_radiotherapy_given" not in facts("MSCC L1, had 8 Gy single fraction 3 weeks ago.")


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("is waiting for theatre", "awaiting_definitive_treatment", "yes"),
        ("no longer waiting for theatre", "awaiting_definitive_treatment", "no"),
        ("Referring team are asking about surgery.", "invasive_intervention_considered", "yes"),
        ("radiotherapy is on the table too for his pain", "radiotherapy_considered", "yes"),
        ("surgery is on the table", "invasive_intervention_considered", "yes"),
        ("he needs immediate decompression", "immediate_treatment_needed", "yes"),
        ("yes, she is tender right over T9 when I press", "localised_tenderness", "yes"),
    ],
)
def test_treatment_plans_and_signs_in_everyday_words(text, fact, value) -> None:
    assert facts(text)[fact] == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("she can't manage the step into the kitchen without being held up", "gait_disturbance"),
        ("Walking he cannot do, he is in bed only since yesterday.", "gait_disturbance"),
        ("Sx: paraesthesia, new WZF (was indep.), no LUTS.", "gait_disturbance"),
        ("she's all over the place on her feet, three tumbles this week", "gait_disturbance"),
        ("her feet are prickly like pins", "sensory_loss"),
        ("PC: LBP c̄ radiation to ant. thighs B/L, worse on cough.", "radicular_pain"),
    ],
)
def test_box1_findings_in_everyday_and_shorthand_words(text, fact) -> None:
    assert facts(text)[fact] == "yes"


def test_urgent_surgery_doubted_is_no_immediate_treatment() -> None:
    # b122: "don't think he needs urgent surgery" had read immediate treatment needed
    read = facts("Spinal team don't think he needs urgent surgery. Next step?")
    assert read.get("immediate_treatment_needed") != "yes"


def test_a_walking_frame_used_all_along_is_no_new_finding() -> None:
    assert "gait_disturbance" not in facts("uses a zimmer frame, has done for years")


@pytest.mark.parametrize(
    ("text", "primary"),
    [("Hx CaP. LUTS", "prostate"), ("BC pt (ER+), thoracic pain", "breast")],
)
def test_shorthand_cancers(text, primary) -> None:
    read = facts(text)
    assert read["primary_tumour"] == primary
    assert read["cancer_diagnosis"] == "yes"


def test_shorthand_that_is_not_a_cancer() -> None:
    assert facts("CAP on CXR, BC sent") == {}


def test_a_greeting_to_a_nurse_is_not_a_relative() -> None:
    read = facts("Assalamu alaikum sister, amar abba (my father) has the lung cancer")
    assert read["cancer_diagnosis"] == "yes"
    read = facts("My sister, who has myeloma, has weak legs")
    assert read.get("cancer_diagnosis") == "yes"


def test_text_speak_question_is_a_topic() -> None:
    read = extract("wat r the red flag signs of cord compression in cancer pts??")
    assert read.facts == {}
    assert "cord_signs" in read.topics
    assert extract("When R leg became weak he fell").facts["limb_weakness"] == "yes"
