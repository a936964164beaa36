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

import operator
import sys
import weakref
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast

import numpy
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .normalize import arabic_forms, fold
from .shapes import shape

P = TypeVar("P", bound=Hashable)
QUOTE_MARKS = frozenset('"«»“”„‹›')
_TEXT = itemgetter(0)  # TokenKeys.text


class TokenKeys(NamedTuple):
    """The forms under which one token may match.

    A tuple of strings, numbers and tuples of strings, so that the garbage collector stops
    tracking it: documents create one per distinct word form, kept in a cache.
    """

    text: str
    folded: str
    full: tuple[str, ...]  # all clitic-stripped candidates (Arabic) or just the folded form
    head: tuple[str, ...]  # proclitics removed only (Arabic names)
    conj: tuple[str, ...]  # a leading conjunction removed only (Arabic function words)
    shape: int  # what the text looks like (bits of extractors.shapes)
    norm: int  # the string id of ``folded`` (what the normalizer sets as NORM)


#: fast accessors of TokenKeys fields, for ``map`` over a Doc's keys
FOLDED = itemgetter(1)
SHAPE = itemgetter(5)
NORM_ID = itemgetter(6)


_FULL, _HEAD, _CONJ = 2, 3, 4  # fields of TokenKeys


def token_texts(doc: Doc) -> list[str]:
    """The texts of a Doc's tokens, without building Token objects (fast)."""
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(ORTH).tolist()]


#: keys by token ORTH hash (the same for every vocab), one table for Arabic, one for the others
_BY_ORTH: dict[bool, dict[int, TokenKeys]] = {False: {}, True: {}}
_BY_ORTH_MAX = 200_000


def doc_keys(doc: Doc, lang: str) -> list[TokenKeys]:
    """Matching keys for every token of ``doc``."""
    arabic = lang == "ar"
    table = _BY_ORTH[arabic]
    orths: list[int] = doc.to_array(ORTH).tolist()
    out = list(map(table.get, orths))
    missing = list(compress(range(len(out)), map(is_, out, repeat(None))))
    if missing:
        if len(table) + len(missing) > _BY_ORTH_MAX:
            table.clear()
        strings = doc.vocab.strings
        for i in missing:
            h = orths[i]
            tok = table.get(h)
            if tok is None:
                tok = table[h] = _token_keys(strings[h], arabic)
            out[i] = tok
    return cast(list[TokenKeys], out)


def _capitalized(text: str) -> bool:
    """The first letter is upper case (bidi marks and other format characters skipped)."""
    return next((c.isupper() for c in text if c.isalpha()), False)


def _token_keys(text: str, arabic: bool) -> TokenKeys:
    f = fold(text)
    bits = shape(text, f, arabic=arabic)
    if arabic:
        return TokenKeys(text, f, *arabic_forms(f), bits, get_string_id(f))
    single = (f,)
    return TokenKeys(text, f, single, single, single, bits, get_string_id(f))


if TYPE_CHECKING or sys.version_info >= (3, 11):

    class Match(NamedTuple, Generic[P]):
        """A matched phrase: tokens ``[start, end)`` and the payload of its lexicon entry (a
        tuple: documents make tens of thousands of them)."""

        start: int
        end: int
        payload: P

else:  # Python 3.10 has no generic named tuples

    class Match(NamedTuple):
        start: int
        end: int
        payload: Any

        @classmethod
        def __class_getitem__(cls, item: Any) -> Any:  # Match[P] in annotations
            return cls


@dataclass(frozen=True)
class _Entry(Generic[P]):
    rest: tuple[str, ...]
    wildcard: bool
    payload: P
    capital: bool


