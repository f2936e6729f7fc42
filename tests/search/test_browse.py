"""The guideline page's search (assistant/search/browse.py) with the real retriever and corpus.

A number opens that section or passage and nothing else; words go through the project's own
retrieval (typos, abbreviations, a unit written without a space); no match and unknown numbers
get a message that says what to type instead.
"""

from __future__ import annotations

import pytest

from assistant.search import browse


@pytest.fixture(scope="module")
def find(passage_map, retriever):
    return lambda query: browse.find(query, passage_map, retriever.search)


@pytest.mark.parametrize("query", ["8Gy", "8 Gy", "8gy", "single fraction 8Gy"])
def test_a_dose_with_or_without_a_space_finds_the_radiotherapy_recommendations(find, query):
    found = find(query)
    assert found.found == "words"
    assert "1.10.5" in found.ids[:5]


@pytest.mark.parametrize("query", ["dexamethazone", "dexamethasone", "dex", "dexa dose"])
def test_typos_and_abbreviations_find_the_corticosteroid_section(find, query):
    found = find(query)
    assert found.found == "words"
    assert "1.8.1" in found.ids[:6], found.ids


def test_the_plain_words_are_found_even_before_the_model_has_loaded(passage_map):
    found = browse.find("8Gy", passage_map, None)
    assert found.found == "words"
    assert "1.10.5" in found.ids
    assert "has loaded" in found.message
    # without the retriever a typo finds nothing, and the page says what to try
    missing = browse.find("dexamethazone", passage_map, None)
    assert missing.found == "nothing" and "Try other words" in missing.message


@pytest.mark.parametrize(
    ("query", "section"),
    [("1.8", "1.8"), ("section 1.10", "1.10"), ("rec 1.3", "1.3"), ("NG234 1.5", "1.5")],
)
def test_a_section_number_opens_that_section_only(find, passage_map, query, section):
    found = find(query)
    assert found.found == "number"
    assert found.ids
    assert all(passage_map[i].section == section for i in found.ids)
    # every recommendation of the section is there
    expected = {
        p.id for p in passage_map.values() if p.section == section and p.kind == "recommendation"
    }
    assert expected <= set(found.ids)


def test_1_8_does_not_match_1_1_8(find):
    assert "1.1.8" not in find("1.8").ids
    assert "1.1.8" in find("1.1").ids


@pytest.mark.parametrize(
    ("query", "wanted"), [("1.8.1", "1.8.1"), ("box 1", "box-1"), ("rec 1.3.2", "1.3.2")]
)
def test_a_recommendation_number_opens_that_passage(find, query, wanted):
    found = find(query)
    assert found.ids == (wanted,)


@pytest.mark.parametrize("query", ["9.9.9", "1.99", "box 7"])
def test_an_unknown_number_says_so_and_how_numbers_look(find, query):
    found = find(query)
    assert found.found == "nothing"
    assert not found.ids
    assert "no section or recommendation numbered" in found.message
    assert "ng234 corpus" not in found.message.lower()  # no command-line advice for clinicians


@pytest.mark.parametrize("query", ["xyzzy plugh", "weather in paris tomorrow"])
def test_nothing_relevant_gives_a_clear_message_not_a_bare_heading(find, query):
    found = find(query)
    assert found.found == "nothing" and not found.ids
    assert "Nothing in NG234 matches" in found.message


def test_the_same_query_gives_the_same_result(find):
    assert find("radiotherapy dose") == find("radiotherapy dose")
