"""Session 12 (#12, #13): round-20 follow-up failures fixed as classes, each tested both ways.

- A patient switch said as "bed 3 is a 90F …" clears the case; "bed 3 has new leg weakness"
  on the first turn is just the case.
- A take-back that names a finding ("ignore the numbness, that was the man in bed 4") undoes
  only that finding; "scratch that, leg power is normal" corrects the weakness and keeps the
  rest; "wrong patient" still undoes the whole last message.
- A primary corrected in shorthand ("it's prostate not lung", "not breast, prostate").
- Everyday wording for facts the rules use (16 mg given, no dex yet, not on steroids, opioid
  without effect, pain on moving, oncology treatment not appropriate, rehab benefit, pain
  worse week on week, "back a bit sore", germ cell tumours, "no known cancer but GP suspects
  it"), each with a near miss that must not read.
- Spinal metastases recorded as asymptomatic have no neurological symptoms (1.5.6, 1.8.7),
  unless a cord symptom is recorded.
- Questions outside NG234 in a live case are refused (syringe-driver alarms, insulin sliding
  scales, which care home, chemotherapy regimens); a level the spine does not have ("T34") is
  not a spinal anchor.
"""

from __future__ import annotations

import pytest
from chat_helpers import cited as _cited
from chat_helpers import facts
from chat_helpers import last as _last

from assistant.reading import scope
from assistant.reading.extract import extract

# --- patient switch ---------------------------------------------------------------------


def test_bed_n_is_a_new_patient_clears_the_case(conversation) -> None:
    answer = _last(
        conversation,
        "Bed 1: 66F ca breast, spinal mets, back pain well controlled, no neuro symptoms",
        "bed 3 is a 90F with no cancer history and a fractured neck of femur after a fall",
    )
    assert answer.turn == "new_patient"
    assert "primary_tumour" not in answer.facts and "spinal_metastases" not in answer.facts


def test_bed_n_with_a_finding_on_the_live_case_is_not_a_switch(conversation) -> None:
    answer = _last(
        conversation,
        "72M prostate ca with spinal mets, back pain",
        "bed 3 has new leg weakness since this morning",
    )
    assert answer.turn != "new_patient"
    assert answer.facts.get("primary_tumour") == "prostate"
    assert answer.facts.get("limb_weakness") == "yes"


def test_a_switch_with_a_suspected_cancer_reads_the_new_case(conversation) -> None:
    answer = _last(
        conversation,
        "Pt 1: 79F lymphoma on R-CHOP, new pins and needles in both legs and unsteady gait",
        "ok referred. new pt: 50M, no known cancer but GP suspects it - weight loss, "
        "mechanical back pain for 6 weeks",
    )
    assert answer.turn == "new_patient" and not answer.out_of_scope
    assert answer.facts.get("cancer_suspected") == "yes"
    assert "sensory_loss" not in answer.facts
    assert "1.3.5" in _cited(answer)


# --- take-backs and corrections ---------------------------------------------------------

CASE = "76M bowel cancer, back pain that's worse when he sneezes, plus numbness in his left foot"


@pytest.mark.parametrize(
    "takeback",
    ["ignore the numbness, that was the man in bed 4", "the numbness - that was someone else"],
)
def test_a_take_back_naming_a_finding_undoes_only_it(conversation, takeback: str) -> None:
    answer = _last(conversation, CASE, takeback)
    assert answer.facts.get("sensory_loss", "unknown") == "unknown"
    assert answer.facts.get("pain_straining") == "yes" and answer.facts.get("back_pain") == "yes"
    assert answer.turn == "correction"


def test_scratch_that_with_a_new_value_corrects_only_that(conversation) -> None:
    answer = _last(
        conversation,
        "66M known kidney ca, back pain worse on moving, L leg weak since yesterday, no bladder sx",
        "actually scratch that, leg power is normal on proper exam, it's just pain limiting him",
    )
    assert answer.facts.get("limb_weakness") == "no"
    assert answer.facts.get("primary_tumour") == "kidney" and answer.facts.get("back_pain") == "yes"


def test_wrong_patient_still_undoes_the_whole_last_message(conversation) -> None:
    answer = _last(conversation, "72M lung ca, legs weak", "sorry wrong patient")
    assert answer.facts.get("limb_weakness", "unknown") == "unknown"


