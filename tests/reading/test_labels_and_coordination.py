"""Round-13 reading: 'Label: value' findings, coordinated adjectives, informants (issue #12).

Clerking notes write findings as labels ("Legs: weak bilat", "Sens: ↓ L foot", "PU: nil 12h",
"refl ↑"); these are compiled from the `labelled` table in synonyms.json. A label's colon
joins a vocabulary phrase ("Power: reduced") and opens a denial's list ("Denies: weakness").
"Weak and numb legs" states both findings. A relative who rings about the patient describes
the patient ("Daughter rang ...\\nDad has bowel cancer"), not a relative of the patient.
"""

from __future__ import annotations

import pytest

from assistant.reading.extract import extract

STATED = [
    ("Hx: ca bowel\nResp: clear\nLegs: weak bilat\nUrine: passing normally", "limb_weakness"),
    ("Lung cancer. Examination - tone: increased in legs; power: reduced", "limb_weakness"),
    ("Lung cancer. Examination - tone: increased in legs; power: reduced", "cord_signs"),
    ("ca breast, c/o L arm weak + heavy, sens \u2193 L hand", "sensory_loss"),
    ("ca lung. Sens: reduced below T10", "sensory_loss"),
    ("Ca prostate\nSaddle sensation: absent", "sensory_loss"),
    ("ca prost. no temp. LLs wk. PU ok. refl \u2191", "cord_signs"),
    ("ca lung, new R leg wk, plantars \u2191, sens ok", "cord_signs"),
    ("Ca bowel. No fever. On exam knee jerks very brisk, spreading.", "cord_signs"),
    ("ca kidney\nPU: nil 12h, scan 950\nBO: ok\nsens: ok", "bladder_bowel_dysfunction"),
    ("ca prost, PU nil since 10pm, scan >999", "bladder_bowel_dysfunction"),
    ("Mr F - myeloma\nMobility: unable\nContinence: incontinent of urine", "gait_disturbance"),
    (
        "Mr F - myeloma\nMobility: unable\nContinence: incontinent of urine",
        "bladder_bowel_dysfunction",
    ),
    (
        "Carer's notes: Appetite - poor. Walking \u2013 not managing. Cancer - prostate.",
        "gait_disturbance",
    ),
    ("lung ca \u2013 denies wkness \u2013 but mobs \u2193 needing 2", "gait_disturbance"),
    ("Known ca prostate. Afebrile. Weak and numb legs for 2 days.", "limb_weakness"),
    ("Known ca prostate. Afebrile. Weak and numb legs for 2 days.", "sensory_loss"),
    ("Ca prostate w/ mets. No fever/rigors. Weak/numb LLs.", "limb_weakness"),
    ("ca prost w mets. no temp, nil cp. LLs wk ++ cnt wlk", "gait_disturbance"),
    ("pt ca colon, nil fever, nil vom, cnt feel R foot", "sensory_loss"),
    ("ca lung, nil cp, pins n needles both legs", "sensory_loss"),
    ("Mets from melenoma. Sensory levle T8.", "sensory_loss"),
    ("She had thyroid cancer. She describes a girdle of pain around her waist.", "radicular_pain"),
    ("Breast cancer: a tight, squeezing pain encircling her chest.", "radicular_pain"),
    (
        "Bowel ca w/ bone mets\r\nNo headache\r\nPain shoots down back of L thigh to heel",
        "radicular_pain",
    ),
    (
        "myeloma\nPain now shooting from his back down the outside of his right leg",
        "radicular_pain",
    ),
    ("Known myeloma. bladder has not worked since last night", "bladder_bowel_dysfunction"),
    ("Known myeloma. catheter drained 1L", "bladder_bowel_dysfunction"),
    (
        "Son says his mum (lymphoma) is her usual self apart from her legs being weak.",
        "limb_weakness",
    ),
    (
        "Mr H has prostate cancer. He has no fever. His legs have been weak for two days.",
        "limb_weakness",
    ),
    (
        "Bowel ca. Now needs the wheelchair to get anywhere, was walking last week.",
        "gait_disturbance",
    ),
    ("Lung ca. Couldn't feel how hot the bath water was on her legs.", "sensory_loss"),
]


