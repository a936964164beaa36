from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.normalize import arabic_candidates, clean, fold, proclitic_only


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("أكّد", "اكد"),
        ("إيران", "ايران"),
        ("آسيا", "اسيا"),
        ("مستشفى", "مستشفي"),
        ("قائلاً", "قائلا"),
        ("الـرئيس", "الرئيس"),
        ("États-Unis", "etats-unis"),
        ("Poutine", "poutine"),
        ("l’Iran", "l'iran"),
    ],
)
def test_fold_equates_spelling_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("دعوة", "دعوه"), ("Iran", "Irak"), ("قال", "قبل")])
def test_fold_keeps_distinct_words_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize(
    ("token", "stem"),
    [("لهولاند", "هولاند"), ("بالرئيس", "رئيس"), ("وأكد", "اكد"), ("لداعش", "داعش"),
     ("وبدعمه", "دعم"), ("سيرفض", "يرفض"), ("للدولة", "الدولة"), ("دعوته", "دعوة")],
)  # fmt: skip
def test_arabic_clitics_are_stripped(token: str, stem: str) -> None:
    assert fold(stem) in arabic_candidates(fold(token))


def test_proper_names_lose_proclitics_only() -> None:
    assert "بوتين" in proclitic_only(fold("لبوتين"))
    assert "بوت" not in proclitic_only(fold("بوتينه"))


def test_presentation_forms_are_normalized() -> None:
    # U+FEFB is the lam-alef ligature presentation form
    assert clean("\ufefb") == "لا"
    assert fold("\ufefb") == "لا"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x0620, max_codepoint=0x064A), min_size=1))
def test_candidates_always_contain_the_token(text: str) -> None:
    f = fold(text)
    assert f in arabic_candidates(f)
    assert all(len(c) >= 2 or c == f for c in arabic_candidates(f))
