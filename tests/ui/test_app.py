"""The Streamlit app through streamlit.testing (AppTest): chat, case panel, pages, export.

The first AppTest run loads the model and the index (st.cache_resource, shared by every
AppTest in this process), hence the generous timeout; later runs take a fraction of a second.
Pages other than the chat are reached the way a user reaches them: the guideline by its deep
link, the calculators and training pages by running their page functions.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from assistant import training
from assistant.answers.answer import NOT_COVERED, Answer
from assistant.answers.render import DISCLAIMER
from assistant.guideline.corpus import GUIDELINE_VERSION
from assistant.rules import scores
from assistant.ui import nav
from assistant.ui.markup import escape

APP = Path(__file__).resolve().parents[2] / "app.py"
#: The first run loads the embedding model and the FAISS index.
TIMEOUT = 180

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def loaded() -> None:
    """The model and index loaded before the first AppTest (the app loads them in the
    background and answers what was typed meanwhile once they are ready: the browser tests
    cover that; here every message is answered in its own run)."""
    from assistant.ui import resources

    resources.load_conversation()


# --- helpers -------------------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """Markdown source with the backslash escapes removed: the text a reader sees."""
    return re.sub(r"\\(.)", r"\1", markdown)


def run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return run(at)


def say(at: AppTest, text: str) -> Answer:
    at.chat_input[0].set_value(text)
    run(at)
    return latest(at)


def latest(at: AppTest) -> Answer:
    return at.session_state["chat_history"][-1]["answer"]


def page(function) -> AppTest:
    return run(AppTest.from_function(function, default_timeout=TIMEOUT))


def markdown_of(block) -> list[str]:
    return [plain(m.value) for m in block.markdown]


def cited(answer: Answer) -> set[str]:
    return {c for r in answer.recommendations for c in r.cites}


def _calculators() -> None:
    from assistant.ui import calculators_page

    calculators_page.render()


def _training() -> None:
    from assistant.ui import training_page

    training_page.render()


@pytest.fixture(scope="module")
def red_flag_case() -> AppTest:
    """A two-turn case ending in suspected MSCC (shared by the read-only checks)."""
    at = app()
    say(at, "known breast ca, new back pain")
    say(at, "she has weak legs")
    return at


# --- every page ----------------------------------------------------------------------------------


def test_version_notice_and_intended_purpose_are_on_the_page() -> None:
    at = app()
    header = at.caption[0].value
    assert GUIDELINE_VERSION in header and nav.NOTICE in header
    links = at.main.get("page_link")
    # plain words, not a file path (issue #15)
    assert any(link.proto.label == nav.PURPOSE_LABEL for link in links)
    assert not any("README" in link.proto.label for link in links)
    # An empty chat explains itself and offers examples.
    assert any(b.label == "known breast ca, new back pain" for b in at.button)


def test_about_page_renders_the_readme_section() -> None:
    from assistant.ui.about_page import README, intended_purpose

    text = intended_purpose(README.read_text(encoding="utf-8"))
    assert "Supports, never replaces, clinical judgement" in text
    assert "<a id" not in text and "](" not in text


# --- chat ----------------------------------------------------------------------------------------


def test_multi_turn_case_shows_1_3_2_with_its_quote(red_flag_case, passage_map) -> None:
    at = red_flag_case
    answer = latest(at)
    assert "1.3.2" in cited(answer)
    message = at.chat_message[-1]
    texts = markdown_of(message)
    head = next(t for t in texts if "**NG234 1.3.2** · 2023" in t)
    assert "Offer" in head
    # Do now leads, then the actions for this case (issue #14).
    headings = [h.value for h in message.header]
    assert "Do now" in headings[0] and "Actions for this case" in headings[1]
    do_now = [e.label for e in message.expander][:3]
    assert do_now[0].startswith("**Immediately:** contact the MSCC coordinator · NG234 1.3.2")
    # The verbatim quote, in its expander.
    quote = passage_map["1.3.2"].text
    assert quote.startswith("Immediately contact the MSCC coordinator")
    # each quote's expander names its recommendation (issue #15)
    quoted = [e for e in message.expander if e.label.startswith("NICE's words, NG234 ")]
    assert any(e.label == "NICE's words, NG234 1.3.2 (verbatim)" for e in quoted)
    assert any(quote in "\n".join(markdown_of(e)).replace("> ", "").replace("  \n", "\n")
               for e in quoted)  # fmt: skip
    # A "do not" nobody asked about is folded; opened, it reads as a prohibition (red,
    # no-entry sign), not an action.
    assert not any("Do not do a plain X-ray" in plain(e.value) for e in message.error)
    for index in range(len(at.session_state["chat_history"])):
        at.session_state[f"group-{index}-cautions"] = True
    run(at)
    message = at.chat_message[-1]
    assert any("Do not do a plain X-ray of the spine" in plain(e.value) for e in message.error)
    assert any(":red-badge[:material/block: DO NOT]" in t for t in markdown_of(message))
    # What is not yet known is a separate, folded block, and the questions come before it.
    labels = [e.label for e in message.expander]
    assert any(label.startswith("Depends on more that is not yet known") for label in labels)
    assert any("Questions that would change the answer" in h for h in headings)


def test_why_opens_the_committees_rationale(red_flag_case, passage_map) -> None:
    at = red_flag_case
    index = len(at.session_state["chat_history"]) - 1
    at.session_state[f"why-{index}-R1.3.2-contact-coordinator"] = True
    run(at)
    message = at.chat_message[-1]
    texts = "\n".join(markdown_of(message))
    rationale = passage_map["rationale-1.3.1-1.3.6"]
    assert "Rationale for 1.3.1–1.3.6" in texts
    assert rationale.text.splitlines()[1] in texts
    assert any("Evidence review D: recognition" in plain(c.value) for c in message.caption)


def test_earlier_answers_replay_compactly_after_a_rerun(red_flag_case) -> None:
    at = red_flag_case
    before = len(at.chat_message)
    run(at)  # a plain rerun replays the same history
    assert len(at.chat_message) == before == 4
    first_answer = at.chat_message[1]
    assert first_answer.toggle[0].label == "Show quotes and rationale"
    assert [t.value for t in at.chat_message[0].text] == ["known breast ca, new back pain"]


def test_follow_up_button_answers_the_question_in_one_click() -> None:
    at = app()
    first = say(at, "known breast ca, new back pain")
    question = first.questions[0]
    assert question.fact == "bladder_bowel_dysfunction"
    labels = [b.label for b in at.chat_message[-1].button]
    assert labels[:3] == ["Yes", "No", "Not sure"]
    at.button(key=f"q-1-{question.fact}-yes").click()
    run(at)
    answer = latest(at)
    assert [(c.fact, c.before, c.after) for c in answer.changes] == [
        (question.fact, "unknown", "yes")
    ]
    assert "1.3.2" in cited(answer)
    assert [t.value for t in at.chat_message[-2].text] == ["Bladder or bowel dysfunction: Yes"]
    # "Not sure" keeps the fact unknown and moves on to the next question.
    next_question = answer.questions[0].fact
    at.button(key=f"q-3-{next_question}-unknown").click()
    run(at)
    assert latest(at).facts.get(next_question) is None
    assert next_question not in [q.fact for q in latest(at).questions]


def test_case_panel_edit_recomputes_and_highlights_the_change() -> None:
    at = app()
    assert "1.3.2" in cited(say(at, "known prostate ca, new leg weakness"))
    at.sidebar.selectbox(key="fact-limb_weakness").set_value("no")
    run(at)
    answer = latest(at)
    assert [(c.fact, c.after) for c in answer.changes] == [("limb_weakness", "no")]
    assert "1.3.2" not in cited(answer)
    assert len(at.chat_message) == 4
    assert at.chat_message[-2].text[0].value == "Case panel: Limb weakness: No"
    box = at.sidebar.selectbox(key="fact-limb_weakness")
    # plain words a screen reader can read, no colour or icon codes (issue #15)
    assert box.value == "no" and box.label == "Limb weakness (changed in the last turn)"
    assert any("Changed in the last turn" in c.value for c in at.sidebar.caption)


def test_add_a_fact_then_new_patient_clears_everything() -> None:
    at = app()
    at.sidebar.selectbox(key="add_fact_group").set_value("cord")
    run(at)
    at.sidebar.selectbox(key="add_fact_name-cord").set_value("limb_weakness")
    run(at)
    at.sidebar.selectbox(key="add_fact_value-limb_weakness").set_value("yes")
    run(at)
    at.button(key="add_fact_button").click()
    run(at)
    assert at.session_state["chat_state"].case.known() == {"limb_weakness": "yes"}
    assert at.sidebar.selectbox(key="fact-limb_weakness").value == "yes"
    at.button(key="new_patient").click()
    run(at)
    assert at.session_state["chat_state"].case.known() == {}
    assert len(at.chat_message) == 0


def test_export_has_the_case_the_recommendations_the_version_and_the_disclaimer(
    red_flag_case, passage_map
) -> None:
    at = red_flag_case
    labels = [b.proto.label for b in at.sidebar.get("download_button")]
    assert labels == ["Download handover (SBAR, 40 lines)", "Download full cited answer (Markdown)"]
    at.session_state["export_preview"] = True
    run(at)
    text = at.sidebar.code[0].value
    assert text.startswith("# NG234 assistant: full cited answer")
    assert GUIDELINE_VERSION in text and DISCLAIMER in text
    assert "Limb weakness: **yes**" in text
    assert "## Do now" in text and "contact the MSCC coordinator (NG234 1.3.2)" in text
    assert "## Actions for this case" in text
    assert passage_map["1.3.2"].text in text


def test_a_why_question_quotes_the_rationale_and_the_recommendation(passage_map) -> None:
    at = app()
    answer = say(at, "why single fraction 8 Gy?")
    assert [item.id for item in answer.lookups][:2] == ["rationale-1.10.4-1.10.6", "1.10.5"]
    texts = markdown_of(at.chat_message[-1])
    assert any("What you asked about" in h.value for h in at.chat_message[-1].header)
    assert "**Rationale for 1.10.4–1.10.6**" in texts
    assert any("**NG234 1.10.5** · 2023" in t for t in texts)
    rationale = passage_map["rationale-1.10.4-1.10.6"].text.splitlines()[1]
    assert any(rationale in t for t in texts)


def test_notices_and_conflicts_are_shown() -> None:
    at = app()
    answer = say(at, "known breast ca, ?leg weakness")
    assert answer.notices
    assert [plain(i.value) for i in at.chat_message[-1].info] == answer.notices
    # "MSCC: none" contradicts a cord symptom in a person with cancer: shown, not resolved.
    say(at, "she has weak legs")
    at.sidebar.selectbox(key="add_fact_group").set_value("diagnosis")
    run(at)
    at.sidebar.selectbox(key="add_fact_name-diagnosis").set_value("mscc")
    run(at)
    at.sidebar.selectbox(key="add_fact_value-mscc").set_value("none")
    run(at)
    at.button(key="add_fact_button").click()
    run(at)
    answer = latest(at)
    assert answer.conflicts
    warnings = [plain(w.value) for w in at.chat_message[-1].warning]
    assert warnings[0].startswith("**Conflicting facts:** " + answer.conflicts[0].message)


@pytest.mark.parametrize(
    "message", ["<script>alert('x')</script> known breast ca, **bold** [link](http://x)"]
)
def test_user_html_and_markdown_are_shown_as_typed(message) -> None:
    at = app()
    say(at, message)
    assert [t.value for t in at.chat_message[0].text] == [message]
    for element in at.markdown:
        assert not element.proto.allow_html
        assert "<script>" not in element.value  # escaped wherever it is repeated


def test_out_of_scope_reply_is_plain_and_cites_nothing() -> None:
    at = app()
    answer = say(at, "what is the first line treatment for hypertension?")
    assert answer.out_of_scope and not answer.recommendations
    message = at.chat_message[-1]
    assert markdown_of(message) == [NOT_COVERED]
    assert not message.expander and not message.button


def test_missing_index_shows_what_to_do(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("NG234_INDEX_DIR", str(tmp_path))
    from assistant.ui import resources

    at = app()
    for _ in range(600):  # the load runs in the background and fails at once
        if resources.status() != "loading":
            break
        time.sleep(0.05)
    assert resources.status() == "failed"
    run(at)
    assert "search index is missing" in at.error[0].value
    assert "make run" in at.info[0].value and "ng234 index build" in at.info[0].value
    assert not at.chat_input


# --- guideline browser ---------------------------------------------------------------------------


def test_deep_link_opens_the_recommendation_and_links_its_rationale(passage_map) -> None:
    at = app(rec="1.8.1")
    assert at.query_params["rec"] == "1.8.1"
    assert at.title[0].value == "NG234 guideline"
    selected = markdown_of(at.main)
    assert "NG234 1.8.1" in selected[0] and "2023" in selected[0]
    assert "Offer 16 mg of oral dexamethasone" in selected[1]
    assert at.caption[0].value.startswith(f"**{GUIDELINE_VERSION}**")  # on every page
    at.button(key="open-rationale").click()
    run(at)
    assert at.query_params["rec"] == "rationale-1.8.1-1.8.8"
    texts = markdown_of(at.main)
    assert "Rationale for 1.8.1–1.8.8" in texts[0]
    assert passage_map["rationale-1.8.1-1.8.8"].text.splitlines()[0] in texts[1]
    at.button(key="open-1.8.7").click()
    run(at)
    assert at.query_params["rec"] == "1.8.7"
    assert ":red-badge[:material/block: DO NOT]" in at.markdown[0].value


def test_unknown_deep_link_says_so() -> None:
    at = app(rec="9.9.9")
    warning = plain(at.warning[0].value)
    assert "which the guideline does not have" in warning and "9.9.9" in warning
    assert "ng234 corpus" not in warning  # no command line for a clinician


def test_guideline_lists_every_section_and_filters() -> None:
    at = app(rec="box-1")
    labels = [e.label for e in at.expander]
    for section in [f"1.{n} " for n in range(1, 13)]:
        assert any(label.startswith(section) for label in labels), section
    assert any(label.startswith("Rationale for 1.8.1") for label in labels)
    assert any(label.startswith("research-1") for label in labels)
    assert any(label.startswith("Holistic needs assessment") for label in labels)
    at.text_input(key="guideline_filter").set_value("plain X-ray")
    run(at)
    assert any("Search results" in h.value for h in at.header)
    assert any("for “plain X-ray” (best first)" in plain(c.value) for c in at.caption), [
        c.value for c in at.caption
    ]
    texts = "\n".join(markdown_of(at.main))
    assert "Do not do a plain X-ray of the spine" in texts
    assert "Offer 16 mg of oral dexamethasone" not in texts


# --- calculators ---------------------------------------------------------------------------------

SINS_UNSTABLE = {
    "location": "junctional",
    "pain": "mechanical",
    "bone_lesion": "lytic",
    "alignment": "subluxation_translation",
    "collapse": "over_50",
    "posterolateral": "bilateral",
}
SINS_STABLE = {
    "location": "rigid",
    "pain": "pain_free",
    "bone_lesion": "blastic",
    "alignment": "normal",
    "collapse": "none",
    "posterolateral": "none",
}


def _set(at: AppTest, score: str, values: dict[str, str]) -> None:
    for component, value in values.items():
        at.selectbox(key=f"{score}-{component}").set_value(value)
    run(at)


def test_sins_total_band_source_caveat_and_apply_to_case() -> None:
    at = page(_calculators)
    _set(at, "sins", SINS_UNSTABLE)
    assert at.metric[0].value == "18"
    assert any("**Band:** unstable" in m.value for m in at.markdown)
    assert any(scores.SINS_SOURCE[:40] in c.value for c in at.caption)
    assert plain(at.info[0].value) == scores.CAVEAT_1_9_3
    points = at.dataframe[0].value
    assert list(points["Points"]) == [3, 3, 2, 4, 3, 3]
    at.button(key="apply-sins").click()
    run(at)
    assert "Spinal instability = Confirmed" in plain(at.success[0].value)
    assert at.session_state["chat_state"].case.known() == {"spinal_instability": "confirmed"}
    history = at.session_state["chat_history"]
    assert history[-2]["text"].startswith("SINS 18 applied from the calculator")
    assert history[-1]["answer"].changes[0].fact == "spinal_instability"


def test_stable_sins_sets_nothing_and_says_so() -> None:
    at = page(_calculators)
    _set(at, "sins", SINS_STABLE)
    assert at.metric[0].value == "0"
    assert any("**Band:** stable" in m.value for m in at.markdown)
    at.button(key="apply-sins").click()
    run(at)
    assert any("Nothing was set: a SINS of 0–6" in plain(i.value) for i in at.info)
    assert at.session_state["chat_state"].case.known() == {}


def test_partial_sins_is_incomplete_and_lists_what_is_missing() -> None:
    at = page(_calculators)
    _set(at, "sins", {"location": "junctional", "pain": "mechanical"})
    assert at.metric[0].value == "incomplete"
    assert any("Not yet assessed" in c.value and "Bone lesion" in c.value for c in at.caption)


def test_tokuhashi_total_and_band_and_it_sets_no_facts() -> None:
    at = page(_calculators)
    _set(
        at,
        "tokuhashi",
        {
            "general_condition": "good",
            "extraspinal_bone_metastases": "0",
            "vertebral_metastases": "1",
            "visceral_metastases": "none",
            "primary_site": "breast",
            "palsy": "none",
        },
    )
    assert at.metric[1].value == "15"
    assert any("predicted survival >= 1 year" in plain(m.value) for m in at.markdown)
    assert any(scores.TOKUHASHI_SOURCE[:40] in c.value for c in at.caption)
    at.button(key="apply-tokuhashi").click()
    run(at)
    assert any("sets no case facts" in plain(i.value) for i in at.info)
    assert at.session_state["chat_state"].case.known() == {}


# --- training ------------------------------------------------------------------------------------


def _submit_case(at: AppTest, case: training.TrainingCase, keys: set[str]) -> AppTest:
    for option in training.options(case):
        at.checkbox(key=f"train-{case.id}-{option.key}").set_value(option.key in keys)
    at.button(key=f"FormSubmitter:form-{case.id}-Submit answers").click()
    return run(at)


def test_a_training_case_is_scored_with_feedback_and_progress(passage_map) -> None:
    from assistant.ui.training_page import SET_SIZE

    at = page(_training)
    cases = training.load_cases()
    assert "0 of 5 cases answered in this set" in at.get("progress")[0].proto.text
    case = cases[0]
    # Headings in order: one h1 (the title), the case as h2, its parts as h3.
    assert [t.value for t in at.title] == ["Training"]
    assert at.header[0].value == f"Case 1 of {SET_SIZE}: {case.title}"
    assert "Your score is the right actions you chose" in "\n".join(c.value for c in at.caption)
    options = training.options(case)
    # Checkbox labels are the option's text as written: no icons, Markdown or escape codes
    # (the label is also the checkbox's accessible name).
    assert [c.label for c in at.checkbox] == [o.text for o in options]
    _submit_case(at, case, {o.key for o in options if o.correct})
    right = sum(1 for o in options if o.correct)
    assert at.subheader[0].value == "Score: 100 %"
    text = "\n".join(markdown_of(at.main))
    assert f"{right} of {right} right actions, 0 wrong choices: 100 %" in text
    assert "Right: NG234 1.3.2 recommends this for her." in text
    assert passage_map["1.3.2"].text.splitlines()[0] in text  # quoted verbatim
    labels = [e.label for e in at.expander]
    assert "NICE's words, 1.3.2" in labels and "NICE's words, 1.8.1" in labels
    assert any(label.startswith("Rule trace") for label in labels)
    assert f"1 of {SET_SIZE} cases answered in this set · overall 100 %" in (
        at.get("progress")[0].proto.text
    )
    # The next case; then random order follows the seed kept in session state.
    at.button(key="train-next").click()
    run(at)
    assert at.header[0].value == f"Case 2 of {SET_SIZE}: {cases[1].title}"
    at.segmented_control(key="training_mode").set_value("random")
    run(at)
    order = training.order(cases, "random", at.session_state["training_seed"])
    first = next(c for c in cases if c.id == order[0])
    assert at.header[0].value == f"Case 1 of {SET_SIZE}: {first.title}"


def test_training_widget_labels_carry_no_markup_codes() -> None:
    """Every option and case title reads as written in its label; markup is still defused."""
    from assistant.ui.training_page import label

    for case in training.load_cases():
        assert label(case.title) == case.title
        for option in training.options(case):
            assert label(option.text) == option.text, (case.id, option.key)
    assert label("*x* :red[y] :material/cancel: $z$") == (
        "\\*x\\* \\:red\\[y\\] \\:material/cancel: \\$z\\$"
    )
    assert label("1. first") == "1\\. first"


def test_a_right_and_a_wrong_choice_get_partial_credit_mistakes_first() -> None:
    at = page(_training)
    case = training.load_cases()[0]  # the weak-legs case
    options = training.options(case)
    right = next(o for o in options if o.correct)
    steroids_no = next(o for o in options if o.rule == "R1.8.7-no-routine-corticosteroids")
    _submit_case(at, case, {right.key, steroids_no.key})
    total = sum(1 for o in options if o.correct)
    percent = round(100 / (total + 1))
    assert [h.value for h in at.subheader][:3] == [
        f"Score: {percent} %",
        f"Mistakes ({total})",
        "Right choices (1)",
    ]
    text = "\n".join(markdown_of(at.main))
    assert f"1 of {total} right actions, 1 wrong choice: {percent} %" in text
    # The first feedback item is the wrong choice, in plain words from the case's facts.
    first = next(t for t in markdown_of(at.main) if "NG234" in t and ("You " in t or "Right" in t))
    assert "You chose this, but NG234 1.8.7 is not for her." in first
    assert "she has gait disturbance or difficulty walking and limb weakness" in text
    assert "Right to leave out" not in text.split("You chose this")[0]


def test_a_forbidden_action_is_marked_wrong_citing_the_do_not() -> None:
    at = page(_training)
    at.button(key="train-next").click()  # case 2: lung cancer with night pain
    run(at)
    case = training.load_cases()[1]
    xray = next(o for o in training.options(case) if o.kind == "prohibited")
    _submit_case(at, case, {xray.key})
    text = "\n".join(markdown_of(at.main))
    assert "You chose this, but NG234 1.5.9 says not to do it for him." in text
    assert "Do not do a plain X-ray of the spine to diagnose or rule out" in text
    assert at.subheader[0].value == "Score: 0 %"


def test_a_finished_set_ends_in_a_results_summary(passage_map) -> None:
    from assistant.ui.training_page import SET_SIZE

    at = page(_training)
    cases = training.load_cases()[:SET_SIZE]
    assert "Results for this set" not in [h.value for h in at.header]
    # The summary on request, before anything is answered.
    at.button(key="train-summary").click()
    run(at)
    assert at.header[0].value == "Results so far"
    at.button(key="train-back").click()
    run(at)
    for n, case in enumerate(cases):
        options = training.options(case)
        keys = {o.key for o in options if o.correct}
        if n == 0:  # one mistake: a wrong choice added
            keys.add(next(o.key for o in options if not o.correct))
        _submit_case(at, case, keys)
        if n < len(cases) - 1:
            assert "Results for this set" not in [h.value for h in at.header]
            at.button(key="train-next").click()
            run(at)
    headers = [h.value for h in at.header]
    assert headers == [f"Case {SET_SIZE} of {SET_SIZE}: {cases[-1].title}", "Results for this set"]
    summary = training.summarise(list(cases), at.session_state["training"])
    text = "\n".join(markdown_of(at.main))
    assert f"{SET_SIZE} of {SET_SIZE} cases done · overall {summary.percent} %" in text
    assert summary.weakest == (cases[0].id,)
    assert f"NG234 {summary.sections[0].section} {summary.sections[0].title}" in text
    # Retry the weakest case: it opens again, unanswered.
    at.button(key=f"train-summary-retry-{cases[0].id}").click()
    run(at)
    assert at.header[0].value == f"Case 1 of {SET_SIZE}: {cases[0].title}"
    assert cases[0].id not in at.session_state["training"]
    assert any(b.label == "Submit answers" for b in at.get("form_submit_button"))


# --- escaping ------------------------------------------------------------------------------------


@given(st.text())
def test_escaped_text_reads_exactly_as_written(text: str) -> None:
    escaped = escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL) == text
    # No character that starts Markdown, HTML or a Streamlit directive is left unescaped.
    assert not re.search(r"(?<!\\)[<>*_`\[\]:$]", escaped.replace("\\\\", ""))
