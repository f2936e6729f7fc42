"""Session 29 (#12): rounds 56 and 57's reading classes, fixed as classes and tested both ways:
a friend or neighbour the message speaks of only, another person named beside the patient,
Hindi mixed with English, ward abbreviations, treatment decisions said in everyday words, a
question's '?' written on a long finding, and new words for Box 1 findings."""

from __future__ import annotations

import pytest
from chat_helpers import facts

from assistant.reading.extract import extract


def _picked(text: str, names) -> dict[str, str | None]:
    read = facts(text)
    return {name: read.get(name) for name in names}


# ---------------------------------------------------------------- who the findings are about


@pytest.mark.parametrize(
    "text",
    [
        "my mums friend pat has breast cancer thats spread 2 her spine. no back pain atm but "
        "since yday shes draggin her right foot n tripped twice",
        "my mum's friend Pat has breast cancer. she is dragging her foot",
        "my neighbour has breast cancer. she is dragging her foot",
    ],
)
def test_a_friend_or_neighbour_the_message_speaks_of_only_is_the_patient(text) -> None:
    read = facts(text)
    assert read["cancer_diagnosis"] == "yes"
    assert read["gait_disturbance"] == "yes"


def test_a_friend_beside_an_ill_writer_or_someone_elses_friend_is_not_the_patient() -> None:
    # the writer is ill: the friend's cancer is not theirs
    assert "cancer_diagnosis" not in facts("my friend has breast cancer. I have numb legs")
    # someone else's friend's father stays someone else
    assert "cancer_diagnosis" not in facts("her friend's dad has prostate cancer, legs weak")
    # a friend who had cancer long ago is history, nothing said of now
    assert facts("my friend had breast cancer years ago.") == {}


def test_another_person_named_by_title_after_the_patient_is_not_the_patient() -> None:
    read = facts(
        "Care home manager. Mr Davies, 79, had bowel cancer treated in 2018. This week he has a "
        "mild lower back ache, he is walking and using the toilet normally.\nSeparate thing - "
        "Mrs Hill next door has had weak legs since her stroke last year, she has never had "
        "cancer.\nWhat should we tell Mr Davies?"
    )
    assert read["cancer_diagnosis"] == "yes"
    assert "limb_weakness" not in read
    # the patient's own relative by the same surname is not another patient
    assert facts("Mr Davies has prostate cancer. Mrs Davies says his legs are weak.")[
        "limb_weakness"
    ] == ("yes")


def test_someone_the_writer_knows_from_somewhere_has_their_own_treatment() -> None:
    read = facts(
        "I have prostate cancer. A man at my support group is on dexamethasone for his spine - "
        "should I be asking for steroids?"
    )
    assert "dexamethasone_given" not in read
    assert read["cancer_diagnosis"] == "yes"


def test_the_cancer_team_named_as_a_service_is_no_diagnosis() -> None:
    read = facts(
        "My husband Geoff is 52 and has never had cancer of any kind. He pulled his back. "
        "Should Geoff be seen by the cancer team like his brother was?"
    )
    assert read["cancer_diagnosis"] == "no"
    assert facts("she is under the cancer team for her breast cancer")["cancer_diagnosis"] == "yes"


