"""Normalise and segment: cleaning that keeps offsets, then tokens and sentences.

Every later stage reads a `Text`: the typo-corrected string, its tokens (lower-cased, with
contractions typed without an apostrophe restored), the sentence of each token, and a map
back to offsets in the original message.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from assistant.reading.anchors import fold

TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:'[^\W\d_]+)*|\S")
WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
#: A quotation mark: " anywhere, ' not inside a word ("can't" keeps its apostrophe).
_QUOTE_MARK = re.compile(r"\"|(?<![^\W\d_])'|'(?![^\W\d_])")
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)
_SAME_LENGTH = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00a0": " ", "\t": " ",
     "\u201c": '"', "\u201d": '"', "\uff1f": "?", "\u2044": "/"}
)  # fmt: skip
CLAUSE_PUNCT = frozenset({",", ":", "(", ")", "[", "]"})
#: Tokens that end a sentence as written ("?" too, which segmentation keeps in its sentence).
FULL_STOPS = frozenset({".", "!", "?", ";"})
_SENTENCE_END = frozenset({".", "!", ";", "|", "\u2022", "\u00b7"})
# fmt: off
_ABBREVIATIONS = frozenset({
    "pt", "dr", "mr", "mrs", "ms", "approx", "vs", "etc", "fig", "st", "incl", "inc", "eg", "ie",
    "esp", "nb", "cf", "wrt", "re", "co", "prn", "bd", "od", "tds", "qds", "mg", "yr", "yrs",
    "susp",
})
_HEADERS = frozenset({
    "neuro", "neurology", "neurological", "o/e", "oe", "exam", "examination", "pmh", "pmhx", "hpc",
    "pc", "dh", "dhx", "sh", "shx", "fh", "fhx", "imaging", "mri", "ct", "plan", "impression",
    "imp", "bladder", "bowels", "bowel", "b&b", "bo", "pu", "power", "sensation", "tone",
    "reflexes", "gait", "pain", "analgesia", "meds", "medications", "social", "background",
    "diagnosis", "dx", "ddx", "issues", "summary", "obs", "bloods", "assessment", "hx", "history",
    "mobility", "ix", "mx", "a/p", "ps", "ecog", "sins", "prognosis", "oncology", "onc", "surgery",
    "rt", "radiotherapy", "update", "pr", "saddle", "plantars",
})
# fmt: on

#: Contractions typed without the apostrophe ("cant feel legs", "doesnt radiate").
_NO_APOSTROPHE = {
    w.replace("'", ""): w
    for w in ("can't", "don't", "doesn't", "didn't", "isn't", "wasn't", "won't", "couldn't",
              "wouldn't", "aren't", "hasn't", "haven't", "shouldn't", "weren't", "hadn't")
}  # fmt: skip


def clean(text: str) -> str:
    """Same-length cleanup so offsets stay valid: control chars, tags, curly and quote marks,
    and lines wrapped in the middle of a phrase."""
    text = text.translate(_SAME_LENGTH).replace("\r\n", " \n").replace("\r", "\n")
    text = _INVISIBLE.sub(" ", text)
    text = _QUOTE_MARK.sub(" ", text)  # says L leg 'feels heavy': quoted words are words
    text = _TAG.sub(lambda m: " " * len(m.group()), text)
    text = _DENIAL_HEADER.sub(_denied_items, text)
    return _SOFT_WRAP.sub(_unwrap, spoken_punctuation(text))


#: Punctuation said aloud into voice dictation ("prostate cancer comma his brother had …
#: full stop", round 62 b126): the mark, padded with spaces to the same length.
_SPOKEN_MARKS = {"comma": ",", "full stop": ".", "question mark": "?", "exclamation mark": "!"}
_SPOKEN = re.compile(
    r"(?<=[^\W\d_])(\s+)(comma|full\s+stop|question\s+mark|exclamation\s+mark)\b(?!\s*[-'])",
    re.IGNORECASE,
)


def spoken_punctuation(text: str) -> str:
    """Dictated punctuation words as the marks they stand for (same length)."""

    def mark(m: re.Match[str]) -> str:
        said = m.group(2)
        sign = _SPOKEN_MARKS[" ".join(said.lower().split())]
        return sign + " " * (len(m.group()) - 1)

    return _SPOKEN.sub(mark, text)


#: A line that is only a denial header ("Denies:", "Negatives:", "Nil:") and the bulleted or
#: indented lines under it (rf62-246, rf62-258): each item is denied, as if written "∅ item"
#: (the empty-set sign clinicians write for "none", a denial cue of its own).
_DENIAL_HEADER = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*)?(?:denies|denied|negatives?|neg|nil|no|absent|not\s+present|"
    r"pertinent\s+negatives?)[ \t]*:[ \t]*"
    # an item is no header of its own ("- yes:" after the denied items, rf76-249)
    r"((?:\n(?![ \t]*(?:[-*\u2022\u00b7][ \t]*)?[^\n:]{1,40}:[ \t]*(?:\n|$))"
    r"[ \t]*(?:[-*\u2022\u00b7][ \t]*|[ \t])[^\s\n][^\n]*)+)",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_MARK = re.compile(r"(?<=\n)[ \t]*(?:[-*\u2022\u00b7]|[ \t])(?=[ \t]*\S)")
EMPTY_SET = "\u2205"


def _denied_items(m: re.Match[str]) -> str:
    """The header's items each opened by the empty-set sign, same length: the item's bullet,
    or the last space of its indent, becomes "∅"."""
    return _ITEM_MARK.sub(lambda mark: mark.group()[:-1] + EMPTY_SET, m.group())


#: A line break with a lower-case word after it: a wrap inside a phrase when the line before
#: ends on a word that cannot end one ("She says she can't\nfeel her feet", "unable\nto
#: walk") or the next line goes on with a word that cannot open an item ("shooting pain\n
#: down the left leg"), rf49. A bullet, a number or a capital opens a line of its own, and a
#: list of findings one per line ("no fever\nweak legs") is left as lines.
_SOFT_WRAP = re.compile(r"([^\W\d_']+(?:'[^\W\d_]+)?)([ ]*\n[ ]*)(?=([a-z]+))")
_DANGLING = frozenset(
    {"can't", "cant", "cannot", "couldn't", "couldnt", "unable", "able", "to", "the", "a", "an"}
    | {"of", "with", "her", "his", "their", "my", "feel", "feels", "is", "are", "was", "were"}
    | {"has", "have", "had", "been", "be", "than", "very", "into", "down", "from", "both"}
    # a pair split at its joint ("pins and\n  needles in both feet", rf74-254)
    | {"and", "&"}
)
_CONTINUING = frozenset({"to", "down", "into", "along", "from", "than", "of"})
#: A denial alone on its line, wrapped before what it denies ("Hx renal ca.\nNo\nweakness.",
#: "- Not\n  incontinent", rf62-245, rf62-256): not a label's value ("leg weakness: no"), nor
#: when a question on the line before is what it answers ("Any weakness?\nNo\nnumb feet"),
#: where the next line is news.
_DANGLING_DENIALS = frozenset({"no", "not", "nil", "denies", "denied", "without", "never"})


def _unwrap(m: re.Match[str]) -> str:
    """The line break of a wrap inside a phrase as spaces (same length)."""
    before, gap, after = m.group(1).lower(), m.group(2), m.group(3)
    if (
        before in _DANGLING
        or after in _CONTINUING
        or (before in _DANGLING_DENIALS and _a_denial_of_the_next_line(m.string, m.start()))
    ):
        return m.group(1) + " " * len(gap)
    return m.group()


def _a_denial_of_the_next_line(text: str, at: int) -> bool:
    """Whether the denial word at `at` stands alone on its line (only a bullet or dash before
    it: "No", "- Not"), is no label's value ("numbness:\nno\nweakness:\nyes": the line before
    ends on a label's mark) and answers no question (a "?" on its line or the line before)."""
    line_start = text.rfind("\n", 0, at) + 1
    previous_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    previous = text[previous_start:line_start].rstrip(" \t\n")
    return (
        text[line_start:at].strip(" \t-*\u2022") == ""
        and not previous.endswith((":", "-", "=", "\u2013"))
        and "?" not in text[previous_start:at]
    )


