"""The turn contract (issue #13): questions never become facts, follow-ups are answered from
the live case, corrections change only what they name, patient switches clear the case, and
unreadable text is told so. Each kind is tested both ways."""

from __future__ import annotations

import json

import pytest

from assistant.answers.answer import COULD_NOT_READ, NOT_COVERED
from assistant.answers.chat import new_session
from assistant.answers.intent import is_question, supposition
from assistant.settings import ROOT

LIVE = "known prostate ca, new weakness in both legs since yesterday"


def _turns(conversation, *messages):
    state, answers = new_session(), []
    for message in messages:
        state, answer = conversation.respond(state, message)
        answers.append(answer)
    return state, answers


#: Retrieval queries that state a particular patient's findings before asking (reviewed by
#: hand, session 3): read as a case with a question, so they do record those findings.
#: "known breast ca, new leg weakness - what do I do?" is the product's core use.
CASE_LIKE = {
    "what should I talk through with the pt and family after spinal mets diagnosis",
    "known breast ca, new leg weakness - what do I do?",
    "MRI contraindicated because of pacemaker - what scan instead?",
    "when can the pt start sitting up after mscc",
    "pt with prostate ca on bisphos?",
    "started dex before the MRI and it's clear - stop it?",
    "MRI looks like lymphoma, no neuro deficit - give steroids?",
    "paraplegic for 3 weeks, pain controlled, still give radiotherapy?",
    "paraplegic for more than 48 hours, still worth operating?",
    "unstable spine with mechanical pain and severe neuro deficit - stabilise?",
    "not fit for surgery, unstable spine, CTLO?",
    "bad back pain on moving but no neuro deficit - do we immobilise?",
    "prostate cancer with spinal deposits - zoledronic acid for pain?",
    "no neurological deficit - should I give steroids anyway?",
    "completely paralysed for a month with good pain control - still give urgent radiotherapy?",
    "who do I phone first when I think my patient has cord compression?",
    "routine surveillance MRI for known bone mets without neuro symptoms?",
    "no known primary tumour - do we need tissue from the vertebra before treating?",
}


