"""The phrase index: where phrases may start is found through shared start tables; whatever
the tokens, that must find exactly what trying every position finds."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.matcher import PhraseIndex, TokenKeys, doc_keys
from extractors.normalize import fold
from extractors.shapes import (
    CLOSER,
    FULL_STOP,
    LINE_BREAK,
    NAME_LIKE,
    PEOPLE_LIKE,
    PUNCT,
    QUOTE,
    QUOTE_OR_BREAK,
    SPACE,
    shape,
)

NLP = {lang: spacy.blank(lang) for lang in ("en", "ar")}

ENGLISH_FORMS = [
    "said",
    "call on",
    "call for",
    "called for",
    "the united nations",
    "the united states",
    "the united kingdom",
    "condemn*",
    "threw its weight behind",
    "human right*",
    'the "peace',
    "not",
    "prime minister",
]
NAME_FORMS = ["Boris Johnson", "Johnson", "Paris", "the White House", "Nations"]
ARABIC_FORMS = ["أكد", "قال", "الدولة الإسلامية", "الأمم المتحدة", "دعا إلى", "ندد*", "لم"]

ENGLISH_WORDS = [
    "said", "call", "called", "on", "for", "the", "The", "united", "United", "nations",
    "states", "kingdom", "condemned", "condemns", "condemn", "threw", "its", "weight",
    "behind", "human", "rights", "right", "so", '"', "peace", "not", "Prime",
    "minister", "Boris", "Johnson", "johnson", "Paris", "White", "House", "Nations", "«",
    "»", ".", "\n", "and", "x",
]  # fmt: skip
ARABIC_WORDS = [
    "وأكد", "أكد", "قال", "وقال", "للدولة", "الدولة", "الإسلامية", "الأمم", "المتحدة",
    "دعا", "إلى", "ندد", "وندد", "نددت", "لم", "ولم", "فلم", "«", "»", "،", "أرضا",
]  # fmt: skip


def _index(lang: str, forms: list[str], **kind: Any) -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex(lang, NLP[lang].tokenizer, **kind)
    for k, form in enumerate(forms):
        index.add(form, f"{k}:{form}")
    return index


# built once: every index joins its language's start table for good
INDEXES = {
    "en": [
        _index("en", ENGLISH_FORMS),
        _index("en", NAME_FORMS, names=True),
        _index("en", ["not", "if", "and"], function_words=True),
    ],
    "ar": [
        _index("ar", ARABIC_FORMS),
        _index("ar", ["الأمم المتحدة", "أكد"], names=True),
        _index("ar", ["لم", "إن"], function_words=True),
    ],
}


def _keys(lang: str, words: list[str]) -> list[TokenKeys]:
    doc = spacy.tokens.Doc(NLP[lang].vocab, words=words)
    return doc_keys(doc, lang)


def _everywhere(index: PhraseIndex[str], toks: list[TokenKeys]) -> list[Any]:
    return [m for i in range(len(toks)) for m in index.find_at(toks, i)]


@pytest.mark.parametrize(("lang", "vocabulary"), [("en", ENGLISH_WORDS), ("ar", ARABIC_WORDS)])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_starts_lose_no_match(lang: str, vocabulary: list[str], data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(vocabulary), max_size=30))
    index = INDEXES[lang][data.draw(st.integers(0, 2))]
    toks = _keys(lang, words)
    assert index.find(toks, overlapping=True) == _everywhere(index, toks)


@pytest.mark.parametrize(
    ("words", "found"),
    [
        (["They", "called", "for", "talks"], ["3:called for"]),
        (["it", "condemned", "the", "United", "Nations"], ["7:condemn*", "4:the united nations"]),
        (["a", "the", '"', "peace", '"', "plan"], ['10:the "peace']),  # a quote in the form
        (["the", "united", "front"], []),  # "the" starts phrases, none of them here
        (["threw", "its", "weight", "behind", "it"], ["8:threw its weight behind"]),
        (["human", '"', "rights", '"'], ["9:human right*"]),  # quotation marks are skipped
    ],
)
def test_english_phrases(words: list[str], found: list[str]) -> None:
    toks = _keys("en", words)
    assert [m.payload for m in INDEXES["en"][0].find(toks)] == found


def test_names_need_their_capital() -> None:
    names = INDEXES["en"][1]
    assert [m.payload for m in names.find(_keys("en", ["Mr", "Johnson", "said"]))] == ["1:Johnson"]
    assert names.find(_keys("en", ["a", "johnson", "said"])) == []


def test_arabic_clitics_and_function_words() -> None:
    toks = _keys("ar", ["وأكد", "أن", "للدولة", "الإسلامية", "أرضا"])
    assert [m.payload for m in INDEXES["ar"][0].find(toks)] == ["0:أكد", "2:الدولة الإسلامية"]
    # function words lose a leading conjunction only: «لم» is not found inside «للمرة»
    fw = INDEXES["ar"][2]
    assert [m.payload for m in fw.find(_keys("ar", ["ولم", "يقل"]))] == ["0:لم"]
    assert fw.find(_keys("ar", ["للمرة"])) == []


def _shape_by_rule(text: str, arabic: bool) -> int:
    """The shape bits, written out rule by rule (no quick paths)."""
    f = fold(text)
    bits = 0
    if "\n" in text and text.isspace():
        bits |= LINE_BREAK | QUOTE_OR_BREAK
    elif text in {".", "!", "?", "؟", "…", "...", "!!", "?!"} or (
        text.endswith(".") and len(text) > 1 and text[:-1].isdigit()
    ):
        bits |= FULL_STOP
    elif text in {'"', "'", "»", "”", "’", ")", "›"}:
        bits |= CLOSER
    if text in {"«", "»", "“", "”", "„", "‹", "›", "‘", "’", '"', '"”'}:
        bits |= QUOTE_OR_BREAK
    letters = text.replace("-", "").replace("'", "")
    if len(text) > 1 and text[0].isupper() and letters.isalpha() and not text.isupper():
        bits |= NAME_LIKE
    if arabic:
        if f.startswith(("ال", "وال")) and f.endswith(("ون", "ين")) and len(f) > 6:
            bits |= PEOPLE_LIKE
    elif text[:1].isupper() and f.endswith(("s", "x")):
        bits |= PEOPLE_LIKE
    vocab = spacy.blank("ar" if arabic else "en").vocab
    lexeme = vocab[text]
    bits |= (PUNCT if lexeme.is_punct else 0) | (SPACE if lexeme.is_space else 0)
    return bits | (QUOTE if lexeme.is_quote else 0)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from([*ENGLISH_WORDS, *ARABIC_WORDS, "Americans", "الأمريكيون", "12.", "’"]),
    ),
    st.booleans(),
)
def test_shape_follows_its_rules(text: str, arabic: bool) -> None:
    assert shape(text, fold(text), arabic=arabic) == _shape_by_rule(text, arabic)
