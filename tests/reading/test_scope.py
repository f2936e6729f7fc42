"""Scope: anchors keep MSCC questions in, other conditions out, retrieval decides the rest."""

from __future__ import annotations

import re

import pytest

from assistant.reading import scope


@pytest.mark.parametrize(
    "text",
    ["back pain at night", "T10 met", "cord compression?", "L2-L4 mets", "SINS 14",
     "paraplegic for 3 weeks", "is myelography indicated", "what does box 1 list"],
)  # fmt: skip
def test_spinal_anchors(text) -> None:
    assert scope.names_spinal_domain(text)


@pytest.mark.parametrize(
    "text", ["dose of dex?", "T2-weighted sequence", "asthma attack", "known breast ca"]
)
def test_not_anchors(text) -> None:
    assert not scope.names_spinal_domain(text)


@pytest.mark.parametrize(
    ("facts", "anchored"),
    [
        ({"mscc": "suspected"}, True),
        ({"back_pain": "yes"}, True),
        ({"cancer_diagnosis": "yes", "limb_weakness": "yes"}, True),
        ({"limb_weakness": "yes"}, False),  # stroke-like: weakness alone is not NG234's
        ({"cancer_diagnosis": "yes"}, False),  # cancer alone: other guidelines
        ({"mscc": "ruled_out"}, True),
        ({"back_pain": "no"}, False),
    ],
)
def test_anchored_facts(facts, anchored) -> None:
    assert scope.anchored_facts(facts) is anchored


def _decide(text, facts=None, case=False, ids=False, retrieval=True) -> bool:
    return scope.in_scope(
        text,
        facts=facts or {},
        continuing_case=case,
        named_ids=ids,
        retrieval_in_scope=retrieval,
    )


def test_decision_order() -> None:
    # An anchor beats an other-domain word and a low similarity.
    assert _decide("diabetic with T10 met and back pain", retrieval=False)
    # An explicit recommendation number is always answered.
    assert _decide("1.8.1", ids=True, retrieval=False)
    # A case being continued stays in scope when the turn adds facts.
    assert _decide("he is diabetic too", facts={"limb_weakness": "no"}, case=True)
    # Another condition with no anchor is refused even if retrieval likes it.
    assert not _decide("steroid dose for an asthma attack", retrieval=True)
    # Otherwise retrieval decides.
    assert _decide("dose of dex?", retrieval=True)
    assert not _decide("dose of dex?", retrieval=False)


def test_scope_vocabulary_is_validated() -> None:
    vocab = scope.vocabulary()
    assert vocab.anchor_facts and vocab.other_domain_terms
    with pytest.raises(ValueError, match="unknown facts"):
        scope.ScopeVocabulary.model_validate({**vocab.model_dump(), "anchor_facts": ["not_a_fact"]})


def test_other_domain_terms_never_cut_an_ng234_word(raw_corpus) -> None:
    """A term matches word prefixes: 'dexa' (for a DEXA scan) would refuse 'dexamethasone'."""
    words = set(re.findall(r"[a-z]+", raw_corpus.lower()))
    allowed = {"brain"}  # NG234 names the brain only in passing; a brain question is not ours
    clashes = {
        term: sorted(w for w in words if w.startswith(term))[:3]
        for term in scope.vocabulary().other_domain_terms + scope.vocabulary().other_domain_sites
        if " " not in term and term not in allowed and any(w.startswith(term) for w in words)
    }
    assert not clashes, clashes


# --- issue #13: population and topic ------------------------------------------------------

from assistant.reading.scope import in_scope as _in_scope  # noqa: E402


def _topic_decision(text: str, facts: dict[str, str] | None = None, *, live: bool = False) -> bool:
    return _in_scope(
        text,
        facts=facts or {},
        continuing_case=live,
        named_ids=False,
        retrieval_in_scope=True,
    )


