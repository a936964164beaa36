"""Text normalization: one place that says when two strings are "the same word".

Documents are never rewritten: spaCy tokenizes the original text, so every offset refers to
it. Each token gets a *folded* form (``token.norm_``) used for all lexicon matching, and
Arabic tokens also get their clitic-stripped candidates.

>>> fold("États-Unis")
'etats-unis'
>>> fold("أكّدَ") == fold("اكد")
True
>>> "هولاند" in arabic_candidates(fold("لهولاند"))
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Arabic tatweel, zero-width and bidi controls: dropped by :func:`fold` and :func:`clean`.
_DROP = dict.fromkeys(
    map(
        ord,
        "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff",
    ),
    None,
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_FOLD_MAP = str.maketrans(
    {
        "ى": "ي",
        "ٱ": "ا",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
    }
)


def clean(text: str) -> str:
    """The normal form lexicon entries are written in: NFKC, no Arabic marks, no tatweel.

    >>> clean("قائلاً")
    'قائلا'
    """
    text = unicodedata.normalize("NFKC", text).translate(_DROP)
    return _ARABIC_MARKS.sub("", text)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Matching key: lower case, accents and Arabic marks removed, alef and alef maqsura folded.

    Ta marbuta (ة) is kept: folding it to ه would make it look like a pronoun suffix.

    >>> fold("Poutine") == fold("poutine")
    True
    >>> fold("إيران")
    'ايران'
    """
    if text.isascii():  # the same result: ASCII is unchanged by the normalizations below
        return text.lower().translate(_FOLD_MAP)
    text = unicodedata.normalize("NFKC", text).translate(_DROP).lower()
    decomposed = unicodedata.normalize("NFD", text)
    if all(c < "\U00010000" for c in decomposed):
        stripped = decomposed.translate(_BMP_MARKS)  # the same, in C
    else:
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD_MAP)


#: every combining mark of the Basic Multilingual Plane, deleted by str.translate
_BMP_MARKS = dict.fromkeys(c for c in range(0x10000) if unicodedata.combining(chr(c)))


def is_arabic(text: str) -> bool:
    """True when the string contains an Arabic letter.

    >>> is_arabic("قال"), is_arabic("said")
    (True, False)
    """
    return any("\u0600" <= c <= "\u06ff" for c in text)


_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك", "س")
_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ي", "ك")
_MIN_STEM = 2


def _proclitic_prefixes() -> tuple[str, ...]:
    out = set()
    for c in _CONJ:
        for p in _PREP:
            for art in ("", "ال"):
                if p == "س" and art:
                    continue
                prefix = c + p + art
                if p == "ل" and art:
                    prefix = c + "لل"
                if prefix:
                    out.add(prefix)
    return tuple(sorted(out, key=len, reverse=True))


_PREFIXES = _proclitic_prefixes()
#: the same prefixes, looked up by length (each length asked once instead of each prefix)
_PREFIX_SET = frozenset(_PREFIXES)
_PREFIX_LENGTHS = tuple(sorted({len(p) for p in _PREFIXES}))
_SUFFIX_SET = frozenset(_SUFFIXES)
_SUFFIX_LENGTHS = tuple(sorted({len(s) for s in _SUFFIXES}))


@lru_cache(maxsize=200_000)
def arabic_candidates(folded: str) -> frozenset[str]:
    """Forms of a folded Arabic token with proclitics and pronoun suffixes removed.

    The token itself is always included. Stems shorter than two letters are never produced.

    >>> "اكد" in arabic_candidates(fold("وأكد"))
    True
    >>> "دعم" in arabic_candidates(fold("بدعمه"))
    True
    >>> "حكومة" in arabic_candidates(fold("حكومته"))
    True
    """
    return frozenset(_candidates(folded))


def _candidates(folded: str) -> set[str]:
    heads = _proclitic_forms(folded, _MIN_STEM)
    out = set(heads)
    for head in heads:
        for n in _SUFFIX_LENGTHS:
            if len(head) - n < _MIN_STEM:
                break
            if head[-n:] in _SUFFIX_SET:
                stem = head[:-n]
                out.add(stem)
                if stem.endswith("ت") and len(stem) > 2:
                    out.add(stem[:-1] + "ة")
    return out


@lru_cache(maxsize=200_000)
def suffix_only(folded: str) -> frozenset[str]:
    """The token and its forms with a pronoun suffix removed (no proclitic removed).

    >>> sorted(suffix_only(fold("يدعوه")))
    ['يدعو', 'يدعوه']
    """
    out = {folded}
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= _MIN_STEM:
            out.add(folded[: -len(suffix)])
    return frozenset(out)


@lru_cache(maxsize=200_000)
def conjunction_only(folded: str) -> frozenset[str]:
    """The token and, for Arabic, the token without a leading conjunction و/ف.

    >>> sorted(conjunction_only("ولم"))
    ['لم', 'ولم']
    """
    return frozenset(_conjunction_forms(folded))


def _conjunction_forms(folded: str) -> tuple[str, ...]:
    if len(folded) > 2 and folded[0] in "وف" and is_arabic(folded):
        return (folded, folded[1:])
    return (folded,)


@lru_cache(maxsize=200_000)
def proclitic_only(folded: str, min_stem: int = 3) -> frozenset[str]:
    """Forms of a folded Arabic token with proclitics (not suffixes) removed.

    A removed article is also put back, so that entries written with it still match.

    >>> sorted(proclitic_only(fold("لداعش")))
    ['داعش', 'لداعش']
    >>> "الدولة" in proclitic_only(fold("للدولة"))
    True
    """
    return frozenset(_proclitic_forms(folded, min_stem))


def _proclitic_forms(folded: str, min_stem: int = 3) -> set[str]:
    out = {folded}
    for n in _PREFIX_LENGTHS:
        if len(folded) - n < min_stem:
            break
        prefix = folded[:n]
        if prefix in _PREFIX_SET:
            rest = folded[n:]
            out.add(rest)
            if prefix.endswith(("ال", "لل")):
                out.add("ال" + rest)
    return out


def arabic_forms(folded: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """:func:`arabic_candidates`, :func:`proclitic_only` and :func:`conjunction_only` of one
    folded token as sorted tuples, not cached (callers keep them per token).

    >>> arabic_forms(fold("ولم"))
    (('لم', 'ولم'), ('ولم',), ('لم', 'ولم'))
    """
    return (
        tuple(sorted(_candidates(folded))),
        tuple(sorted(_proclitic_forms(folded))),
        tuple(sorted(_conjunction_forms(folded))),
    )