def drop_asides(text: str, asides: list[re.Pattern[str]]) -> str:
    """Blank (same length) each discourse marker an aside pattern names in its group 'aside':
    "Legs, though, are getting weaker" reads as "Legs are getting weaker"."""
    for rx in asides:
        text = rx.sub(lambda m: _blank(m, "aside"), text)
    return text


def _blank(m: re.Match[str], group: str) -> str:
    start, end = m.span(group)
    whole = m.group()
    lo, hi = start - m.start(), end - m.start()
    return whole[:lo] + " " * (hi - lo) + whole[hi:]


@dataclass(frozen=True)
class Text:
    """Corrected text, its tokens and sentences, and a map back to the original offsets."""

    text: str
    starts: list[int]
    ends: list[int]
    lower: list[str]
    sent_of: list[int]
    sents: list[tuple[int, int]]
    edits: list[tuple[int, int, int, int]]  # corrected start/end, original start/end

    @cached_property
    def folded(self) -> str:
        """The text case-folded once, for the patterns' anchors (`anchors.fold`)."""
        return fold(self.text)

    def original(self, i: int) -> int:
        """Offset in the original text of offset i in the corrected text."""
        k = bisect_right(self.edits, (i, 1 << 62)) - 1
        if k < 0:
            return i
        c_start, c_end, o_start, o_end = self.edits[k]
        if i >= c_end:
            return o_end + (i - c_end)
        return min(o_start + (i - c_start), o_end)

    def span(self, start_tok: int, end_tok: int) -> tuple[int, int]:
        """Original character offsets of a token span."""
        return self.original(self.starts[start_tok]), self.original(self.ends[end_tok - 1])

    def tokens_of(self, char_start: int, char_end: int) -> tuple[int, int]:
        """The token span covering a character span (expanded to whole tokens)."""
        return bisect_right(self.ends, char_start), bisect_left(self.starts, char_end)