@pytest.mark.parametrize(
    "text",
    [
        "7 year old with neuroblastoma and spinal cord compression, dex dose",
        "12yo with ewing sarcoma spinal mets radiotherapy fractionation",
        "child with leukaemia and cord compression",
    ],
)
def test_children_are_refused(text: str) -> None:
    assert not _topic_decision(text, {"mscc": "confirmed", "cancer_diagnosis": "yes"})


@pytest.mark.parametrize(
    "text",
    [
        "72F breast ca, weak legs; her 8 year old granddaughter is visiting",
        "hx colorectal ca 3 years ago, back pain waking her at night",
        "breast ca 2 yrs ago, new back pain",
    ],
)
def test_an_adult_case_mentioning_a_child_or_years_is_answered(text: str) -> None:
    assert _topic_decision(text, {"cancer_diagnosis": "yes", "back_pain": "yes"})


@pytest.mark.parametrize(
    "text",
    [
        "high dose methylprednisolone for acute traumatic spinal cord injury",
        "how to do a lumbar puncture",
        "spinal anaesthetic for hip replacement how much bupivacaine",
        "35 yo no cancer history, L5/S1 disc prolapse causing cauda equina syndrome",
        "where can i park at the hospital",
    ],
)
def test_outside_topics_are_refused_even_with_spinal_words(text: str) -> None:
    assert not _topic_decision(text)


def test_an_ng234_case_with_an_outside_word_is_answered() -> None:
    facts = {"cancer_diagnosis": "yes", "limb_weakness": "yes"}
    assert _topic_decision("known lung ca on warfarin, new weak legs", facts)


def test_a_cancer_patient_with_back_pain_after_lifting_is_answered() -> None:
    facts = {"cancer_diagnosis": "yes", "back_pain": "yes"}
    text = "61F breast cancer with bone mets, sudden back pain after lifting a suitcase"
    assert _topic_decision(text, facts)
    assert not _topic_decision("35yo builder, back pain after lifting injury, no cancer", {})


def test_a_child_named_beside_an_adult_patient_is_not_the_patient() -> None:
    facts = {"cancer_diagnosis": "yes", "primary_tumour": "myeloma", "back_pain": "yes"}
    text = "My 10 year old keeps asking why Mum is in so much pain - she has myeloma, back pain"
    assert _topic_decision(text, facts)
    # a child with a relative's cancer stays refused
    assert not _topic_decision("10 year old boy with back pain, his mum had breast cancer",
                               {"back_pain": "yes"})  # fmt: skip
    # and a child with spinal cancer is refused whoever else is named
    assert not _topic_decision(
        "15-year-old with Ewing sarcoma of the spine, dad asks about radiotherapy",
        {"cancer_diagnosis": "yes", "spinal_metastases": "confirmed"},
    )


@pytest.mark.parametrize(
    "text",
    [
        "50M with a sacral chordoma, surgical resection vs proton beam?",
        "Incidental vertebral haemangioma T9 on MRI, 45F asymptomatic, no cancer hx",
        "Colorectal ca with 4 liver mets - resectable? who decides?",
        "Pembrolizumab colitis grade 2 - steroid dose?",
        "Should a 55-year-old asymptomatic man have a PSA test?",
        "Tell me a joke about radiologists",
    ],
)
def test_round_4_outside_topics_are_refused(text: str) -> None:
    assert not _topic_decision(text)


def test_cauda_equina_from_a_disc_without_cancer_is_not_ng234() -> None:
    facts = {"cancer_diagnosis": "no", "cord_signs": "yes", "mscc": "suspected"}
    assert not _topic_decision("CES from an L4/5 disc, 41F, never had cancer. Dex?", facts)
    # MSCC confirmed on imaging keeps it NG234's whatever else is named
    confirmed = {"cancer_diagnosis": "no", "mscc": "confirmed"}
    assert _topic_decision("MRI: MSCC at T8, also an L4/5 disc bulge", confirmed)