def _questions() -> list[str]:
    """The retrieval dev and check queries phrased as questions (a question word or '?').

    The others are search phrases ("surgical options for MSCC") or terse cases; the reader
    cannot tell a topic phrase from a terse case without a question, so they are not here.
    """
    out = []
    for name in ("retrieval_dev.jsonl", "retrieval_check.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                query = json.loads(line)["q"]
                if is_question(query) and query not in CASE_LIKE:
                    out.append(query)
    return out


QUESTIONS = _questions()


def test_the_question_set_is_large_enough() -> None:
    assert len(QUESTIONS) >= 100


def test_no_retrieval_question_records_or_changes_a_fact(conversation) -> None:
    """Every question-form dev and check query, first and as a later turn of a live case,
    writes no fact (the reviewed case-like ones above aside)."""
    _, (live,) = _turns(conversation, LIVE)
    wrote, changed = [], []
    for question in QUESTIONS:
        _, (first,) = _turns(conversation, question)
        if first.facts:
            wrote.append((question, first.facts))
        _, (_, later) = _turns(conversation, LIVE, question)
        if later.facts != live.facts:
            changed.append((question, later.facts))
    assert not wrote, wrote[:5]
    assert not changed, changed[:5]


def test_a_case_like_query_still_records_its_findings(conversation) -> None:
    """The safety side of the rule: a patient's findings before a question are recorded."""
    _, (answer,) = _turns(conversation, "known breast ca, new leg weakness - what do I do?")
    assert answer.facts.get("limb_weakness") == "yes"


@pytest.mark.parametrize(
    "question",
    [
        "whats the steroid dose for cord compression",
        "what's the steroid dose for cord compression?",
        "in people with spinal mets but no neuro symptoms, should steroids be given?",
        "how quickly should mri be done for suspected mscc",
    ],
)
def test_a_question_names_topics_and_writes_no_facts(conversation, question) -> None:
    _, (answer,) = _turns(conversation, question)
    assert answer.turn == "question" and not answer.facts and not answer.out_of_scope


def test_a_case_with_a_question_still_records_the_case(conversation) -> None:
    _, (answer,) = _turns(conversation, "T10 MSCC, legs weak, on dex awaiting RT. Anything else?")
    assert answer.turn == "case" and answer.facts.get("limb_weakness") == "yes"


@pytest.mark.parametrize(
    "follow_up",
    [
        "can it wait till morning?",
        "is that an emergency?",
        "who do I call?",
        "what now?",
        "whats next",
    ],
)
def test_follow_ups_are_answered_from_the_live_case(conversation, follow_up) -> None:
    _, (first, answer) = _turns(conversation, LIVE, follow_up)
    assert answer.turn == "follow_up" and not answer.out_of_scope
    assert answer.facts == first.facts
    assert "1.3.2" in {c for r in answer.recommendations for c in r.cites}


def test_a_follow_up_without_a_live_case_is_not_a_follow_up(conversation) -> None:
    _, (answer,) = _turns(conversation, "can it wait till morning?")
    assert answer.turn != "follow_up"


@pytest.mark.parametrize(
    "aside",
    [
        "unrelated - antibiotic for pneumonia?",
        "unrelated: what's the weather going to be like tomorrow",
        "how do I treat DKA in general?",
    ],
)
def test_an_off_topic_aside_on_a_live_case_is_still_refused(conversation, aside) -> None:
    _, (_, answer) = _turns(conversation, LIVE, aside)
    assert answer.out_of_scope and answer.message == NOT_COVERED


@pytest.mark.parametrize("aside", ["what if he's diabetic?", "his AF - ok to give dex?"])
def test_a_condition_of_the_patients_own_is_answered_on_the_live_case(conversation, aside):
    """Diabetes or AF of this patient is context for NG234's advice (steroids, glucose)."""
    _, (_, answer) = _turns(conversation, LIVE, aside)
    assert not answer.out_of_scope and answer.turn == "follow_up"


def test_a_correction_changes_only_what_it_names(conversation) -> None:
    _, (first, answer) = _turns(conversation, LIVE, "sorry, I meant the right leg")
    assert answer.turn == "correction" and not answer.out_of_scope
    assert answer.facts == first.facts  # the weakness is kept
    _, (_, answer) = _turns(conversation, LIVE, "correction: no retention")
    assert answer.facts["bladder_bowel_dysfunction"] == "no"
    assert answer.facts["limb_weakness"] == "yes"


@pytest.mark.parametrize(
    "switch", ["next patient", "Case 2: 70M lung ca, back pain", "Bed 5 - 60F breast ca"]
)
def test_a_patient_switch_clears_the_case_and_says_so(conversation, switch) -> None:
    _, (_, answer) = _turns(conversation, LIVE, switch)
    assert answer.turn == "new_patient"
    assert "limb_weakness" not in answer.facts
    assert "New patient" in " ".join([answer.message, *answer.notices])


def test_a_bed_number_inside_a_case_is_not_a_switch(conversation) -> None:
    _, (_, answer) = _turns(conversation, LIVE, "she is in bed 5 and now also numb")
    assert answer.turn != "new_patient" and answer.facts.get("limb_weakness") == "yes"


@pytest.mark.parametrize("text", ["el paciente tiene dolor de espalda", "asdf qwer zxcv"])
def test_unreadable_text_is_told_so(conversation, text) -> None:
    _, (answer,) = _turns(conversation, text)
    assert answer.turn == "unreadable" and answer.message == COULD_NOT_READ


def test_clinical_english_outside_ng234_is_refused_not_unreadable(conversation) -> None:
    _, (answer,) = _turns(conversation, "central chest pain, troponin 300 - loading doses?")
    assert answer.turn != "unreadable" and answer.message == NOT_COVERED


def test_more_about_the_live_patient_is_a_follow_up_that_writes_its_facts(conversation) -> None:
    _, (_, more) = _turns(
        conversation,
        "known breast ca, back pain at night",
        "she has an old pacemaker, not MRI safe",
    )
    assert more.turn == "follow_up"
    assert more.facts.get("mri_contraindicated") == "yes"
    assert [c.fact for c in more.changes] == ["mri_contraindicated"]


def test_a_switch_word_on_the_first_message_is_a_case_and_later_a_new_patient(
    conversation,
) -> None:
    _, (first, second) = _turns(
        conversation,
        "Bed 4: 58F lung ca, MRI confirmed MSCC at T6, weak legs",
        "nxt: bed 7, 60M, prostate ca, new back pain",
    )
    assert first.turn == "case" and first.facts.get("mscc") == "confirmed"
    assert second.turn == "new_patient"
    assert "mscc" not in second.facts and second.facts.get("primary_tumour") == "prostate"


@pytest.mark.parametrize(
    "messages",
    [
        ("known breast ca, back pain at night", "what if she gets weak legs?"),
        ("known breast ca, back pain, no weakness", "what if she gets weak legs?"),
        ("if a pt with breast ca has weak legs what do I do?",),
        ("what should I do if a patient with known cancer develops leg weakness?",),
    ],
)
def test_a_what_if_red_flag_question_leads_with_what_it_would_start(conversation, messages):
    """ "What if she gets weak legs?" is answered with 1.3.2 first, as depending on it; the
    question still writes nothing into the case (issue #13)."""
    _, answers = _turns(conversation, *messages)
    answer = answers[-1]
    first = min((*answer.recommendations, *answer.conditional), key=lambda r: r.rank)
    assert first.cites == ["1.3.2"] and first.group == "asked"
    assert "limb_weakness" in first.missing and first.ask
    assert answer.facts.get("limb_weakness") in (None, "no")  # never written by the question


@pytest.mark.parametrize(
    "messages",
    [
        # a case statement that denies the red flags and asks: answered as the case it is
        ("prostate ca, spinal mets, no weakness, numbness or bladder issues - dex just in case?",),
        # a question that names no red flag
        ("known breast ca, back pain at night", "what dose of dex?"),
        # no cancer: 1.3.2 needs one
        ("no cancer history, back pain", "what if he gets weak legs?"),
    ],
)
def test_no_what_if_rows_without_a_named_red_flag_in_a_question(conversation, messages):
    _, answers = _turns(conversation, *messages)
    answer = answers[-1]
    assert not any(
        c.cites == ["1.3.2"] and c.group == "asked" and c.rank == 1 for c in answer.conditional
    )


# --- what a question supposes, with values (issue #13, session 5) -----------------------------


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("what if the MRI shows no mets?", "the MRI shows no mets"),
        ("and if the bone marrow confirms myeloma", "the bone marrow confirms myeloma"),
        ("what should I do if she develops weak legs?", "she develops weak legs"),
        (
            "say he responds well, then the pain comes back. Then?",
            "he responds well, then the pain comes back",
        ),
        # "if" meaning "whether" is no supposition
        ("which score should I use to decide if the spine is stable?", None),
        ("not sure if he is weak", None),
        ("dose of dex?", None),
    ],
)
def test_supposition_reads_the_clause_after_the_cue(text, clause):
    assert supposition(text) == clause