def _tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    starts, ends, lower = [], [], []
    for m in TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        lower.append(m.group().lower())
    return starts, ends, lower


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The lower-case tokens of a vocabulary phrase."""
    return tuple(m.group().lower() for m in TOKEN.finditer(phrase))


#: "and" / "but" followed by a subject opens a clause of its own.
#: Words that open a new question after a '?' typed in lower case ("re MSCC?? who do i call").
_QUESTION_OPENERS = frozenset({
    "who", "what", "whats", "what's", "when", "where", "why", "how", "which", "should", "shall",
    "can", "could", "do", "does", "is", "are", "would", "will", "any", "pls", "please", "plz",
})  # fmt: skip
_CLAUSE_AND = frozenset({"and", "&", "+"})
_SUBJECTS = frozenset({
    "he", "she", "they", "his", "her", "their", "the", "pt", "patient", "he's", "she's",
    "hes", "shes", "now", "today",
})  # fmt: skip
_LEVEL_LETTERS = frozenset({"c", "t", "th", "l", "s", "d"})


#: An item closed by a slash and a space ("ca/ ", "legs/ ").
_SLASH_ITEM = re.compile(r"[^\W\d_]{2,}/[ \t]")


#: What ends a noun phrase that "and the" adds to the one before it.
_PHRASE_ENDS = frozenset({",", ".", ";", "!", "?"})


def _object_pair(lower: list[str], i: int) -> bool:
    """Whether "the" at token i opens a noun phrase of one or two words that ends the clause
    ("It was his brother Tony who had the leg weakness and the numbness, that was …", b138):
    a second object of the verb before, not a clause with a subject of its own ("and the
    pain is worse"). Negations never read across "and" however it is split (H02)."""
    if lower[i] != "the":
        return False
    rest = lower[i + 1 : i + 4]
    return any(w in _PHRASE_ENDS for w in rest[1:]) or (0 < len(rest) <= 2 and i + 3 >= len(lower))


def _numbered_item(text: str, starts: list[int], ends: list[int], lower: list[str], i: int) -> bool:
    """Whether token i opens a numbered item inside a line: '2.' or '2)' after a word, or
    '(2)' after the item '(1)' ("(1) no radicular pain (2) sensation normal … (4) catheterised
    for retention", rf70-033)."""
    if _bracket_numbered(text, starts, lower, i):
        return True
    if i <= 0 or i + 2 >= len(lower) or not lower[i].isdigit() or len(lower[i]) > 2:
        return False
    if lower[i + 1] not in (".", ")") or not lower[i + 2][:1].isalpha():
        return False
    before = text[ends[i - 1] : starts[i]]
    if not before or not before.isspace() or lower[i - 1] in _LEVEL_LETTERS:
        return False
    return lower[i - 1][:1].isalpha() or lower[i - 1] in _SENTENCE_END or lower[i - 1] == ","


def _bracket_numbered(text: str, starts: list[int], lower: list[str], i: int) -> bool:
    """Whether token i is the '(' of an inline item '(n)', n from 2, with '(n-1)' before it."""
    if i <= 0 or i + 3 >= len(lower) or lower[i] != "(" or lower[i + 2] != ")":
        return False
    number = lower[i + 1]
    if not (number.isascii() and number.isdigit()) or len(number) > 2 or int(number) < 2:
        return False
    return lower[i + 3][:1].isalpha() and f"({int(number) - 1})" in text[: starts[i]]


def _bare_numbering(text: str, starts: list[int], ends: list[int], lower: list[str]) -> set[int]:
    """Tokens that number items written inline without punctuation ("1 ca prostate 2 back pain
    3 no fever 4 clonus"): standalone numbers 1, 2, 3, … in order (at least three), each
    before a word. Each from 2 on opens an item of its own."""
    chain: list[int] = []
    for i, tok in enumerate(lower[:-1]):
        if not (tok.isascii() and tok.isdigit()) or len(tok) > 2 or not lower[i + 1][:1].isalpha():
            continue
        if i and (not text[ends[i - 1] : starts[i]] or lower[i - 1] in _LEVEL_LETTERS):
            continue
        if int(tok) == len(chain) + 1:
            chain.append(i)
    return set(chain[1:]) if len(chain) >= 3 else set()


#: Characters that end a sentence as written (the reader's own sentences also break at clauses).
_WRITTEN_STOPS = ".!?\n"


def written_sentence(text: str, start: int, end: int | None = None) -> str:
    """The sentence of `text` as written around the span start:end (to the full stops or line
    breaks either side), over the reader's clause breaks ("… with leg weakness, got 8 Gy and
    her legs fully recovered")."""
    return text[slice(*written_sentence_span(text, start, end))]


def written_sentence_span(
    text: str, start: int, end: int | None = None, stops: str = _WRITTEN_STOPS
) -> tuple[int, int]:
    """The character span of `written_sentence`; `stops`: the characters that end it."""
    opens = max(text.rfind(c, 0, start) for c in stops) + 1
    after = start if end is None else end
    found = [i for i in (text.find(c, after) for c in stops) if i >= 0]
    return opens, min(found, default=len(text))


#: A form label of a few words on each side of a spaced " / ", closed by its colon at the
#: start of a line ("Numbness / tingling: denies"): one question, not two items.
_LABEL_BEFORE = re.compile(r"[ \t]*(?:[-*\u2022][ \t]*)?[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}[ \t]*")
_LABEL_AFTER = re.compile(r"[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}[ \t]*:")


def _in_form_label(text: str, start: int, end: int) -> bool:
    """Whether the spaced "/" at text[start:end] joins the items of a line-opening label."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_LABEL_BEFORE.fullmatch(text, line_start, start) and _LABEL_AFTER.match(text, end))


def _sentences(text: str, starts: list[int], ends: list[int], lower: list[str]) -> list[int]:
    """Sentence index of each token: ends at . ! ; newlines, questions and 'Header:' labels."""
    n = len(lower)
    breaks = [False] * n  # breaks[i]: a sentence starts at token i
    for i in _bare_numbering(text, starts, ends, lower):
        breaks[i] = True  # "3 no fever 4 clonus R ankle": the clonus is stated
    for i in range(n - 1):
        tok, gap = lower[i], text[ends[i] : starts[i + 1]]
        full_stop = tok in _SENTENCE_END and (
            tok != "."
            or not (
                (len(lower[i - 1]) == 1 and lower[i - 1].isalpha())
                or lower[i - 1] in _ABBREVIATIONS
            )
            or (i > 1 and lower[i - 2] == "/")  # "no h/a. pain radiating": "h/a" ends it
        )
        question = (
            tok == "?"
            and gap
            and (text[starts[i + 1]].isupper() or lower[i + 1] in _QUESTION_OPENERS)
            and (lower[i - 1].isalnum() or lower[i - 1] == "?")
        )
        if full_stop or (i and question):
            breaks[i + 1] = True
        if "\n" in gap:
            # A line, a bullet or a numbered item is a hard boundary: no cue reads across it
            # ("no fever\nweak legs": weakness is stated, not denied).
            breaks[i + 1] = True
        elif (
            tok == "/"
            and gap
            and ends[i] > starts[i]
            and (
                text[starts[i] - 1 : starts[i]].isspace()
                # "Prostate ca/ no numbness/ ?weak legs/ retention 750ml" (rf69-260): a line
                # of items each closed by "/ "; one alone ("no weakness/ numbness") is a list
                or (
                    i > 0
                    and lower[i - 1].isalpha()
                    and len(lower[i - 1]) > 1
                    and len(
                        _SLASH_ITEM.findall(
                            text, *written_sentence_span(text, starts[i], stops="\n")
                        )
                    )
                    >= 2
                )
            )
            and not _in_form_label(text, starts[i], ends[i])
        ):
            breaks[i + 1] = True  # a spaced " / " separates items: "no fever / leg weakness"
        elif tok in _CLAUSE_AND and lower[i + 1] in _SUBJECTS and not _object_pair(lower, i + 1):
            breaks[i + 1] = True  # "no cough and his legs feel weak": a clause of its own
        if _numbered_item(text, starts, ends, lower, i + 1):
            breaks[i + 1] = True  # "1.no fever 2.weakness in L leg"
        if lower[i + 1] == ":" and i > 0:
            # "Neuro: ... Bladder: retention": a header label starts a new sentence.
            chunk = text.rfind(" ", 0, starts[i + 1]) + 1
            chunk = max(chunk, text.rfind("\n", 0, starts[i + 1]) + 1)
            label = text[chunk : starts[i + 1]]
            first = bisect_left(starts, chunk)
            # Only a label that opens a line or sentence, or is capitalised ("... Bladder:"),
            # not the end of a phrase ("radicular pain: none").
            if (
                label.lower() in _HEADERS
                and first > 0
                and (
                    label[0].isupper()
                    or "\n" in text[ends[first - 1] : chunk]
                    or lower[first - 1] in _SENTENCE_END
                    or lower[first - 1] == ","
                )
            ):
                breaks[first] = True
    sent_of, current = [], 0
    for i in range(n):
        if breaks[i] and i:
            current += 1
        sent_of.append(current)
    return sent_of


def segment(text: str, edits: list[tuple[int, int, int, int]]) -> Text:
    """The document the later stages read: tokens, sentences and the map to the original."""
    starts, ends, lower = _tokenize(text)
    lower = [_NO_APOSTROPHE.get(t, t) for t in lower]
    sent_of = _sentences(text, starts, ends, lower)
    sents: list[tuple[int, int]] = []
    for i, sid in enumerate(sent_of):
        if sid == len(sents):
            sents.append((i, i + 1))
        else:
            sents[sid] = (sents[sid][0], i + 1)
    return Text(text, starts, ends, lower, sent_of, sents, edits)