@pytest.mark.parametrize(("text", "fact"), STATED)
def test_a_stated_finding_in_these_forms_is_read(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "yes", extract(text).evidence


NORMAL = [
    ("ca lung. Sens: ok", "sensory_loss"),
    ("ca lung. PU: ok", "bladder_bowel_dysfunction"),
    ("ca lung. Legs: normal", "limb_weakness"),
    ("ca lung. Mobility: independent", "gait_disturbance"),
    ("ca lung. Plantars: flexor", "cord_signs"),
]


@pytest.mark.parametrize(("text", "fact"), NORMAL)
def test_a_normal_label_reads_as_no(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "no", extract(text).evidence


NOT_READ = [
    ("ca lung. Arms: normal", "limb_weakness"),  # says nothing of the legs
    ("ca lung. CT scan 2020 clear", "bladder_bowel_dysfunction"),  # a year is no volume
    ("ca lung. BO: nil for 3 days on morphine", "bladder_bowel_dysfunction"),
    ("ca lung. Urinary: none", "bladder_bowel_dysfunction"),
]


@pytest.mark.parametrize(("text", "fact"), NOT_READ)
def test_labels_that_settle_nothing_are_not_read(text: str, fact: str) -> None:
    assert fact not in extract(text).facts, extract(text).evidence


def test_a_value_that_carries_its_own_not_is_a_finding_never_a_denial() -> None:
    facts = extract("Prostate ca. Walking - not managing.").facts
    assert facts.get("gait_disturbance") == "yes"


def test_a_label_colon_after_a_denial_opens_its_list() -> None:
    e = extract("ca lung. Denies: weakness, numbness or retention")
    assert e.facts.get("limb_weakness") == "no"
    assert e.facts.get("bladder_bowel_dysfunction") == "no"
    # without the closing "or" the later item stays asked, as for "denies weakness, numbness"
    e = extract("ca lung. Denies: weakness, numbness")
    assert e.facts.get("limb_weakness") == "no"
    assert "sensory_loss" not in e.facts


def test_a_denied_coordination_denies_both() -> None:
    facts = extract("ca lung, no weak or numb legs").facts
    assert facts.get("limb_weakness") == "no"
    assert facts.get("sensory_loss") == "no"


def test_a_crossed_mark_denies_the_finding_before_it_and_a_tick_keeps_it() -> None:
    facts = extract("pros ca. retention \u2713. wkness \u2717. numb \u2713").facts
    assert facts.get("limb_weakness") == "no"
    assert facts.get("sensory_loss") == "yes"
    assert facts.get("bladder_bowel_dysfunction") == "yes"


def test_pain_encircling_the_chest_denied_is_not_present() -> None:
    assert (
        extract("Renal ca. No pain radiating down the legs or round the chest.").facts.get(
            "radicular_pain"
        )
        == "no"
    )


def test_a_calling_relative_describes_the_patient_across_lines() -> None:
    text = (
        "Daughter rang the ward line\nDad has bowel cancer spread to his bones\nno headache\n"
        "She says he fell twice this morning"
    )
    facts = extract(text).facts
    assert facts.get("cancer_diagnosis") == "yes"
    assert facts.get("gait_disturbance") == "yes"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # the relative is someone else's: their findings are not the patient's
        (
            "Daughter worried because her friend's dad had numb legs. Her own dad (lung ca) "
            "has no numbness but is weak in both legs.",
            "sensory_loss",
        ),
        # a wife's father is not the patient
        (
            "Myeloma. Wife worried as her father was incontinent before he died. Pt continent.",
            "bladder_bowel_dysfunction",
        ),
    ],
)
def test_a_relative_of_the_caller_who_is_not_the_patient_stays_a_relative(
    text: str, fact: str
) -> None:
    assert extract(text).facts.get(fact) != "yes", extract(text).evidence


def test_a_screening_test_is_no_diagnosis() -> None:
    facts = extract("78F, wedge fracture T12, myeloma screen negative, no cancer ever").facts
    assert facts.get("cancer_diagnosis") != "yes"
    assert "haematological_malignancy" not in facts
    # the diagnosis itself still reads
    assert extract("78F, known myeloma, new back pain").facts.get("cancer_diagnosis") == "yes"


def test_an_incidental_metastasis_elsewhere_is_not_an_asymptomatic_spinal_one() -> None:
    assert "asymptomatic_metastases" not in extract("Incidental adrenal met in RCC").facts
    assert (
        extract("Incidental T7 met on staging CT, RCC").facts.get("asymptomatic_metastases")
        == "yes"
    )