def test_what_a_question_supposes_with_values_shows_the_rules_it_would_start(conversation):
    """ "What if the bone marrow confirms myeloma?" shows the rules that confirmed
    haematological malignancy would make apply, as depending on it; the case is not written."""
    case = "CT: lytic lesions in the spine, ?myeloma, no cancer history, no neuro symptoms"
    state, answers = _turns(conversation, case, "what if the bone marrow confirms myeloma?")
    before, after = answers
    assert after.facts == before.facts  # a question never writes the case
    supposed = [c for c in after.conditional if "haematological_malignancy" in c.missing]
    assert supposed, [c.rule for c in after.conditional]
    assert all(c.rule not in {r.rule for r in before.recommendations} for c in supposed)


def test_a_whether_question_supposes_nothing(conversation):
    _, answers = _turns(
        conversation,
        "65M prostate ca, MRI shows MSCC at T11, legs 4/5",
        "which score should I use to decide if the spine is stable?",
    )
    assert not any("spinal_instability" in c.missing for c in answers[-1].conditional)


@pytest.mark.parametrize(
    "message",
    [
        "Renal ca, T8 met. MRI in Feb: no cord compression. Since Friday stumbling, L leg weaker",
        "breast ca, MRI 3 months ago no MSCC, new leg weakness since yesterday",
    ],
)
def test_an_exclusion_dated_before_a_new_symptom_no_longer_excludes_mscc(conversation, message):
    _, (answer,) = _turns(conversation, message)
    assert answer.facts.get("mscc") not in ("ruled_out", "none")
    cited = {c for r in answer.recommendations for c in r.cites}
    assert {"1.3.2", "1.5.2"} <= cited
    assert any("no longer excludes MSCC" in n for n in answer.notices)