def test_scratch_that_alone_undoes_the_last_message(conversation) -> None:
    answer = _last(conversation, "72M lung ca", "new leg weakness", "scratch that")
    assert answer.facts.get("limb_weakness", "unknown") == "unknown"
    assert answer.facts.get("primary_tumour") == "lung"


@pytest.mark.parametrize(
    ("text", "primary"),
    [
        ("sorry correction - it's prostate not lung, I was reading the wrong notes", "prostate"),
        ("not breast, prostate", "prostate"),
        ("the primary is renal, not lung", "kidney"),
    ],
)
def test_a_primary_corrected_in_shorthand(text: str, primary: str) -> None:
    assert facts(text).get("primary_tumour") == primary


def test_a_correction_of_the_primary_changes_only_the_primary(conversation) -> None:
    answer = _last(
        conversation,
        "72M lung cancer with known spinal mets, legs gone numb since lunchtime",
        "sorry correction - it's prostate not lung, everything else is right",
    )
    assert answer.facts.get("primary_tumour") == "prostate"
    assert answer.facts.get("sensory_loss") == "yes"


def test_an_organ_without_a_correction_is_not_a_primary() -> None:
    assert "primary_tumour" not in facts("prostate fine, lung clear")


# --- vocabulary, both ways ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("gave 16mg po at 0140", "dexamethasone_given", "yes"),
        ("he hasnt had any dex yet", "dexamethasone_given", "no"),
        ("she hasn't been given steroids", "dexamethasone_given", "no"),
        ("Not on any steroids.", "on_corticosteroids", "no"),
        ("on morphine MR 60mg bd with little effect", "pain_opioid_unresponsive", "yes"),
        ("oxycodone isn't touching it", "pain_opioid_unresponsive", "yes"),
        ("Lots of pain moving and turning in bed", "pain_on_movement", "yes"),
        (
            "surgery, radiotherapy and chemo aren't appropriate for her any more",
            "oncology_treatment_inappropriate",
            "yes",
        ),
        (
            "we think she'd do really well in the specialist rehab unit",
            "rehab_benefit_likely",
            "yes",
        ),
        ("it wakes him at night and it's getting worse week on week", "pain_progressive", "yes"),
        ("his back has been 'a bit sore' for a month", "back_pain", "yes"),
        ("29 yo man, testicular germ cell tumour", "primary_tumour", "other_solid"),
        ("no known cancer but GP suspects it", "cancer_suspected", "yes"),
    ],
)
def test_everyday_wording_is_read(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("given 16 mg of ondansetron", "dexamethasone_given"),
        ("on morphine MR 60mg bd with good effect", "pain_opioid_unresponsive"),
        ("mild discomfort moving", "pain_on_movement"),
        ("no known cancer but GP suspects it's a disc", "cancer_suspected"),
        ("surgery is appropriate", "oncology_treatment_inappropriate"),
    ],
)
def test_near_misses_are_not_read(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


# --- asymptomatic spinal metastases ---------------------------------------------------------


def test_asymptomatic_spinal_metastases_have_no_neurological_symptoms(conversation) -> None:
    answer = _last(
        conversation,
        "68F breast ca with known bone mets including L2, completely asymptomatic. Her "
        "oncologist wants a surveillance MRI spine every 3 months - is that right?",
    )
    assert "1.5.6" in _cited(answer)


def test_asymptomatic_until_a_cord_symptom_is_not_asymptomatic(conversation) -> None:
    answer = _last(
        conversation,
        "68F breast ca with known spinal mets, asymptomatic until yesterday, now legs weak",
    )
    cited = _cited(answer)
    assert "1.5.6" not in cited and "1.8.7" not in cited and "1.3.2" in cited


# --- scope in a live case -------------------------------------------------------------------

LIVE = "69M prostate ca, MSCC at T6 on MRI, on dex 16mg daily since Monday"


@pytest.mark.parametrize(
    "question",
    [
        "can you tell me what insulin sliding scale to use?",
        "also her syringe driver keeps alarming, how do I troubleshoot a T34 occlusion alarm?",
        "ok thanks. also which care home near Leeds would you say is best for him afterwards",
        "and what chemo regimen is first line for small cell lung cancer?",
    ],
)
def test_questions_outside_ng234_in_a_live_case_are_refused(conversation, question: str) -> None:
    answer = _last(conversation, LIVE, question)
    assert answer.out_of_scope and not answer.recommendations
    assert answer.facts.get("mscc") == "confirmed"  # the case is kept


@pytest.mark.parametrize(
    "question",
    [
        "his sugars were 19 this morning, he's on insulin already - do we need to change the dex?",
        "who do I call?",
        "can we reduce the dex now?",
    ],
)
def test_questions_about_the_case_are_answered(conversation, question: str) -> None:
    answer = _last(conversation, LIVE, question)
    assert not answer.out_of_scope


@pytest.mark.parametrize(
    ("text", "spinal"), [("T34 alarm", False), ("MSCC at T11", True), ("L4/5", True)]
)
def test_only_levels_the_spine_has_anchor_a_message(text: str, spinal: bool) -> None:
    assert scope.names_spinal_domain(text) is spinal


# --- second batch: more everyday wording, both ways ----------------------------------------


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("spinal team think it's unstable", "spinal_instability", "suspected"),
        (
            "L1 pathological collapse with retropulsion causing MSCC",
            "spinal_instability",
            "suspected",
        ),
        ("he scored it 3/10 this morning", "pain_severe", "no"),
        ("pain isn't actually severe", "pain_severe", "no"),
        ("MRI: T7 met, no canal compromise", "mscc", "none"),
        ("MSCC at T6, on dex since Monday, had 8Gy RT today", "mscc_radiotherapy_given", "yes"),
        ("He has no symptoms whatsoever", "asymptomatic_metastases", "yes"),
        ("the pain is still poorly controlled", "pain_controlled", "no"),
        ("Spinal surgeons say surgery isn't suitable (severe COPD)", "suitable_for_surgery", "no"),
        ("Anaesthetics have said no to GA", "suitable_for_surgery", "no"),
        ("Told to nurse him flat", "immobilised", "yes"),
        (
            "70M, no previous cancer, MRI shows multiple spinal lesions that look metastatic",
            "spinal_metastases",
            "suspected",
        ),
    ],
)
def test_more_everyday_wording_is_read(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("spinal team think it's stable", "spinal_instability"),
        ("he had RT to T10 in 2021", "mscc_radiotherapy_given"),
        ("he has no symptoms apart from back pain", "asymptomatic_metastases"),
        ("she was flat in mood", "immobilised"),
    ],
)
def test_more_near_misses(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no", "none")


def test_surgery_suitable_is_not_unsuitable() -> None:
    assert facts("spinal surgeons say surgery is suitable").get("suitable_for_surgery") == "yes"


def test_lesions_that_look_metastatic_are_no_cancer_diagnosis() -> None:
    read = facts("70M, no previous cancer, MRI shows multiple spinal lesions that look metastatic")
    assert read.get("cancer_diagnosis") == "no"


def test_new_symptoms_after_a_normal_exam_are_news_not_a_correction(conversation) -> None:
    answer = _last(
        conversation,
        "67M smoker, no cancer diagnosis, severe unremitting thoracic back pain, lost 6kg "
        "without trying. Neuro exam normal.",
        "wife just rang - he can't feel his legs now and he's wobbly on his feet",
    )
    assert answer.turn == "follow_up"
    assert answer.facts.get("sensory_loss") == "yes"


def test_a_changed_value_without_news_is_a_correction(conversation) -> None:
    answer = _last(
        conversation, "72M lung ca, MSCC on MRI, fit for surgery", "update: not fit for surgery"
    )
    assert answer.turn == "correction"


def test_a_why_question_mid_case_is_a_general_question(conversation) -> None:
    answer = _last(
        conversation,
        "81F renal cell ca, MSCC at T11 on MRI, legs 3/5, not suitable for surgery",
        "Out of interest, why is a single 8 Gy fraction the default for MSCC? seems low",
    )
    assert answer.turn == "question" and not answer.out_of_scope
    assert answer.facts.get("mscc") == "confirmed"


@pytest.mark.parametrize(
    ("aside", "turn"),
    [
        # Session 20: an aside about the patient is a follow-up on the case (refused); one
        # that names no patient is a general question (refused), as blind writers label them.
        ("can you tell me what insulin sliding scale to use for him?", "follow_up"),
        ("and what chemo regimen is first line for small cell lung cancer?", "question"),
    ],
)
def test_an_aside_outside_ng234_is_refused(conversation, aside: str, turn: str) -> None:
    answer = _last(conversation, LIVE, aside)
    assert answer.turn == turn and answer.out_of_scope


def test_suspected_mscc_with_instability_is_nursed_supine(conversation) -> None:
    answer = _last(
        conversation,
        "63F breast ca, MRI: T7 pathological fracture with retropulsion and cord compression, "
        "SINS 13, legs 3/5",
    )
    assert {"1.4.1", "1.4.3"} <= _cited(answer)


def test_external_support_when_surgery_is_not_suitable(conversation) -> None:
    answer = _last(
        conversation,
        "72M NSCLC, MRI-confirmed MSCC at T12 with a pathological fracture, SINS 14. Mechanical "
        "pain not controlled despite oxycodone. Spinal surgeons say surgery isn't suitable "
        "because of very severe COPD.",
    )
    cited = _cited(answer)
    assert "1.11.9" in cited and "1.11.8" not in cited


@pytest.mark.parametrize(
    "text", ["her legs go tingly when she sits up, settles lying flat", "breathless lying flat"]
)
def test_lying_flat_as_a_symptom_is_not_immobilisation(text: str) -> None:
    assert "immobilised" not in facts(text)


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("constant deep ache at L4, not affected by moving or position", "pain_mechanical", "no"),
        ("Oncology have also mentioned radiotherapy", "radiotherapy_considered", "yes"),
    ],
)
def test_third_batch_wording(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


def test_pain_made_worse_by_moving_is_still_mechanical() -> None:
    assert facts("back pain made worse by moving").get("pain_mechanical") != "no"


# --- a red flag of a past episode that is over -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Back in 2019 I had a slipped disc with numb toes, physio sorted it and it's been fine "
        "ever since. No numbness this time.",
        "In 2019 he had numb toes, resolved. No numbness now.",
    ],
)
def test_a_resolved_past_episode_gives_way_to_the_current_denial(text: str) -> None:
    read = extract(text)
    assert read.facts.get("sensory_loss") == "no"
    assert any("past episode that resolved" in n for n in read.notices)