ROUND_14 = [
    (
        "Mr F, myeloma\nafebrile\nc/o pins and needles both hands and says his grip feels weak",
        "limb_weakness",
    ),
    ("ca prostate\n- sit to stand: needed 2, legs shaking", "gait_disturbance"),
    ("Prostate cancer. No fever but for two days both legs have felt weak.", "limb_weakness"),
    (
        "Pt has myeloma and denies SOB and his legs have gone from under him twice today",
        "gait_disturbance",
    ),
    ("Prostate ca pt, no head injury but legs not working, can't move them", "limb_weakness"),
    ("ca breast, no fever but LLs numb n weak", "limb_weakness"),
    ("NHL. Power: 3/5 bilat. Sensation: recovering but still reduced L5.", "sensory_loss"),
    ("Lung cancer, loss of light-touch sensation in a saddle distribution.", "sensory_loss"),
    (
        "Prostate ca. Had an accident (urine) during transfer, no warning.",
        "bladder_bowel_dysfunction",
    ),
    ("Knwon prostate cancr. No feever. Legs weeak since tuesday.", "limb_weakness"),
    ("Lung cacner, unable to wlak", "gait_disturbance"),
    ("Ca prostrate. New retenshun, catheterised.", "bladder_bowel_dysfunction"),
]


@pytest.mark.parametrize(("text", "fact"), ROUND_14)
def test_round_14_phrasings_are_read(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "yes", extract(text).evidence


@pytest.mark.parametrize(
    "text",
    [
        "ca lung. Sens: not reduced",  # a negated value is no finding of the label table
        "ca lung, legs are working fine",
        "ca lung, he had an accident in the car park",  # no urine or bowel named
    ],
)
def test_round_14_patterns_do_not_fire_on_their_near_misses(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("sensory_loss") != "yes"
    assert facts.get("limb_weakness") != "yes"
    assert facts.get("bladder_bowel_dysfunction") != "yes"


def test_a_comma_run_with_a_hedged_item_is_not_one_denial() -> None:
    """rf14-333: 'no limb weakness, upgoing R plantar, possible saddle numbness' recorded the
    upgoing plantar as absent; the hedged last item shows the run is not one list."""
    e = extract("Melanoma.\nPt: no limb weakness, upgoing R plantar, possible saddle numbness.")
    assert e.facts.get("limb_weakness") == "no"
    assert e.facts.get("cord_signs") != "no"
    # a run of bare findings stays one denial
    facts = extract("ca lung. denies weakness, numbness, incontinence").facts
    assert facts.get("sensory_loss") == "no"
    assert facts.get("bladder_bowel_dysfunction") == "no"


@pytest.mark.parametrize(
    "text",
    [
        "breast ca. power 5/5 all four limbs. The leg weakness you'll see in the notes is her "
        "husband's - he had a stroke",
        "NSCLC T11 met\n- power full\n- NB the new leg weakness on the board is bed 4, NOT Mr T",
    ],
)
def test_a_finding_said_afterwards_to_be_someone_elses_is_not_the_patients(text: str) -> None:
    assert extract(text).facts.get("limb_weakness") != "yes", extract(text).evidence


def test_the_patients_own_finding_beside_an_ownership_phrase_stays_hers() -> None:
    assert extract("breast ca. the weakness is new, legs weak").facts.get("limb_weakness") == "yes"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("63M, never had cancer. Lost 6 kg without trying, back pain at night", "yes"),
        ("71F, no known cancer. CXR today shows R hilar mass. back pain", "yes"),
        ("68M. 8 kg weight loss over 3 months, back pain", "yes"),
    ],
)
def test_a_mass_or_unexplained_weight_loss_is_a_suspicion_of_cancer(text: str, value: str) -> None:
    assert extract(text).facts.get("cancer_suspected") == value


@pytest.mark.parametrize(
    "text",
    [
        "70M, no weight loss, back pain after lifting",
        "70M, sudden back pain and a pulsatile abdominal mass",
        "lost 2 kg on a diet, back pain",
    ],
)
def test_no_weight_loss_or_a_pulsatile_mass_is_no_suspicion(text: str) -> None:
    assert extract(text).facts.get("cancer_suspected") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "renal ca, 3 weeks post T8 decompression and stabilisation for MSCC, no post-op RT yet",
        "NSCLC | MSCC T10 -> posterior decompression + stabilisation 10/7 ago",
        "Decompression and stabilisation done.",
    ],
)
def test_surgery_that_has_happened_is_read(text: str) -> None:
    assert extract(text).facts.get("had_spinal_surgery") == "yes"


