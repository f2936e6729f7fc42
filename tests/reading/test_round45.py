"""Session 23 (#12, #13, H02): round 45's reading and scope classes, fixed as classes after its
first run, each tested both ways."""

from __future__ import annotations

import pytest
from chat_helpers import facts, last


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("52F, recurrent HGSOC on olaparib maintenance.", "cancer_diagnosis", "yes"),
        ("Radical prostatectomy in 2019 for Gleason 4+3.", "primary_tumour", "prostate"),
        ("45F, cervical SCC treated with chemoradiation 2022.", "cancer_diagnosis", "yes"),
        ("Pain 8/10, much worse when he moves or turns in bed.", "pain_on_movement", "yes"),
        ("The registrar said his spine might be unstable.", "spinal_instability", "suspected"),
        ("I can't find any neuro deficit.", "limb_weakness", "no"),
        ("Breast cancer that's pressing on her spinal cord.", "mscc", "confirmed"),
        (
            "She's still on the dexamethasone tablets, 8 mg twice a day.",
            "on_corticosteroids",
            "yes",
        ),
        ("Radiotherapy is now being considered.", "radiotherapy_considered", "yes"),
        ("Back pain, controlled with paracetamol and codeine.", "pain_controlled", "yes"),
        ("Back pain, not controlled with oxycodone.", "pain_controlled", "no"),
        ("Prognosis thought good and he's not paralysed.", "prognosis", "good"),
        (
            "We tried graded sitting and her pain got much worse.",
            "mobilisation_deterioration",
            "yes",
        ),
        ("No history of cancer. My own suspicion is cancer.", "cancer_suspected", "yes"),
        ("No history of cancer. My own suspicion is cancer.", "cancer_diagnosis", "no"),
        (
            "Lung ca. Stabbing pain that runs round the left side of his chest.",
            "radicular_pain",
            "yes",
        ),
        ("MM pt. Urinary ret, 1.2 L drained via IDC.", "bladder_bowel_dysfunction", "yes"),
        ("Myeloma. My bowels have started leaking.", "bladder_bowel_dysfunction", "yes"),
        ("SCLC. Reflexes 3+, SL T8.", "cord_signs", "yes"),
        ("HCC. Neuro obs: BLE 4/5.", "limb_weakness", "yes"),
        ("NSCLC pt. Mob w/ ZF (new since adm).", "gait_disturbance", "yes"),
        ("Breast ca. She's ended up on the floor twice this week.", "gait_disturbance", "yes"),
        ("Prostate ca. He couldn't feel the seat under him.", "sensory_loss", "yes"),
        ("Sarcoma. A dead feeling down the outside of his leg.", "sensory_loss", "yes"),
        ("Kidney ca. Without a doubt the pain shoots down her left leg.", "radicular_pain", "yes"),
    ],
)
def test_round45_words_read(text: str, fact: str, value: str) -> None:
    assert facts(text).get(fact) == value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("He's lost weight, his trousers are falling off. He walks fine.", "gait_disturbance"),
        (
            "Laryngectomy patient's voice prosthesis is leaking when he drinks.",
            "bladder_bowel_dysfunction",
        ),
        ("Lung cancer CNS here. 66M with back pain.", "cancer_diagnosis"),
        ("Referred to our sarcoma MDT. 55M, no cancer history.", "primary_tumour"),
        ("Prostate cancer, not on abiraterone.", "spinal_metastases"),
        ("Never had tamoxifen.", "cancer_diagnosis"),
        ("Later today we had a lovely walk.", "gait_disturbance"),
    ],
)
def test_round45_words_that_state_nothing(text: str, fact: str) -> None:
    assert facts(text).get(fact) in (None, "no")


def test_another_person_the_writer_remembers_is_not_the_patient() -> None:
    said = facts(
        "My dad (prostate cancer) has 10 days of new back pain that wakes him at night. He has "
        "NO weakness. The reason I'm panicking is that last week in our A&E we had a man with "
        "the same cancer who came in paralysed from cord compression."
    )
    assert said.get("mscc") is None and said.get("complete_paralysis") is None
    assert said["limb_weakness"] == "no"
    assert facts("Prostate cancer, he came in paralysed from cord compression.")["mscc"]


def test_a_resolved_episode_dated_anywhere_in_its_sentence_is_history() -> None:
    said = facts(
        "PMH: 2019 L5/S1 disc prolapse with L5 radiculopathy + foot drop -> microdiscectomy, "
        "full recovery, no leg symptoms since."
    )
    assert said.get("limb_weakness") != "yes" and said.get("radicular_pain") != "yes"
    said = facts("MSCC 2019 with leg weakness, never made a full recovery, legs still weak.")
    assert said["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Sarcoma oncologist. For metastatic synovial sarcoma with lung-only metastases, is "
        "first-line doxorubicin alone or with ifosfamide preferred? No bone or spinal disease.",
        "We've got 3 side rooms free tonight and 2 C diff patients plus 3 suspected norovirus. "
        "How should I prioritise?",
        "Laryngectomy patient's voice prosthesis is leaking when he drinks. SALT or ENT?",
    ],
)
def test_round45_outside_topics_are_refused(conversation, text: str) -> None:
    assert last(conversation, text).out_of_scope


def test_back_pain_beside_another_bones_metastasis_is_kept(conversation) -> None:
    said = (
        "Farmer, 68, lung adenocarcinoma, known bone mets in the pelvis. He has had pain in the "
        "upper back for a month. Legs strong. What's the right level of urgency?"
    )
    assert not last(conversation, said).out_of_scope
    assert last(
        conversation, "Hip met from breast ca, pain on walking. Which implant?"
    ).out_of_scope
