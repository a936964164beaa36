"""Token-sequence matching of lexicon phrases, clitic- and inflection-aware.

A :class:`PhraseIndex` is built once from lexicon forms and matched against the folded
tokens of a Doc. Arabic tokens are tried with their clitics removed
(:func:`extractors.normalize.arabic_candidates`); a trailing ``*`` in a form is a prefix.

>>> import spacy
>>> nlp = spacy.blank("ar")
>>> index = PhraseIndex("ar", nlp.tokenizer)
>>> index.add("أكد", "REPORT")
>>> index.add("الدولة الإسلامية", "ISIS")
>>> doc = nlp("وأكد أن للدولة الإسلامية أرضا")
>>> [(m.start, m.end, m.payload) for m in index.find(doc_keys(doc, "ar"))]
[(0, 1, 'REPORT'), (2, 4, 'ISIS')]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc

from .normalize import arabic_candidates, conjunction_only, fold, proclitic_only

P = TypeVar("P", bound=Hashable)
QUOTE_MARKS = frozenset('"«»“”„‹›')


@dataclass(frozen=True)
class TokenKeys:
    """The forms under which one token may match."""

    text: str
    folded: str
    full: frozenset[str]  # all clitic-stripped candidates (Arabic) or just the folded form
    head: frozenset[str]  # proclitics removed only (Arabic names)
    conj: frozenset[str]  # a leading conjunction removed only (Arabic function words)


def doc_keys(doc: Doc, lang: str) -> list[TokenKeys]:
    """Matching keys for every token of ``doc``."""
    out = []
    for token in doc:
        f = fold(token.text)
        if lang == "ar":
            out.append(TokenKeys(token.text, f, arabic_candidates(f), proclitic_only(f),
                                 conjunction_only(f)))  # fmt: skip
        else:
            single = frozenset((f,))
            out.append(TokenKeys(token.text, f, single, single, single))
    return out


@dataclass(frozen=True, order=True)
class Match(Generic[P]):
    """A matched phrase: tokens ``[start, end)`` and the payload of its lexicon entry."""

    start: int
    end: int
    payload: P = field(compare=False)


@dataclass(frozen=True)
class _Entry(Generic[P]):
    rest: tuple[str, ...]
    wildcard: bool
    payload: P
    capital: bool


class PhraseIndex(Generic[P]):
    """Lexicon forms indexed by their first folded token.

    ``names=True`` matches like proper names: Arabic tokens only lose proclitics (not
    pronoun suffixes), and a Latin form written with a capital needs a capital in the text.
    ``function_words=True`` (negators, conditions, boundaries): Arabic tokens only lose a
    leading و/ف, so that short words like لم are not found inside longer ones.
    """

    def __init__(
        self,
        lang: str,
        tokenizer: Callable[[str], Doc],
        *,
        names: bool = False,
        function_words: bool = False,
    ) -> None:
        self.lang = lang
        self.names = names
        self.function_words = function_words
        self._tokenizer = tokenizer
        self._exact: dict[str, list[_Entry[P]]] = {}
        self._prefix: dict[str, list[_Entry[P]]] = {}
        self._min_prefix = 99
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def tokens(self, form: str) -> list[str]:
        """The folded tokens of a lexicon form (without its trailing ``*``).

        An elided word at the end of a form ("n'", "l'") is kept whole, as it is tokenized in
        running text.
        """
        out = [fold(t.text) for t in self._tokenizer(form.rstrip("*")) if not t.is_space]
        if len(out) >= 2 and out[-1] == "'" and form.rstrip("*")[-1:] in "'’":
            out[-2:] = [out[-2] + "'"]
        return out

    def add(self, form: str, payload: P) -> None:
        """Add one form; a trailing ``*`` makes its last token a prefix."""
        keys = self.tokens(form)
        if not keys:
            return
        wildcard = form.endswith("*")
        capital = self.names and self.lang != "ar" and form[:1].isupper()
        entry = _Entry(tuple(keys[1:]), wildcard, payload, capital)
        if wildcard and len(keys) == 1:
            self._prefix.setdefault(keys[0], []).append(entry)
            self._min_prefix = min(self._min_prefix, len(keys[0]))
        else:
            self._exact.setdefault(keys[0], []).append(entry)
        self._size += 1

    def add_all(self, forms: Iterable[str], payload: P) -> None:
        for form in forms:
            self.add(form, payload)

    def _first(self, tok: TokenKeys) -> Iterable[str]:
        if self.function_words:
            return tok.conj
        return tok.head if self.names else tok.full

    def _inner_ok(self, key: str, tok: TokenKeys, last: bool, wildcard: bool) -> bool:
        if self.function_words:
            cands = frozenset((tok.folded,))
        elif self.lang == "ar" and (last or not self.names):
            cands = tok.full
        else:
            cands = tok.head
        if key in cands:
            return True
        return bool(wildcard and last and any(c.startswith(key) for c in cands))

    def _continue(self, toks: Sequence[TokenKeys], i: int, entry: _Entry[P]) -> int:
        j = i + 1
        for k, key in enumerate(entry.rest):
            while j < len(toks) and toks[j].text in QUOTE_MARKS and key not in QUOTE_MARKS:
                j += 1  # 'le "droit" de': quotation marks inside a phrase are skipped
            if j >= len(toks) or not self._inner_ok(
                key, toks[j], k == len(entry.rest) - 1, entry.wildcard
            ):
                return -1
            j += 1
        return j

    def find_at(self, toks: Sequence[TokenKeys], i: int) -> list[Match[P]]:
        """All matches starting at token ``i``, longest first."""
        tok = toks[i]
        found: list[Match[P]] = []
        for cand in self._first(tok):
            for entry in self._exact.get(cand, ()):
                if entry.capital and not tok.text[:1].isupper():
                    continue
                if entry.wildcard and not entry.rest:
                    continue
                end = self._continue(toks, i, entry)
                if end > 0:
                    found.append(Match(i, end, entry.payload))
            if self._prefix:
                for n in range(self._min_prefix, len(cand) + 1):
                    for entry in self._prefix.get(cand[:n], ()):
                        if entry.capital and not tok.text[:1].isupper():
                            continue
                        found.append(Match(i, i + 1, entry.payload))
        found.sort(key=lambda m: (m.start - m.end, repr(m.payload)))
        return found

    def find(self, toks: Sequence[TokenKeys], *, overlapping: bool = False) -> list[Match[P]]:
        """Matches over the whole token list; by default the longest non-overlapping ones."""
        out: list[Match[P]] = []
        i = 0
        n = len(toks)
        while i < n:
            here = self.find_at(toks, i)
            if not here:
                i += 1
                continue
            if overlapping:
                out.extend(here)
                i += 1
            else:
                best = here[0]
                seen: set[object] = set()
                for m in here:
                    if m.end == best.end and m.payload not in seen:
                        seen.add(m.payload)
                        out.append(m)
                i = best.end
        return out


def build_index(
    lang: str,
    tokenizer: Callable[[str], Doc],
    items: Iterable[tuple[Iterable[str], Any]],
    *,
    names: bool = False,
    function_words: bool = False,
) -> PhraseIndex[Any]:
    """An index over ``(forms, payload)`` pairs."""
    index: PhraseIndex[Any] = PhraseIndex(
        lang, tokenizer, names=names, function_words=function_words
    )
    for forms, payload in items:
        index.add_all(forms, payload)
    return index