# ---------------------------------------------------------------- Hindi mixed with English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hello, my father has prostate cancer jo bones mein spread ho gaya hai. Pichhle 2 din "
            "se unki legs mein bahut weakness hai, woh bina support ke chal nahi pa rahe. Aaj "
            "subah se urine bhi pass nahi hua. Numbness ke baare mein puchha toh mana kar diya, "
            "bole koi numbness nahi hai.",
            {
                "limb_weakness": "yes",
                "gait_disturbance": "yes",
                "bladder_bowel_dysfunction": "yes",
                "sensory_loss": "no",
            },
        ),
        (
            "papa ko prostate cancer h, kal se dono pairon mein jhunjhuni (pins n needles) ho rhi "
            "h aur chal bhi nhi pa rhe thik se, baar baar gir rahe",
            {"sensory_loss": "yes", "gait_disturbance": "yes", "cancer_diagnosis": "yes"},
        ),
        (
            "Meri mummy (61) ka breast cancer ka operation 2020 mein hua tha. 3 hafte se unki "
            "kamar mein dard hai jo din ba din badh raha hai aur raat ko neend se utha deta hai. "
            "Pairon mein koi kamzori nahi hai, theek se chal rahi hain, toilet bhi normal hai.",
            {
                "back_pain": "yes",
                "pain_progressive": "yes",
                "pain_night": "yes",
                "limb_weakness": "no",
                "gait_disturbance": "no",
                "bladder_bowel_dysfunction": "no",
            },
        ),
        (
            "Mere father ko lung cancer hai, unki back mein bahut pain hai.",
            {"cancer_diagnosis": "yes", "primary_tumour": "lung", "back_pain": "yes"},
        ),
        ("Mere papa ko myeloma hai, aur unki back pain bahut severe hai.", {"pain_severe": "yes"}),
    ],
)
def test_hindi_mixed_with_english_is_read(text, expected) -> None:
    assert _picked(text, expected) == expected


def test_a_hindi_gloss_names_the_relative_and_mere_stays_english() -> None:
    read = facts(
        "Mum has breast cancer. Mere mama (uncle) ko pairon mein jhunjhuni hai, lekin unko "
        "cancer nahi hai."
    )
    assert read["cancer_diagnosis"] == "yes"
    assert "sensory_loss" not in read  # the uncle's, not Mum's
    assert facts("a mere 5 minutes") == {}
    # a denial follows what it denies and reaches only a few words back
    assert _picked(
        "Papa ki legs weak ho gayi hain aur numbness nahi hai. Prostate cancer.",
        ["limb_weakness", "sensory_loss"],
    ) == {"limb_weakness": "yes", "sensory_loss": "no"}


# ---------------------------------------------------------------- abbreviations and new words


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("ED: 58M, RCC. PC: LBP with radiation down L leg to foot.", "radicular_pain", "yes"),
        ("SpR AO: BCa w/ C-spine mets. UL: dec grip bilat, P&N fingers.", "limb_weakness", "yes"),
        ("CRC w/ sacral mets. Hx: dec perianal sens. PR: dec tone.", "cord_signs", "yes"),
        ("Pt w/ CUP, spinal mets. IDC in situ for UR.", "bladder_bowel_dysfunction", "yes"),
        ("Ca cervix. No UR, continent.", "bladder_bowel_dysfunction", "no"),
        ("RCC. LL: power 5/5. Not in UR.", "bladder_bowel_dysfunction", "no"),
        ("burning pain going round from my back to my belly button. bowel ca",
         "radicular_pain", "yes"),
        ("he can't feel the bath water temperature. Prostate cancer.", "sensory_loss", "yes"),
        ("she's complaining of needles and pins in her toes. kidney ca", "sensory_loss", "yes"),
        ("My legs feel like jelly and I keep nearly going over. Myeloma.",
         "gait_disturbance", "yes"),
        ("Colon cancer. Weakness 4/5, now requiring a walker (new).", "gait_disturbance", "yes"),
        ("she had to hold onto the furniture to get to the bathroom", "gait_disturbance", "yes"),
        ("Why would his anal tone be reduced on PR? Prostate ca with sacral mets.",
         "cord_signs", "yes"),
        ("Her bladder's fine, but her bowels have been leaking since Monday. Colon cancer.",
         "bladder_bowel_dysfunction", "yes"),
        ("she flinches when we touch one spot in the middle of her back",
         "localised_tenderness", "yes"),
        ("her back pain is worse, she cries out with it at night", "pain_night", "yes"),
        ("tender on percussion at T7", "localised_tenderness", "yes"),
        ("She still walks with her frame like before.", "gait_disturbance", "no"),
    ],
)  # fmt: skip
def test_new_words_for_findings_are_read(text, name, value) -> None:
    assert facts(text).get(name) == value