@pytest.mark.parametrize(
    "message",
    [
        "breast ca, MRI today: no MSCC. new leg weakness since yesterday",  # imaging after onset
        "breast ca, MRI in Feb no MSCC, legs weak",  # no onset said: asked, not re-opened
    ],
)
def test_an_exclusion_not_dated_before_a_new_symptom_stands(conversation, message):
    _, (answer,) = _turns(conversation, message)
    assert answer.facts.get("mscc") == "ruled_out"


def test_a_correction_needs_a_live_case_and_something_to_correct(conversation) -> None:
    """'sorry.' opening a first message is a case; 'sorry' with a question and nothing stated
    on a live case is a follow-up, and the case is unchanged."""
    _, (answer,) = _turns(conversation, "sorry. 71M oesophageal ca, new back pain and weak legs")
    assert answer.turn == "case" and answer.facts["limb_weakness"] == "yes"
    _, (first, answer) = _turns(
        conversation, LIVE, "sorry phone in pocket. what imaging and how fast?"
    )
    assert answer.turn == "follow_up" and answer.facts == first.facts


def test_a_stated_fact_changed_is_a_correction_a_settled_suspicion_is_not(conversation) -> None:
    fit = "MSCC at L1, 57M renal ca, mechanical pain, fit for surgery"
    _, (_, answer) = _turns(
        conversation, fit, "update: anaesthetist says not fit for GA, surgery off"
    )
    assert answer.turn == "correction" and answer.facts["suitable_for_surgery"] == "no"
    suspected = "62M prostate ca, weak legs since yesterday, ?MSCC, dex given"
    _, (_, answer) = _turns(conversation, suspected, "MRI back: no cord compression. stop the dex?")
    assert answer.turn == "follow_up"


@pytest.mark.parametrize(
    "aside",
    [
        "unrelated but what's the dose of amoxicillin for a chest infection?",
        "also - her sister's 47, when's she due a screening mammogram?",
    ],
)
def test_an_aside_about_something_else_is_refused_and_keeps_the_case(conversation, aside):
    _, (first, answer) = _turns(conversation, LIVE, aside)
    assert answer.out_of_scope and answer.message == NOT_COVERED
    assert answer.turn == "question" and answer.facts == first.facts


def test_plain_films_are_ng234s_imaging_words(conversation) -> None:
    _, (answer,) = _turns(conversation, "role of plain films?")
    assert not answer.out_of_scope and answer.turn == "question"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("What does NICE say about plain X-rays for suspected spinal mets?", "why?"),
        ("what's the initial dex dose in MSCC with neuro signs?", "and how long do you give it?"),
    ],
)
def test_a_short_follow_on_question_is_read_with_the_one_before(conversation, first, then):
    state, (_, answer) = _turns(conversation, first, then)
    assert not answer.out_of_scope and answer.turn == "question" and not answer.facts
    assert any("previous question" in n for n in answer.notices)
    assert state.last_topic and first in state.last_topic


def test_follow_ons_keep_the_first_question_as_the_topic(conversation) -> None:
    first = "What does NICE say about plain X-rays for suspected spinal mets?"
    state, answers = _turns(conversation, first, "why?", "and why not CT?", "why?")
    assert state.last_topic == first
    assert all(not a.out_of_scope for a in answers)


def test_a_follow_on_after_a_case_is_about_the_case_not_an_old_question(conversation) -> None:
    state, (_, _, answer) = _turns(conversation, "dose of dex in MSCC?", LIVE, "why?")
    assert state.last_topic is None
    assert not any("previous question" in n for n in answer.notices)


def test_a_service_question_with_a_time_word_is_a_question(conversation) -> None:
    _, (answer,) = _turns(conversation, "Who covers the MSCC coordinator role overnight?")
    assert answer.turn == "question" and not answer.facts


def test_a_follow_up_writes_what_it_states_but_not_what_it_asks(conversation) -> None:
    """'Decompression and stabilisation done. He's 3 weeks post-op. What next?': the
    statements are facts about the patient; the question is not (round 13)."""
    _, (_, after) = _turns(
        conversation,
        "58M renal cell ca, MSCC T12 on MRI, legs 4/5, fit for surgery and he wants it",
        "Decompression and stabilisation done. He's now 3 weeks post-op, wound healed. "
        "What next for the tumour bed?",
    )
    assert after.turn == "follow_up"
    assert after.facts.get("had_spinal_surgery") == "yes"
    assert "1.10.8" in {c for r in after.recommendations for c in r.cites}
    # what a follow-up only asks is never written
    _, (first, asked) = _turns(conversation, LIVE, "what if she develops urinary retention?")
    assert asked.facts == first.facts