class _Group(Generic[P]):
    """The entries that share a first token, indexed by their second token.

    ``always`` lists the entries that must be tried wherever the first token matches: single
    tokens, a quotation mark second (no quote skipping then) and a prefix second ("x y*").
    The others are tried only where their second token is among the candidates of the next
    token; since every way a token matches is one of its ``full`` candidates, this never
    loses a match. Entry order is kept (positions in ``entries``).
    """

    __slots__ = ("entries", "always", "by_next")

    def __init__(self) -> None:
        self.entries: list[_Entry[P]] = []
        self.always: list[int] = []
        self.by_next: dict[str, list[int]] = {}

    def add(self, entry: _Entry[P]) -> None:
        k = len(self.entries)
        self.entries.append(entry)
        rest = entry.rest
        if not rest or rest[0] in QUOTE_MARKS or (entry.wildcard and len(rest) == 1):
            self.always.append(k)
        else:
            self.by_next.setdefault(rest[0], []).append(k)

    def candidates(self, toks: Sequence[TokenKeys], i: int) -> list[_Entry[P]]:
        """The entries that may match at ``i`` (in their order of addition)."""
        idx = self.always
        by_next = self.by_next
        if by_next:
            j = i + 1
            n = len(toks)
            while j < n and toks[j].text in QUOTE_MARKS:
                j += 1
            if j < n:
                hits = [by_next[c] for c in toks[j].full if c in by_next]
                if hits:
                    idx = sorted(set(idx).union(*hits))
        entries = self.entries
        return [entries[k] for k in idx]


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
        self._exact: dict[str, _Group[P]] = {}
        self._prefix: dict[str, list[_Entry[P]]] = {}
        self._prefix_lengths: tuple[int, ...] = ()
        self._prefix_heads: frozenset[str] = frozenset()
        self._size = 0
        self._cache: dict[tuple[int, bool], tuple[Sequence[TokenKeys], list[Match[P]]]] = {}
        # token texts known to start some entry, and all token texts asked about
        self._start_marks: set[str] = set()
        self._start_seen: set[str] = set()
        # texts where only longer phrases start: the second tokens those need
        self._start_need: dict[str, frozenset[str]] = {}
        # this index's bit in the start table of its language (see _start_table)
        self._bit = numpy.uint64(0)
        # the TokenKeys field where its first tokens are looked up (see _first)
        self._first_field = _CONJ if function_words else _HEAD if names else _FULL

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
            self._prefix_lengths = tuple(sorted({len(k) for k in self._prefix}))
            self._prefix_heads = frozenset(k[: self._prefix_lengths[0]] for k in self._prefix)
        else:
            self._exact.setdefault(keys[0], _Group()).add(entry)
        self._size += 1
        self._start_marks.clear()
        self._start_seen.clear()
        self._start_need.clear()
        table = _TABLES_BY_LANG.get(self.lang)
        if table is not None and self._bit:
            table.reset()
        self._cache.clear()

    def add_all(self, forms: Iterable[str], payload: P) -> None:
        for form in forms:
            self.add(form, payload)

    def _first(self, tok: TokenKeys) -> tuple[str, ...]:
        """The forms its first tokens are looked up under (see ``_first_field``)."""
        return cast("tuple[str, ...]", tok[self._first_field])

    def _inner_ok(self, key: str, tok: TokenKeys, last: bool, wildcard: bool) -> bool:
        cands: tuple[str, ...]
        if self.function_words:
            cands = (tok.folded,)
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
        exact = self._exact
        for cand in self._first(tok):
            group = exact.get(cand)
            if group is None:
                entries: list[_Entry[P]] = []
            elif group.by_next:
                entries = group.candidates(toks, i)
            else:
                entries = group.entries  # all of them are tried wherever the first token is
            for entry in entries:
                if entry.capital and not _capitalized(tok.text):
                    continue
                if entry.wildcard and not entry.rest:
                    continue
                end = self._continue(toks, i, entry)
                if end > 0:
                    found.append(Match(i, end, entry.payload))
            for n in self._prefix_lengths:
                if n > len(cand):
                    break
                for entry in self._prefix.get(cand[:n], ()):
                    if entry.capital and not _capitalized(tok.text):
                        continue
                    found.append(Match(i, i + 1, entry.payload))
        if len(found) > 1:
            found.sort(key=lambda m: (m.start - m.end, repr(m.payload)))
        return found

    def _prefix_hit(self, cands: Iterable[str]) -> bool:
        prefix = self._prefix
        if not prefix:
            return False
        shortest = self._prefix_lengths[0]
        heads = self._prefix_heads  # quick test: the shortest prefix length of some entry
        return any(
            cand[:n] in prefix
            for cand in cands
            if cand[:shortest] in heads
            for n in self._prefix_lengths
            if n <= len(cand)
        )

    def _next_keys(self, tok: TokenKeys) -> frozenset[str] | None:
        """For a token where only phrases of two or more tokens start, the second tokens they
        need (see :meth:`_Group.candidates`); None when some entry may match on it alone."""
        cands = self._first(tok)
        if self._prefix_hit(cands):
            return None
        groups = [self._exact[c] for c in cands if c in self._exact]
        if any(g.always for g in groups):
            return None
        return frozenset().union(*(g.by_next.keys() for g in groups))

    def _classify(self, texts: Iterable[str], by_text: dict[str, TokenKeys]) -> set[str]:
        """Of ``texts``, those where some entry may start; records what longer phrases need
        next (:meth:`_next_keys`)."""
        firsts = self._exact.keys()
        mode = "conj" if self.function_words else "head" if self.names else "full"
        hit = {t for t in texts if not firsts.isdisjoint(getattr(by_text[t], mode))}
        if self._prefix:
            first, prefix_hit = operator.attrgetter(mode), self._prefix_hit
            hit.update([t for t in texts if t not in hit and prefix_hit(first(by_text[t]))])
        need = self._start_need
        for t in hit:
            second = self._next_keys(by_text[t])
            if second is not None:
                need[t] = second
        return hit

    def _starts(self, toks: Sequence[TokenKeys]) -> list[int]:
        """Token positions where some entry may start (each distinct token text asked once,
        and remembered across documents).

        Where only longer phrases start, the next token (after quotation marks) must also be
        one of their second tokens: :meth:`find_at` would find nothing there.
        """
        texts, by_text, distinct = token_table(toks)
        table = _start_table(self)
        if table is not None:
            starts = table.starts(toks, self._bit)
        else:
            marks, seen = self._start_marks, self._start_seen
            new = distinct - seen
            if new:
                if len(seen) + len(new) > _STARTS_MAX:
                    marks.clear()
                    seen.clear()
                    self._start_need.clear()
                marks |= self._classify(new, by_text)
                seen |= new
            starts = list(compress(range(len(texts)), map(marks.__contains__, texts)))
        need = self._start_need
        if not need:
            return starts
        n = len(texts)
        out = []
        for i in starts:
            second = need.get(texts[i])
            if second is not None:
                j = i + 1
                while j < n and texts[j] in QUOTE_MARKS:
                    j += 1
                if j >= n or second.isdisjoint(toks[j].full):
                    continue
            out.append(i)
        return out

    def find(self, toks: Sequence[TokenKeys], *, overlapping: bool = False) -> list[Match[P]]:
        """Matches over the whole token list; by default the longest non-overlapping ones.

        The result for the last few token lists is cached (components and extractors ask
        the same index about the same Doc).
        """
        key = (id(toks), overlapping)
        hit = self._cache.get(key)
        if hit is not None and hit[0] is toks:
            return list(hit[1])
        out = self._find(toks, overlapping)
        if len(self._cache) > 8:
            self._cache.clear()
        self._cache[key] = (toks, out)
        return list(out)

    def _find(self, toks: Sequence[TokenKeys], overlapping: bool) -> list[Match[P]]:
        out: list[Match[P]] = []
        covered = 0
        for i in self._starts(toks):
            if i < covered and not overlapping:
                continue
            here = self.find_at(toks, i)
            if not here:
                continue
            if overlapping:
                out.extend(here)
                continue
            best = here[0]
            seen: set[object] = set()
            for m in here:
                if m.end == best.end and m.payload not in seen:
                    seen.add(m.payload)
                    out.append(m)
            covered = best.end
        return out