def test_a_resolved_past_episode_alone_is_asked_not_absent() -> None:
    assert "limb_weakness" not in facts("previous leg weakness in 2021, fully recovered")


@pytest.mark.parametrize(
    "text",
    [
        "weak legs since 2023, getting worse",
        "legs weak in 2019 and again now",
        "numb feet in 2019, resolved, and numb again since Tuesday",
        "legs weak, resolved with dex yesterday",  # no past date: may be today
    ],
)
def test_a_current_or_undated_red_flag_stays_present(text: str) -> None:
    read = facts(text)
    assert "yes" in (read.get("limb_weakness"), read.get("sensory_loss"))


# --- round 20 and 21 red-flag words (rf20, rf21), both ways --------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "My husband has bowel cancer and his legs have got really weak since yesterday",
            "limb_weakness",
        ),
        ("since yesterday his legs have been too weak to get him to the toilet", "limb_weakness"),
        ("her legs just went weak suddenly and gave way", "limb_weakness"),
        ("Me mam's legs have turned to rubber", "limb_weakness"),
        ("Arms strong, legs not.", "limb_weakness"),
        ("arms fine but legs weaker", "limb_weakness"),
        ("Doesn't deny his legs are weak", "limb_weakness"),
        ("her grip is really weak, she's dropping everything", "limb_weakness"),
        ("LLs: can't straight leg raise either side", "limb_weakness"),
        ("3/5 quads bilat", "limb_weakness"),
        ("went to the loo and couldnt stop it, bit of an accident", "bladder_bowel_dysfunction"),
        ("now dribbling constantly", "bladder_bowel_dysfunction"),
        ("He's messed himself", "bladder_bowel_dysfunction"),
        ("He's lost his bladder", "bladder_bowel_dysfunction"),
        ("bursting for a wee but nothing comes out", "bladder_bowel_dysfunction"),
        ("not PU since 0600, BS 800ml", "bladder_bowel_dysfunction"),
        ("Foley placed with 1 L output", "bladder_bowel_dysfunction"),
        ("palpable, tender bladder up to umbilicus", "bladder_bowel_dysfunction"),
        ("Cath'd for ret'n on admission", "bladder_bowel_dysfunction"),
        ("insensate to T12", "sensory_loss"),
        ("↓ sens below L1", "sensory_loss"),
        ("no sensation below L1", "sensory_loss"),
        ("pins+ndls fingrs", "sensory_loss"),
        ("Feet full of ants and fizzing", "sensory_loss"),
        ("My legs feel all pins-and-needly since yesterday", "sensory_loss"),
        ("I can't feel the backs of my legs", "sensory_loss"),
        ("u/a to weightbear 2day", "gait_disturbance"),
        ("she's holding onto the walls to get about", "gait_disturbance"),
        ("Can no longer manage walking to the bathroom", "gait_disturbance"),
        ("unable to achieve sit to stand", "gait_disturbance"),
        ("walking with assistance only", "gait_disturbance"),
        ("her legs won't hold her", "gait_disturbance"),
        ("radic to ant chest", "radicular_pain"),
        ("new girdle pain at T6", "radicular_pain"),
        ("pain shooting into L5 dermatome", "radicular_pain"),
        ("SLR positive L at 30 degrees", "radicular_pain"),
        ("a pain like a rope tightening around my chest", "radicular_pain"),
        ("anal tone absent", "cord_signs"),
        ("PR: lax tone", "cord_signs"),
        ("a band of reduced sensation at T4 on pinprick", "cord_signs"),
    ],
)
def test_round_20_and_21_red_flag_words(text: str, fact: str) -> None:
    assert facts(text).get(fact) == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("arms and legs strong", "limb_weakness"),
        ("denies leg weakness", "limb_weakness"),
        ("no dribbling, bladder fine", "bladder_bowel_dysfunction"),
        ("normal sensation below L1", "sensory_loss"),
        ("walking independently, no aids", "gait_disturbance"),
        ("anal tone normal", "cord_signs"),
    ],
)
def test_their_denials_and_normals_are_not_findings(text: str, fact: str) -> None:
    assert facts(text).get(fact) != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "the right leg weakness is from his stroke in 2021",
        "reg thinks weakness is from his old stroke",
    ],
)
def test_a_weakness_explained_by_another_cause_is_asked_never_absent(text: str) -> None:
    read = extract(text)
    assert "limb_weakness" not in read.facts and "limb_weakness" in read.uncertain