@pytest.mark.parametrize(
    "text",
    [
        "Spinal dural AV fistula causing progressive myelopathy in a 65M, no cancer. Surgery?",
        "62M, no cancer, degenerative cervical myelopathy from spondylosis. Surgery?",
        "78F osteoporosis, no cancer, new L1 wedge fracture after lifting. Vertebroplasty?",
        "Breast ca with lung mets and recurrent pleural effusion - pleurodesis?",
        "Cutaneous mets on the chest wall from breast ca are bleeding - dressings?",
        "Is pembrolizumab first line for PD-L1 high NSCLC?",
        "My labrador has a tumour on his spine pressing on the cord - steroids?",
        "Shingles on the back 3 months ago, still burning pain - no cancer. Treatment?",
    ],
)
def test_round_7_outside_topics_are_refused(text: str) -> None:
    assert not _topic_decision(text)


@pytest.mark.parametrize(
    "text",
    [
        "Breast ca with lung mets and new T8 spinal mets, legs weak - what now?",
        "Pt with myeloma and a new L1 wedge fracture, new leg weakness",
    ],
)
def test_an_outside_word_beside_spinal_metastases_or_a_red_flag_stays_in_scope(text: str) -> None:
    facts = {"cancer_diagnosis": "yes", "limb_weakness": "yes"}
    assert _topic_decision(text, facts)


def test_the_users_own_child_is_not_the_patient() -> None:
    text = (
        "my 12 year old is off school today. Anyway - pt of mine with ovarian ca and new back pain"
    )
    assert _topic_decision(text, {"cancer_diagnosis": "yes", "back_pain": "yes"})
    # a parent asking about their own child is the child's case: not NG234's
    assert not _topic_decision("my 12 year old son has back pain at night, what scan?")


def test_a_back_strain_without_cancer_is_not_ng234_but_with_cancer_it_is() -> None:
    text = "32M personal trainer, low back strain after deadlifts, no cancer history. Which NSAID?"
    assert not _topic_decision(text, {"cancer_diagnosis": "no", "back_pain": "yes"})
    known = "known prostate ca, thinks he has a back strain from lifting, pain at night"
    assert _topic_decision(
        known, {"cancer_diagnosis": "yes", "back_pain": "yes", "pain_night": "yes"}
    )


@pytest.mark.parametrize(
    "text",
    [
        "Paracetamol overdose, 4h level above the line - NAC regimen?",
        "Adrenal met from lung ca found on CT, asymptomatic - biopsy or not?",
    ],
)
def test_round_11_outside_topics_are_refused(text: str) -> None:
    assert not _topic_decision(text)


def test_a_degenerative_cause_without_cancer_is_not_ng234_but_with_cancer_it_is() -> None:
    text = (
        "75M, MRI shows degenerative lumbar canal stenosis, neurogenic claudication, new weakness"
    )
    assert not _topic_decision(text, {"cancer_diagnosis": "no", "limb_weakness": "yes"})
    assert _topic_decision(text, {"cancer_diagnosis": "yes", "limb_weakness": "yes"})


@pytest.mark.parametrize(
    "text",
    [
        "breast ca, also has multiple sclerosis, new leg weakness and back pain",
        "prostate ca with liver mets and spine mets, new weak legs",
        "lung ca with degenerative spine disease, new leg weakness",
    ],
)
def test_round_11_words_beside_a_cancer_red_flag_stay_in_scope(text: str) -> None:
    assert _topic_decision(text, {"cancer_diagnosis": "yes", "limb_weakness": "yes"})


def test_dexamethasone_given_for_suspected_mscc_is_ng234s_whatever_the_scan_showed() -> None:
    text = "We gave 16mg dex in ED for ?MSCC, MRI now shows disc prolapse only. Taper or stop?"
    assert _topic_decision(text, {"dexamethasone_given": "yes", "mscc": "ruled_out"})
    assert not _topic_decision(text, {"mscc": "ruled_out"})  # no steroid given: the disc's


def test_a_strained_back_without_cancer_is_not_ng234_but_with_cancer_it_is() -> None:
    text = "45M, strained his back moving a sofa yesterday, neuro normal"
    assert not _topic_decision(text, {"cancer_diagnosis": "no", "back_pain": "yes"})
    assert _topic_decision(text, {"cancer_diagnosis": "yes", "back_pain": "yes"})