def test_text_speak_and_ward_abbreviations_keep_their_other_meanings() -> None:
    assert facts("ur legs ok?") == {}  # 'ur' is 'your', not retention
    assert facts("U&E normal, seen 1 Dec 2025") == {}
    assert facts("I take a lot of back pain calls") == {}
    assert facts("Anything from the NICE MSCC guidance I should flag?") == {}


# ---------------------------------------------------------------- decisions in everyday words


def test_decisions_said_in_everyday_words_are_read_and_their_questions_asked() -> None:
    assert facts("so surgery is off the table.")["suitable_for_surgery"] == "no"
    assert facts("surgery's out of the question")["suitable_for_surgery"] == "no"
    assert facts("too unwell for RT")["radiotherapy_considered"] == "no"
    assert facts("Oncology feel he's too unwell to tolerate radiotherapy")[
        "radiotherapy_considered"
    ] == ("no")
    assert facts("referred for RT")["radiotherapy_considered"] == "yes"
    assert facts("she was offered radiotherapy but she has decided she doesnt want it")[
        "radiotherapy_declined"
    ] == ("yes")
    assert facts("The team have told him to lie completely flat")["immobilised"] == "yes"
    assert facts("Goals are comfort.")["oncology_treatment_inappropriate"] == "yes"
    assert facts(
        "too frail for surgery, radiotherapy or any more cancer treatment, so the focus is on "
        "comfort"
    )["oncology_treatment_inappropriate"] == ("yes")
    # a question's '?' written on a long finding doubts it, however many words it runs
    for question, name in [
        ("is surgery off the table?", "suitable_for_surgery"),
        ("is he too frail for surgery?", "suitable_for_surgery"),
        ("is he too unwell for RT?", "radiotherapy_considered"),
        ("is he struggling to pass urine?", "bladder_bowel_dysfunction"),
    ]:
        read = extract(question)
        assert name not in read.facts and name in read.uncertain, question


def test_radiotherapy_started_is_the_msccs_only_beside_mscc() -> None:
    assert facts("MSCC at T11. Gave 8 Gy single fraction this morning.")[
        "mscc_radiotherapy_given"
    ] == ("yes")
    assert facts("MSCC confirmed. radiotherapy started today")["mscc_radiotherapy_given"] == "yes"
    assert "mscc_radiotherapy_given" not in facts("no MSCC. Gave 8 Gy this morning")


def test_a_recurrence_months_after_radiotherapy_is_read_by_its_months() -> None:
    assert facts("Same man, 4 months on: back pain has come back at the same level.")[
        "recurrence_3_months_after_rt"
    ] == ("yes")
    assert "recurrence_3_months_after_rt" not in facts("2 months later pain has come back")


# ---------------------------------------------------------------- imaging and suspicion


@pytest.mark.parametrize(
    "text",
    [
        "Painful lytic lesion at L5/S1, non-mechanical pain",
        "MRI whole spine: multiple lesions T4-L3, no cord compression",
        "Last month's MRI showed a secondary in my L3 vertebra",
    ],
)
def test_spinal_metastases_in_new_words_are_read(text) -> None:
    assert facts(text)["spinal_metastases"] == "confirmed"


def test_non_mechanical_pain_of_a_lesion_is_spinal_pain() -> None:
    assert _picked(
        "Painful lytic lesion at L5/S1, non-mechanical pain", ["back_pain", "pain_mechanical"]
    ) == {"back_pain": "yes", "pain_mechanical": "no"}


def test_haemoptysis_raises_a_suspicion_of_cancer_only_where_none_is_known() -> None:
    assert facts("45 pack-year smoker with new haemoptysis, Hb 98")["cancer_suspected"] == "yes"
    assert "cancer_suspected" not in facts("no haemoptysis")
    assert "cancer_suspected" not in facts("she hasnt lost weight")
    assert "cancer_suspected" not in facts("known lung ca, coughing up blood")