def test_a_patient_described_inside_a_question_is_a_case(conversation) -> None:
    """'Should I give dex to a 70M with lung ca, T4 met and new leg weakness?' describes a
    patient: what it says of the patient is the case's, not a topic (round 14)."""
    _, (answer,) = _turns(
        conversation, "Should I give dex to a 70M with lung ca, T4 met on CT and new leg weakness?"
    )
    assert answer.facts.get("cancer_diagnosis") == "yes"
    assert answer.facts.get("spinal_metastases") == "confirmed"
    # the closing '?' still hedges the weakness: asked first, never assumed
    assert answer.questions and answer.questions[0].fact == "limb_weakness"
    _, (general,) = _turns(conversation, "Should I give dex for new leg weakness in MSCC?")
    assert "limb_weakness" not in general.facts and "cancer_diagnosis" not in general.facts


# --- round 16: re-timed recurrence, Box 1 with the symptoms it lists, steroids offered -------


def test_a_corrected_radiotherapy_date_re_times_the_recurrence(conversation) -> None:
    _, (first, second) = _turns(
        conversation,
        "breast ca, T11 met, had 8 Gy there 5 months ago with complete pain relief. pain now "
        "back in the same place, constant incl at rest. MRI: no MSCC, neuro intact.",
        "sorry, I misread the clinic letter - the RT was 6 weeks ago, not 5 months ago",
    )
    assert first.facts["recurrence_3_months_after_rt"] == "yes"
    assert second.facts["recurrence_3_months_after_rt"] == "no"
    assert "1.10.9" not in {c for r in second.recommendations for c in r.cites}
    assert any("re-timed" in n for n in second.notices)


def test_a_repeated_radiotherapy_date_changes_nothing(conversation) -> None:
    _, (_, second) = _turns(
        conversation,
        "breast ca, T11 met, had 8 Gy there 5 months ago with complete pain relief. pain now "
        "back in the same place. MRI: no MSCC, neuro intact.",
        "yes the RT was 5 months ago",
    )
    assert second.facts["recurrence_3_months_after_rt"] == "yes"
    assert not any("re-timed" in n for n in second.notices)


def test_a_question_about_what_to_look_out_for_quotes_box_1(conversation) -> None:
    _, (answer,) = _turns(
        conversation,
        "What symptoms should I tell my cancer patients to look out for and ring about, re "
        "spinal mets / cord compression?",
    )
    assert "box-1" in {lk.id for lk in answer.lookups}
    assert not answer.facts


def test_a_question_not_about_box_1_does_not_quote_it(conversation) -> None:
    _, (answer,) = _turns(conversation, "what dose of dexamethasone for MSCC?")
    assert "box-1" not in {lk.id for lk in answer.lookups}


def test_steroid_monitoring_comes_with_the_dexamethasone_offered(conversation) -> None:
    _, (answer,) = _turns(conversation, "Lung ca, new leg weakness + numb from umbilicus down")
    cited = [c for r in answer.recommendations for c in r.cites]
    assert "1.8.1" in cited and "1.8.8" in cited
    assert cited.index("1.8.1") < cited.index("1.8.8")


def test_no_steroid_monitoring_without_neurological_symptoms(conversation) -> None:
    _, (answer,) = _turns(
        conversation, "breast ca, T8 met on MRI, no MSCC, neuro intact, walking fine, no steroids"
    )
    assert "1.8.8" not in {c for r in answer.recommendations for c in r.cites}


def test_a_rule_waiting_on_any_red_flag_names_the_hedged_one(conversation) -> None:
    _, (answer,) = _turns(
        conversation, "69F lung ca with bone mets. she might be a bit weak in the legs??"
    )
    row = next(c for c in answer.conditional if "1.3.2" in c.cites)
    assert row.deciding == ["limb_weakness"]


def test_with_nothing_hedged_the_rank_order_decides(conversation) -> None:
    _, (answer,) = _turns(conversation, "69F lung ca with bone mets, back pain")
    row = next(c for c in answer.conditional if "1.3.2" in c.cites)
    assert row.deciding == ["bladder_bowel_dysfunction"]