@pytest.mark.parametrize(
    "text",
    [
        "Metastatic hormone-sensitive prostate ca - enzalutamide or abiraterone first?",
        "can metformin be continued before CT contrast?",
        "Adult with spinal muscular atrophy, nusinersen access?",
        "TLS prophylaxis before starting chemo for high-grade lymphoma - allopurinol?",
        "breast ca pt asking about cold cap and wigs for chemo hair loss",
        "24M sickle cell, crisis w severe back + leg pain, opioid dosing?",
        "22yo footballer w sciatica after a tackle, straight leg raise positive",
        "cancer screening blood test advertised online - worth doing?",
    ],
)
def test_round_13_outside_topics_are_refused(text: str) -> None:
    assert not _topic_decision(text)


@pytest.mark.parametrize(
    "text",
    [
        "paeds onc: 14M medulloblastoma with drop mets down the spine, plan?",
        "16 yo (well, 15 and 11 months) with osteosarcoma of L3 - surgery options?",
    ],
)
def test_round_13_children_are_refused(text: str) -> None:
    assert scope.about_a_child(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm a paeds nurse but asking about my dad - 70, prostate ca, new back pain",
        "How should MSCC services tackle health inequalities e.g. deprivation?",
        "No cancer diagnosis as yet but CT shows lytic lesions throughout the spine",
    ],
)
def test_round_13_words_inside_ng234_questions_do_not_refuse_them(text: str) -> None:
    assert not scope.about_a_child(text)
    assert not scope.names_outside_topic(text)


def test_hip_osteoarthritis_without_cancer_is_not_ng234_but_with_cancer_it_is() -> None:
    text = "70M, hip OA, pain walking 200m, back pain too, when refer?"
    assert not _topic_decision(text, {"cancer_diagnosis": "no", "back_pain": "yes"})
    assert _topic_decision(text, {"cancer_diagnosis": "yes", "back_pain": "yes"})


@pytest.mark.parametrize("key", ["outside_topics", "never_ng234"])
def test_refusing_terms_never_start_an_ng234_phrase(raw_corpus, key: str) -> None:
    """Terms match word prefixes: 'dexa' would refuse every dexamethasone question and 'the cat'
    every catheter one. NG234 names traumatic injury and intradural tumours only to exclude them."""
    text = raw_corpus.lower()
    allowed = {"traumatic", "intradural"}
    clashes = [
        term
        for term in getattr(scope.vocabulary(), key)
        if term not in allowed and re.search(r"(?<![a-z0-9])" + re.escape(term), text)
    ]
    assert not clashes, clashes
    assert "dexa" not in getattr(scope.vocabulary(), key)


@pytest.mark.parametrize(
    "text",
    [
        "My dog has bone cancer in his spine and can't use his back legs, what dose of steroids?",
        "summarise this article on AI in radiology for me",
    ],
)
def test_an_animal_or_a_writing_task_is_refused_whatever_it_names(text: str) -> None:
    facts = {"cancer_diagnosis": "yes", "spinal_metastases": "confirmed", "limb_weakness": "yes"}
    assert not _topic_decision(text, facts)


def test_a_catheter_or_dexamethasone_is_not_a_refusing_word() -> None:
    text = "wife of pt with MSCC is terrified about the catheter and the dexamethasone"
    assert not scope.names_never_ng234(text) and not scope.names_outside_topic(text)
    assert _topic_decision(text, {"mscc": "confirmed"})


@pytest.mark.parametrize(
    "text",
    [
        "What dex dose with AC chemo for nausea?",
        "dex for altitude sickness - dose for a trek?",
        "omeprazole for GORD - how long for?",
        "BRCA testing criteria for someone whose mum had ovarian ca?",
        "Primary chondrosarcoma of T9 in a 42M - what radiotherapy dose?",
        "pt 31M, gym bro, deadlifting, sudden sharp LBP, no hx of anything. needs MRI??",
    ],
)
def test_round_14_outside_topics_are_refused(text: str) -> None:
    assert not _topic_decision(text)