def test_an_explanation_after_negative_imaging_keeps_the_stated_weakness(conversation) -> None:
    answer = _last(
        conversation,
        "gave 16mg dex at 2200 to 67M with hx of bladder ca and new leg weakness, MRI pending",
        "MRI back: no spinal mets, no cord compression. reg thinks weakness is from his old stroke",
    )
    assert answer.facts.get("limb_weakness") == "yes"
    assert "1.8.2" in _cited(answer)


# --- round 21 follow-up and case words (fu18, b43, b44), both ways -------------------------


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("solitary T11 met plus one lung nodule, nothing else on PET", "oligometastases", "yes"),
        ("single L4 metastasis and nothing else anywhere", "oligometastases", "yes"),
        ("PS 0, prognosis felt to be good", "prognosis", "good"),
        ("She would still like to have children", "fertility_concern", "yes"),
        ("a tumour pressing on his spinal cord", "mscc", "confirmed"),
        ("she has declined both surgery and radiotherapy", "radiotherapy_declined", "yes"),
        ("back pain that never lets up, it's really bad", "pain_severe_unremitting", "yes"),
        (
            "back pain that wakes him at night and is getting steadily worse",
            "pain_progressive",
            "yes",
        ),
        ("she rates it 9/10, codeine not touching it", "pain_controlled", "no"),
        ("severe pain despite titrated oxycodone", "pain_controlled", "no"),
        ("ECOG 1 last week, anaesthetist happy", "suitable_for_surgery", "yes"),
    ],
)
def test_round_21_words(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("multiple spinal mets, nothing else to add", "oligometastases"),
        ("prognosis felt to be poor", "prognosis"),
        ("codeine is helping", "pain_controlled"),
        ("anaesthetist happy to wait for the MRI", "suitable_for_surgery"),
    ],
)
def test_round_21_near_misses(text: str, fact: str) -> None:
    assert facts(text).get(fact) not in {"prognosis": ("good",), "pain_controlled": ("no",)}.get(
        fact, ("yes",)
    )


def test_diff_pt_switches_patient(conversation) -> None:
    answer = _last(
        conversation,
        "fy1 nights. bed 12: 84M prostate ca, new urinary retention + numb saddle area",
        "ok done, coordinator called. diff pt now - bed 3, 45F breast ca, back pain much worse "
        "when she coughs, no neuro",
    )
    assert answer.turn == "new_patient"
    assert answer.facts.get("bladder_bowel_dysfunction") != "yes"  # bed 12's, not hers
    assert answer.facts.get("primary_tumour") == "breast"