_STARTS_MAX = 500_000  # distinct token texts remembered per index or per start table


class _StartTable:
    """Which indexes of one language may start at each token text, one bit per index.

    A Doc is asked about by a dozen indexes: each distinct text is classified once for all of
    them (a lookup of its forms in one table that merges the first tokens of every member),
    and each index then finds its start positions with one vectorized test instead of a pass
    over the tokens of its own.
    """

    SLOTS = 63

    def __init__(self) -> None:
        self.members: list[weakref.ref[PhraseIndex[Any]]] = []
        self.bits: dict[str, int] = {}
        self._arrays: dict[int, tuple[Sequence[TokenKeys], numpy.ndarray]] = {}
        self._compiled: _Compiled | None = None

    def join(self, index: PhraseIndex[Any]) -> numpy.uint64 | None:
        if len(self.members) >= self.SLOTS:
            return None
        self.members.append(weakref.ref(index))
        self.reset()
        return numpy.uint64(1 << (len(self.members) - 1))

    def reset(self) -> None:
        self.bits.clear()
        self._arrays.clear()
        self._compiled = None

    def _compile(self) -> _Compiled:
        """The first tokens and one-token prefixes of all members, merged into bit tables
        (by the TokenKeys field each member looks its first token up in)."""
        firsts: dict[int, dict[str, int]] = {}
        prefixes: dict[int, dict[str, int]] = {}
        latin = True
        for k, ref in enumerate(self.members):
            index = ref()
            if index is None:
                continue
            bit = 1 << k
            latin = latin and index.lang != "ar"
            at = index._first_field
            table = firsts.setdefault(at, {})
            for key in index._exact:
                table[key] = table.get(key, 0) | bit
            table = prefixes.setdefault(at, {})
            for key in index._prefix:
                table[key] = table.get(key, 0) | bit
        if latin:
            # outside Arabic a token has one form: its full, head and conj fields are the same
            firsts = {_FULL: _merge(firsts.values())}
            prefixes = {_FULL: _merge(prefixes.values())}
        prefixed = []
        for at, table in prefixes.items():
            if table:
                lengths = sorted({len(key) for key in table})
                heads = frozenset(key[: lengths[0]] for key in table)
                prefixed.append((at, lengths, heads, table))
        return _Compiled(list(firsts.items()), prefixed)

    def _classify(self, new: Iterable[str], by_text: dict[str, TokenKeys]) -> None:
        """Sets the bits of new texts (and what members need after them: _next_keys)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._compile()
        firsts, prefixed = compiled
        members, bits = self.members, self.bits
        for t in new:
            tok = by_text[t]
            b = 0
            for at, table in firsts:
                for c in cast("tuple[str, ...]", tok[at]):
                    v = table.get(c)
                    if v:
                        b |= v
            for at, lengths, heads, table in prefixed:
                shortest = lengths[0]
                for c in cast("tuple[str, ...]", tok[at]):
                    if c[:shortest] in heads:  # quick test: a prefix of the shortest length
                        for n in lengths:
                            if n > len(c):
                                break
                            v = table.get(c[:n])
                            if v:
                                b |= v
            bits[t] = b
            while b:
                low = b & -b
                b ^= low
                index = members[low.bit_length() - 1]()
                if index is not None:
                    second = index._next_keys(tok)
                    if second is not None:
                        index._start_need[t] = second

    def starts(self, toks: Sequence[TokenKeys], bit: numpy.uint64) -> list[int]:
        """The positions of a key list where the member with ``bit`` may start (the bits of
        the tokens are found once for all members, and cached for the last lists)."""
        hit = self._arrays.get(id(toks))
        if hit is None or hit[0] is not toks:
            hit = (toks, self.masks(toks))
            if len(self._arrays) > 8:
                self._arrays.clear()
            self._arrays[id(toks)] = hit
        found: list[int] = (hit[1] & bit).nonzero()[0].tolist()
        return found

    def masks(self, toks: Sequence[TokenKeys]) -> numpy.ndarray:
        """The bits of every token of a key list."""
        texts, by_text, distinct = token_table(toks)
        bits = self.bits
        new = distinct.difference(bits)
        if new:
            if len(bits) + len(new) > _STARTS_MAX:
                bits.clear()
                new = distinct
                for ref in self.members:
                    member = ref()
                    if member is not None:
                        member._start_need.clear()
            self._classify(new, by_text)
        return numpy.fromiter(map(bits.__getitem__, texts), dtype=numpy.uint64, count=len(texts))


class _Compiled(NamedTuple):
    #: per TokenKeys field: first token -> members (bits)
    firsts: list[tuple[int, dict[str, int]]]
    #: per TokenKeys field: prefix lengths (ascending), the prefixes cut to the shortest
    #: length, and prefix -> members (bits)
    prefixed: list[tuple[int, list[int], frozenset[str], dict[str, int]]]


def _merge(tables: Iterable[dict[str, int]]) -> dict[str, int]:
    """Bit tables merged: the bits a key has in any of them."""
    out: dict[str, int] = {}
    for table in tables:
        for key, bits in table.items():
            out[key] = out.get(key, 0) | bits
    return out


_TABLES_BY_LANG: dict[str, _StartTable] = {}


def _start_table(index: PhraseIndex[Any]) -> _StartTable | None:
    """The start table ``index`` belongs to (joining it on first use); None when full."""
    table = _TABLES_BY_LANG.setdefault(index.lang, _StartTable())
    bit = int(index._bit)
    if bit:
        k = bit.bit_length() - 1
        if k < len(table.members) and table.members[k]() is index:
            return table
    joined = table.join(index)
    if joined is None:
        return None
    index._bit = joined
    return table


_SHAPES: dict[int, tuple[Sequence[TokenKeys], numpy.ndarray]] = {}


def shape_array(toks: Sequence[TokenKeys]) -> numpy.ndarray:
    """The shape bits (:mod:`extractors.shapes`) of a key list, as an array (cached for the
    last lists): components find the tokens of one kind with a vectorized test."""
    hit = _SHAPES.get(id(toks))
    if hit is not None and hit[0] is toks:
        return hit[1]
    array = numpy.fromiter(map(SHAPE, toks), dtype=numpy.int64, count=len(toks))
    if len(_SHAPES) > 16:
        _SHAPES.clear()
    _SHAPES[id(toks)] = (toks, array)
    return array


_TABLES: dict[int, tuple[Sequence[TokenKeys], list[str], dict[str, TokenKeys], set[str]]] = {}


def token_table(toks: Sequence[TokenKeys]) -> tuple[list[str], dict[str, TokenKeys], set[str]]:
    """The texts of a key list, its distinct texts with their keys, and the set of those
    texts (cached for the last lists)."""
    hit = _TABLES.get(id(toks))
    if hit is not None and hit[0] is toks:
        return hit[1], hit[2], hit[3]
    texts = list(map(_TEXT, toks))
    by_text = dict(zip(texts, toks, strict=True))
    distinct = set(by_text)
    if len(_TABLES) > 16:
        _TABLES.clear()
    _TABLES[id(toks)] = (toks, texts, by_text, distinct)
    return texts, by_text, distinct


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