def test_first_line_analgesia_for_spinal_metastases_is_answered() -> None:
    """sc11-050 was refused by the generic 'first line for' (kept for systemic therapy)."""
    assert _topic_decision("Paracetamol or morphine first line for spinal mets pain?")
    assert not _topic_decision("first line for metastatic breast cancer, CDK4/6?")


def test_an_outside_drug_of_the_patients_own_is_not_an_aside() -> None:
    """'he's diabetic on metformin - anything extra?' asks about the patient's steroids (1.8.8);
    an outside topic with nobody's or somebody else's name on it stays an aside."""
    assert not scope.off_topic_for_case("he's diabetic on metformin - anything extra?")
    assert scope.off_topic_for_case("unrelated but what's the metformin dose in CKD?")
    assert scope.off_topic_for_case("can metformin be continued before CT contrast?")
    assert scope.off_topic_for_case("her sister's screening mammogram - when is it due?")


def test_a_carer_who_is_a_paediatric_nurse_asking_about_her_father_is_answered() -> None:
    """sc12-084: the user's own profession names no child patient."""
    text = (
        "my dad (83) has prostate cancer, back pain getting worse, now his legs are numb. "
        "I'm a paediatric nurse myself"
    )
    assert not scope.about_a_child(text)
    assert scope.about_a_child("paediatric oncology: 9 year old with back pain")


@pytest.mark.parametrize(
    "text",
    [
        "Kidney stone pain radiating to the back, 38M, no cancer",
        "Methotrexate weekly dose for RA and monitoring bloods?",
        "How long should tamoxifen be continued after early breast cancer?",
        "Spinal cord stimulator for failed back surgery syndrome?",
        "what's the best mattress for chronic lower back pain? i'm 40 and healthy",
    ],
)
def test_round_15_outside_topics_are_refused(text: str) -> None:
    assert not _topic_decision(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant 32 weeks, pelvic girdle and low back pain, anything safe for pain?",
        "52F with a new breast lump - 2 week wait referral criteria?",
        "28F, optic neuritis last year, now numb legs and urinary urgency. ?MS - investigation?",
        "Malignant bowel obstruction in ovarian ca, octreotide dose?",
        "Migrant from high TB area, thoracic kyphosis and back pain, MRI ?Pott's disease.",
        "ADT for newly diagnosed prostate ca - LHRH agonist or antagonist?",
        "SVC obstruction from lung ca, face swollen - stent or steroids?",
    ],
)
def test_round_16_outside_topics_are_refused(text: str) -> None:
    assert not _topic_decision(text)


def test_a_pet_named_in_passing_does_not_refuse_an_ng234_question() -> None:
    """sc13-135: 'who will look after the dog' is the patient's worry, not a vet's question."""
    text = (
        "pt newly dx spinal mets, v anxious, worried about money + who will look after the dog. "
        "what support should we be offering?"
    )
    assert not scope.names_never_ng234(text)
    assert _topic_decision(text, {"spinal_metastases": "confirmed"})
    assert scope.names_never_ng234("my dog has a spinal tumour, can he have dexamethasone?")


def test_a_comorbidity_given_as_the_reason_for_an_ng234_decision_is_no_aside() -> None:
    """b35: 'not a surgical candidate (PS 3, severe COPD)' on a live MSCC case is answered."""
    assert not scope.off_topic_for_case(
        "Spinal surgeons have reviewed - not a surgical candidate (PS 3, severe COPD). "
        "What now, and what dose?"
    )
    assert scope.off_topic_for_case("unrelated but what inhaler for COPD?")


def test_back_pain_from_moving_a_patient_without_cancer_is_not_ng234() -> None:
    text = "34F HCA, low back pain after moving a patient 3 days ago. No PMH, never had cancer."
    assert not _topic_decision(text, {"cancer_diagnosis": "no", "back_pain": "yes"})
    assert _topic_decision(text, {"cancer_diagnosis": "yes", "back_pain": "yes"})