def test_other_phrasings_of_round_13() -> None:
    assert (
        extract("radiology say MRI absolutely contraindicated").facts.get("mri_contraindicated")
        == "yes"
    )
    assert (
        "mscc"
        not in extract("ca lung. should we MRI the spine to screen for cord compression?").facts
    )
    assert "cord_signs" not in extract("epidural disease at L2 compressing the conus").facts
    facts = extract("O/E full power UL + LL, normal sensation").facts
    assert facts.get("limb_weakness") == "no" and facts.get("sensory_loss") == "no"
    assert "limb_weakness" not in extract("ca lung. Arms: full power").facts


ROUND_15 = [
    ("melanoma\nMobilised 5m with frame - very unsteady, needed 2 to assist", "gait_disturbance"),
    (
        "Pancreatic ca\nHusband reports she has been wet the last 2 nights",
        "bladder_bowel_dysfunction",
    ),
    (
        "lung ca f/u\r\nMentioned she has had leaking of urine since Friday",
        "bladder_bowel_dysfunction",
    ),
    (
        "colorectal cancer:\n1. back pain\n2. Difficulty initiating micturition",
        "bladder_bowel_dysfunction",
    ),
    ("myeloma, a shooting pain from his buttock to his heel on the left", "radicular_pain"),
    ("thyroid cancer, she has lost feeling in her right leg", "sensory_loss"),
    ("Ca prostate; BLs weak; no fever", "limb_weakness"),
    ("melanoma; R ankle dorsiflexion weak (3/5)", "limb_weakness"),
    ("breast ca. Walked at home before. Now struggling to walk 5m.", "gait_disturbance"),
    ("prostate cancer, bilateral lower limb paresis", "limb_weakness"),
    ("colorectal cancer, a 'dead' feeling in his groin and buttocks", "sensory_loss"),
    ("Prostate ca. Says he's 'needing to go but nothing comes'.", "bladder_bowel_dysfunction"),
    ("melanoma pt bed 6 - soiled x2 today new, legs weak", "bladder_bowel_dysfunction"),
    ("pt w/ ca prostate - saddle anaesth + retention", "cord_signs"),  # as 'saddle anaesthesia'
    ("Metastatic colon ca\nStanding: legs weak, can't step or walk", "gait_disturbance"),
    # rf15-096, the round's one recorded absent: a clause with its own verb after ", and"
    (
        "No weakness and no numbness, and pain radiates down the back of the R leg. ca breast.",
        "radicular_pain",
    ),
]


@pytest.mark.parametrize(("text", "fact"), ROUND_15)
def test_round_15_phrasings_are_read(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "yes", extract(text).evidence


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("ca lung. no soiling, legs fine", "bladder_bowel_dysfunction"),
        ("ca lung. never been wet", "bladder_bowel_dysfunction"),
        ("ca lung. no weakness, numbness or pain radiating down the legs", "radicular_pain"),
    ],
)
def test_round_15_words_denied_are_not_present(text: str, fact: str) -> None:
    assert extract(text).facts.get(fact) == "no", extract(text).evidence


def test_back_pain_in_everyday_words() -> None:
    facts = extract("breast ca, says her back has been killing her at night for 3 weeks").facts
    assert facts.get("back_pain") == "yes" and facts.get("pain_night") == "yes"
    assert "back_pain" not in extract("breast ca, the heat is killing her").facts


def test_a_finding_said_not_to_be_the_patients_is_not_read_for_him() -> None:
    text = (
        "Handover re Mr B, bed 12. (The new leg weakness on the handover sheet is NOT him - "
        "that's Mrs Ali in bed 14.)\nMr B: 79, prostate ca, power full"
    )
    assert extract(text).facts.get("limb_weakness") == "no"


def test_bladder_and_bowels_unchanged_is_no_new_dysfunction() -> None:
    assert (
        extract("prostate ca, waterworks and bowels unchanged").facts.get(
            "bladder_bowel_dysfunction"
        )
        == "no"
    )
    # a stated retention beside it is never overridden
    assert (
        extract("prostate ca, bowels unchanged, new retention").facts.get(
            "bladder_bowel_dysfunction"
        )
        == "yes"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lytic lesion T9 ?met, known breast ca", "suspected"),
        ("T7 collapse - ?metastatic, lung ca", "suspected"),
        ("known breast ca, lytic lesion T9", "confirmed"),
        ("breast ca, T9 lytic met confirmed on MRI", "confirmed"),
    ],
)
def test_a_lesion_the_report_queries_is_suspected_not_confirmed(text: str, value: str) -> None:
    assert extract(text).facts.get("spinal_metastases") == value
