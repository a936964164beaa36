"""spaCy components of stancegraph and the blank-pipeline factory :func:`make_nlp`.

Components write only their own prefixed names and declare them with ``assigns=``:

- ``stancegraph_normalizer``: ``token.norm_`` = folded form (see :mod:`extractors.normalize`);
- ``stancegraph_sentences``: sentence starts (punctuation, Arabic ؟, line breaks);
- ``stancegraph_actors``: ``doc.spans["stancegraph_actors"]`` (label: actor id, kb_id: how
  it was found: name, metonym, title, unknown);
- ``stancegraph_speech``: ``doc.spans["stancegraph_reporting"]`` and ``["stancegraph_quotes"]``;
- ``stancegraph_cues``: ``doc.spans["stancegraph_cues"]`` (label: stance, kb_id: "topic-side:speech"),
  ``["stancegraph_negation"]``, ``["stancegraph_conditions"]``, ``["stancegraph_boundaries"]``,
  ``["stancegraph_topics"]``.

>>> nlp = make_nlp("en")
>>> doc = nlp("Russia rejected the plan.")
>>> [(s.text, s.label_) for s in doc.spans["stancegraph_actors"]]
[('Russia', 'RUS')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import Any, TypeVar, cast

import numpy
import spacy
from spacy.attrs import NORM, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import LANGUAGES, LexiconError
from .matcher import Match, TokenKeys, doc_keys, token_table
from .normalize import fold
from .resources import LATIN, CueInfo, resources

if not Doc.has_extension("stancegraph_date"):
    Doc.set_extension("stancegraph_date", default=None)
if not Doc.has_extension("stancegraph_id"):
    Doc.set_extension("stancegraph_id", default=None)

_CLOSERS = frozenset(['"', "'", "»", "”", "’", ")", "›"])
SENT_END = {".", "!", "?", "؟", "…", "...", "!!", "?!"}
OPEN_QUOTES = {"«": "»", "“": "”", "„": "“", "‹": "›", "‘": "’"}
HONORIFIC_ROLE = "honorific"
SPEAKER_ROLE = "speaker"
GOVERNMENT_ROLE = "government"
ANONYMOUS_ROLE = "anonymous"


def keys(doc: Doc) -> list[TokenKeys]:
    """The matching keys of a Doc (computed once, cached in ``doc.user_data``)."""
    cached = doc.user_data.get("stancegraph_keys")
    if cached is None or len(cached) != len(doc):
        cached = doc_keys(doc, doc.lang_)
        doc.user_data["stancegraph_keys"] = cached
    return cached  # type: ignore[no-any-return,unused-ignore]


_T = TypeVar("_T")
_FOLDED = itemgetter(1)  # TokenKeys.folded
_CACHE_MAX = 200_000


def _text_values(cache: dict[str, _T], fn: Callable[[str], _T], toks: list[TokenKeys]) -> list[_T]:
    """``fn`` of every token text, computed once per distinct text and kept in ``cache``."""
    texts, _, distinct = token_table(toks)
    new = distinct.difference(cache)
    if new:
        if len(cache) + len(new) > _CACHE_MAX:
            cache.clear()
            new = distinct
        for text in new:
            cache[text] = fn(text)
    return list(map(cache.__getitem__, texts))


def doc_date(doc: Doc) -> dt.date | None:
    value = doc._.stancegraph_date
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@Language.factory("stancegraph_normalizer", assigns=["token.norm"])
def make_normalizer(nlp: Language, name: str) -> Normalizer:
    return Normalizer()


class Normalizer:
    """Sets ``token.norm_`` to the folded form used for matching."""

    def __init__(self) -> None:
        # folded form -> its hash, for forms already added to the string store of a vocab
        self._ids: dict[str, int] = {}
        self._strings: object = None

    def __call__(self, doc: Doc) -> Doc:
        toks = keys(doc)
        if toks:
            strings = doc.vocab.strings
            if strings is not self._strings or len(self._ids) > 500_000:
                self._ids, self._strings = {}, strings
            ids = self._ids
            norms = list(map(ids.get, map(_FOLDED, toks)))
            for i in compress(range(len(norms)), map(is_, norms, repeat(None))):
                folded = toks[i].folded
                h = ids.get(folded)
                norms[i] = ids[folded] = strings.add(folded) if h is None else h
            array = numpy.array(norms, dtype="uint64")
            doc.from_array([NORM], cast(Any, array.reshape(-1, 1)))
        return doc


@Language.factory("stancegraph_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


_LINE_BREAK, _STOP, _CLOSER = 1, 2, 3
_SENTENCE_KINDS: dict[str, int] = {}


def _sentence_kind(text: str) -> int:
    """What a token is to the sentence splitter: a line break, a full stop, a closer or 0."""
    if "\n" in text and text.isspace():
        return _LINE_BREAK
    if text in SENT_END or (text.endswith(".") and len(text) > 1 and text[:-1].isdigit()):
        return _STOP
    return _CLOSER if text in _CLOSERS else 0


class SentenceSplitter:
    """Sentences end at . ! ? ؟ … (and closing quotes after them) and at line breaks."""

    def __call__(self, doc: Doc) -> Doc:
        toks = keys(doc)
        n = len(toks)
        if not n:
            return doc
        texts = token_table(toks)[0]
        kinds = _text_values(_SENTENCE_KINDS, _sentence_kind, toks)
        starts = numpy.full(n, -1, dtype="int64")
        starts[0] = 1
        # a token starts a sentence when the one before it ends one
        for i in compress(range(n - 1), kinds):
            kind = kinds[i]
            if kind == _LINE_BREAK:
                starts[i + 1] = 1
            elif kind == _STOP:
                if texts[i + 1] not in _CLOSERS:
                    starts[i + 1] = 1
            elif i > 0 and texts[i - 1] in SENT_END:
                starts[i + 1] = 1
        doc.from_array([SENT_START], cast(Any, starts.view("uint64").reshape(-1, 1)))
        return doc


def _span(doc: Doc, m: Match, label: str, kb: str = "") -> Span:
    return Span(doc, m.start, m.end, label=label, kb_id=kb)


@Language.factory("stancegraph_actors", assigns=["doc.spans"])
def make_actors(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(str(nlp.lang))


class ActorFinder:
    """Finds actor mentions: gazetteer names and metonyms, titles resolved by date, and
    unknown named speakers next to a speaker title or a reporting verb (Latin scripts)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.res = resources(lang)
        self._people_of: dict[str, str | None] = {}  # token text -> country (see _peoples)

    def __call__(self, doc: Doc) -> Doc:
        res = self.res
        toks = keys(doc)
        day = doc_date(doc)
        names = res.names.find(toks)
        taken = [False] * len(doc)
        spans: list[Span] = []
        for m in names:
            actor_id, kind = m.payload
            spans.append(_span(doc, m, actor_id, kind))
            for i in range(m.start, m.end):
                taken[i] = True
        # A name that is also a common word («روحاني», "Straw") counts once the actor has
        # been named unambiguously in the same document ("Hassan Rouhani ... Rouhani").
        named = {m.payload[0] for m in names}
        for amb in res.ambiguous.find(toks):
            if amb.payload in named and not any(taken[i] for i in range(amb.start, amb.end)):
                spans.append(_span(doc, amb, amb.payload, "name"))
                for i in range(amb.start, amb.end):
                    taken[i] = True
        demonyms = {m.start: m for m in res.demonyms.find(toks)}
        # Titles are matched with demonym tokens left out ("ministre russe des Affaires étrangères").
        in_demonym = {i for d in demonyms.values() for i in range(d.start, d.end)}
        kept = [i for i in range(len(doc)) if i not in in_demonym]
        # without demonyms the list is the Doc's own (whose matches are cached for later)
        titles = res.titles.find([toks[i] for i in kept] if in_demonym else toks)
        honorific_at = {kept[i] for t in titles if t.payload == HONORIFIC_ROLE
                        for i in range(t.start, t.end)}  # fmt: skip
        by_start = {s.start: s for s in spans}
        by_end = {s.end: s for s in spans}
        for t in titles:
            start, end = kept[t.start], kept[t.end - 1] + 1
            role = t.payload
            if role == HONORIFIC_ROLE or any(taken[i] for i in range(start, end)):
                continue
            country = self._country(doc, start, end, demonyms, by_start, by_end)
            if country is None:
                country = res.title_of.get(" ".join(toks[i].folded for i in range(start, end)))
            # A name right after the title ("President Putin", «الرئيس الروسي بوتين»).
            # "Le guide suprême iranien, l'ayatollah Ali Khamenei": commas, articles and
            # honorifics may stand between the title and the name.
            after = end
            steps = 0
            while (
                after < len(doc)
                and steps < 4
                and (
                    after in demonyms
                    or toks[after].text in (",", "،")
                    or toks[after].folded in _ARTICLES
                    or after in honorific_at
                    or (toks[after].folded in res.stopwords and after == end)
                )
            ):
                after = demonyms[after].end if after in demonyms else after + 1
                steps += 1
            name = by_start.get(after)
            if role == ANONYMOUS_ROLE:
                continue  # "a Hamas official said": an unnamed source, not Hamas
            if name is not None:
                # the title joins the name: «وزير الخارجية الروسي سيرجي لافروف» is one mention
                if name.start == after and role != HONORIFIC_ROLE:
                    merged = Span(doc, start, name.end, label=name.label_, kb_id=name.kb_id_)
                    spans[spans.index(name)] = merged
                    by_start[start] = merged
                    by_end[name.end] = merged
                    for i in range(start, name.end):
                        taken[i] = True
                continue
            if country is None:
                continue
            if role in (SPEAKER_ROLE, GOVERNMENT_ROLE):
                # "the Chinese ambassador", "the Israeli government": credited to the state
                actor = res.actors.get(res.states_by_country.get(country, country))
            else:
                actor = res.holder(role, country, day)
            if actor is None:
                continue
            span_end = max(end, max((d.end for d in demonyms.values() if end <= d.start <= end + 1),
                                    default=end))  # fmt: skip
            span = Span(doc, start, span_end, label=actor.id, kb_id="title")
            spans.append(span)
            for i in range(start, span_end):
                taken[i] = True
        spans.extend(self._peoples(doc, toks, taken))
        if self.lang in LATIN:
            spans.extend(self._unknown_speakers(doc, toks, taken))
        else:
            spans.extend(self._unknown_arabic_names(doc, toks, taken))
        doc.spans["stancegraph_actors"] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    def _country(self, doc: Doc, start: int, end: int, demonyms: dict[int, Match],
                 by_start: dict[int, Span], by_end: dict[int, Span]) -> str | None:  # fmt: skip
        """The country a title refers to: a demonym inside or next to it, or a state name."""
        for d in demonyms.values():
            # "the French president", «الرئيس الفرنسي», « le ministre russe des Affaires étrangères »
            if start - 2 <= d.start <= end + (1 if self.lang in LATIN else 0):
                return str(d.payload)
        res = self.res
        j = end
        if j < len(doc) and doc[j].norm_ in {"of", "de", "d'", "du"}:
            j += 1
        if j < len(doc) and doc[j].norm_ in {"l'", "la", "the"}:
            j += 1
        nxt = by_start.get(j)
        if nxt is not None and (j > end or self.lang == "ar"):
            actor = res.actors.get(nxt.label_)
            if actor and actor.type == "state":
                return actor.country
            if actor and actor.type == "organization":
                return actor.id  # "the secretary-general of the UN", «الأمين العام للأمم المتحدة»
        prev = by_end.get(start) or (
            by_end.get(start - 1) if doc[start - 1].norm_ == "'s" else None
        )
        if prev is not None and self.lang == "en":
            actor = res.actors.get(prev.label_)
            if actor and actor.type == "state":
                return actor.country
        return None

    def _people_country(self, text: str) -> str | None:
        """The country of a people's name ("Americans", «الأمريكيون»); see :meth:`_peoples`."""
        res = self.res
        f = fold(text)
        if self.lang == "ar":
            if f.startswith(("ال", "وال")) and f.endswith(("ون", "ين")) and len(f) > 6:
                return res.demonym_keys.get(f[:-2].removeprefix("و"))
        elif text[:1].isupper() and f.endswith(("s", "x")):
            return res.demonym_keys.get(f) or res.demonym_keys.get(f[:-1])
        return None

    def _peoples(self, doc: Doc, toks: list[TokenKeys], taken: list[bool]) -> list[Span]:
        """A people for its state: "the Americans", « les Européens », «الأمريكيون»."""
        res = self.res
        out = []
        countries = _text_values(self._people_of, self._people_country, toks)
        for i, country in enumerate(countries):
            if (
                country is None
                or taken[i]
                or (self.lang != "ar" and not (i > 0 and toks[i - 1].folded in ("the", "les")))
            ):
                continue
            actor = res.actors.get(res.states_by_country.get(country, country))
            if actor is not None:
                out.append(Span(doc, i, i + 1, label=actor.id, kb_id="people"))
                taken[i] = True
        return out

    def _unknown_arabic_names(
        self, doc: Doc, toks: list[TokenKeys], taken: list[bool]
    ) -> list[Span]:
        """Arabic has no capitals: a name not in the gazetteer is recognized only in apposition
        to a title, between commas («عضو اللجنة التنفيذية لمنظمة التحرير، أحمد مجدلاني، ...»)."""
        from .claims import unknown_actor_id

        res = self.res
        titles = {i for m in res.titles.find(toks) if m.payload != ANONYMOUS_ROLE
                  for i in range(m.start, m.end)}  # fmt: skip
        labels: dict[str, str] = doc.user_data.setdefault("stancegraph_unknown", {})
        out = []
        commas = [i for i, t in enumerate(toks) if t.text in ("،", ",")]
        for a, b in zip(commas, commas[1:], strict=False):
            if not 2 <= b - a - 1 <= 3 or any(taken[i] for i in range(a + 1, b)):
                continue
            words = toks[a + 1 : b]
            if any(not w.text.isalpha() or w.folded in res.stopwords or w.folded.startswith("ال")
                   or w.folded in res.prepositions for w in words):  # fmt: skip
                continue
            if not any(i in titles for i in range(max(0, a - 8), a)):
                continue
            label = doc[a + 1 : b].text
            aid = unknown_actor_id(label)
            labels[aid] = label
            out.append(Span(doc, a + 1, b, label=aid, kb_id="unknown"))
            for i in range(a + 1, b):
                taken[i] = True
        return out

    def _unknown_speakers(self, doc: Doc, toks: list[TokenKeys], taken: list[bool]) -> list[Span]:
        """Names not in the gazetteer: two or more capitalized words next to a speaker title
        or a reporting verb ("said Lance Friedmann"). "Mr Clarke" after "Charles Clarke" is the
        same actor. Labels are kept in ``doc.user_data["stancegraph_unknown"]``."""
        from .claims import unknown_actor_id

        res = self.res
        anchors: set[int] = set()
        honorifics: set[int] = set()  # titles and honorifics leading a name
        for m in res.titles.find(toks):
            anchors.update((m.start - 1, m.end))
            honorifics.update(range(m.start, m.end))  # "Mr", "Home Secretary": not the name
        verbs = [(m.start, m.end) for m in res.reporting.find(toks)]
        verbs += [(m.start, m.end) for m in res.cues.find(toks)]
        for start, end in verbs:
            # "X said", "said X", "X a réclamé", "X appelant à"
            anchors.update((start - 1, end))
            j = start - 1
            while j >= 0 and toks[j].folded in _AUXILIARIES:
                j -= 1
                anchors.add(j)
            # "X, réfugiée en Lituanie, avait appelé": the name before an apposition
            if j >= 0 and doc[j].text == ",":
                k = j - 1
                while k > j - 12 and k >= 0 and doc[k].text not in ",.;:!?":
                    k -= 1
                if k >= 0 and doc[k].text == ",":
                    anchors.add(k)
        labels: dict[str, str] = doc.user_data.setdefault("stancegraph_unknown", {})
        by_surname: dict[str, tuple[str, str]] = {}
        out = []
        n = len(doc)
        is_name = _text_values(_NAME_TOKENS, _is_name_text, toks)
        # only where a name or title may begin (the other tokens are stepped over)
        begins = sorted(honorifics.union(compress(range(n), is_name)))
        sent_start = (doc.to_array(SENT_START).view("int64") > 0).tolist() if n else []
        b = 0
        i = 0
        while True:
            while b < len(begins) and begins[b] < i:
                b += 1
            if b == len(begins):
                break
            i = begins[b]
            if taken[i]:
                i += 1
                continue
            k = i
            while k < n and not taken[k] and (k in honorifics or toks[k].folded in _ARTICLES):
                k += 1  # leading titles and honorifics: "Mr", "Home Secretary"
            j = k
            while j < n and not taken[j] and j not in honorifics and (is_name[j] or (
                    toks[j].folded in _PARTICLES and j + 1 < n and is_name[j + 1])):  # fmt: skip
                j += 1
            length = j - k  # the name: doc[k:j]
            anchored = (i - 1) in anchors or j in anchors or (i - 2) in anchors
            if sent_start[i] and (i - 1) not in anchors and j not in anchors:
                anchored = False
            surname = toks[j - 1].folded if j > k else ""
            if length >= 2 and anchored:
                label = doc[k:j].text
                aid = unknown_actor_id(label)
                by_surname.setdefault(surname, (aid, label))
            elif length == 1 and k > i and (surname in by_surname or anchored):
                text = doc[k:j].text
                aid, label = by_surname.get(surname) or (unknown_actor_id(text), text)
            else:
                i = max(j, i + 1)
                continue
            labels[aid] = label
            out.append(Span(doc, i, j, label=aid, kb_id="unknown"))
            i = max(j, i + 1)
        return out


_ARTICLES = {"the", "le", "la", "les", "l'", "a", "an", "un", "une"}
_AUXILIARIES = {
    "a",
    "ont",
    "avait",
    "avaient",
    "has",
    "have",
    "had",
    "will",
    "would",
    "also",
    "aussi",
    "egalement",
    "deja",
    "already",
}
_PARTICLES = {"al", "al-", "el", "bin", "ben", "ibn", "de", "du", "van", "von", "da", "abu", "abou"}


def _is_name_text(text: str) -> bool:
    return (len(text) > 1 and text[0].isupper() and text.replace("-", "").replace("'", "").isalpha()
            and not text.isupper())  # fmt: skip


_NAME_TOKENS: dict[str, bool] = {}


@Language.factory("stancegraph_speech", assigns=["doc.spans"])
def make_speech(nlp: Language, name: str) -> SpeechFinder:
    return SpeechFinder(str(nlp.lang))


class SpeechFinder:
    """Reporting verbs and quotations (« », “ ”, „ “ and straight quotes, across sentences)."""

    def __init__(self, lang: str) -> None:
        self.res = resources(lang)

    def __call__(self, doc: Doc) -> Doc:
        toks = keys(doc)
        doc.spans["stancegraph_reporting"] = [
            _span(doc, m, m.payload) for m in self.res.reporting.find(toks)
        ]
        doc.spans["stancegraph_quotes"] = find_quotes(doc)
        return doc


_QUOTE_MARKS = {*OPEN_QUOTES, *OPEN_QUOTES.values(), '"', "”", '"”'}
_QUOTE_TOKENS: dict[str, bool] = {}


def _quote_token(text: str) -> bool:
    return text in _QUOTE_MARKS or ("\n" in text and text.isspace())


def find_quotes(doc: Doc) -> list[Span]:
    """Quoted passages (the tokens between the marks); an unclosed quote ends at the paragraph."""
    out: list[Span] = []
    open_at: int | None = None
    closer = ""
    toks = keys(doc)
    texts = token_table(toks)[0]
    # only quotation marks and line breaks open or close a quotation
    for i in compress(range(len(texts)), _text_values(_QUOTE_TOKENS, _quote_token, toks)):
        text = texts[i]
        if open_at is None:
            if text in OPEN_QUOTES:
                open_at, closer = i, OPEN_QUOTES[text]
            elif text == '"':
                open_at, closer = i, '"'
            continue
        if (
            text == closer
            or (closer == '"' and text in '"”')
            or (closer == "”" and text == '"')
            or "\n" in text
            and text.isspace()
        ):
            if i > open_at + 1:
                out.append(Span(doc, open_at + 1, i, label="quote"))
            open_at = None
    if open_at is not None and len(texts) > open_at + 1:
        out.append(Span(doc, open_at + 1, len(texts), label="quote"))
    return out


@Language.factory("stancegraph_cues", assigns=["doc.spans"])
def make_cues(nlp: Language, name: str) -> CueFinder:
    return CueFinder(str(nlp.lang))


class CueFinder:
    """Stance cues, negators, condition markers, topic boundaries and canonical topics."""

    def __init__(self, lang: str) -> None:
        self.res = resources(lang)
        # token text -> the first cue pattern it matches (None: none), see _pattern
        self._patterns: dict[str, CueInfo | None] = {}

    def _pattern(self, tok: TokenKeys) -> CueInfo | None:
        """The cue pattern a token matches (the first one), cached per token text."""
        cache = self._patterns
        if tok.text in cache:
            return cache[tok.text]
        found = None
        for rx, exclude, info in self.res.cue_patterns:
            if not exclude.isdisjoint(tok.conj):
                continue
            if any(rx.fullmatch(form) for form in tok.conj):
                found = info
                break
        if len(cache) > 200_000:
            cache.clear()
        cache[tok.text] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        res = self.res
        toks = keys(doc)
        cues = [
            _span(doc, m, m.payload.stance, f"{m.payload.topic}:{int(m.payload.speech)}")
            for m in res.cues.find(toks)
            if not (m.end < len(toks) and toks[m.end].folded in m.payload.unless_next)
        ]
        if res.cue_patterns:
            taken = {i for c in cues for i in range(c.start, c.end)}
            pattern = self._pattern
            for i, tok in enumerate(toks):
                if i in taken:
                    continue
                info = pattern(tok)
                if info is not None:
                    cues.append(Span(doc, i, i + 1, label=info.stance,
                                     kb_id=f"{info.topic}:{int(info.speech)}:pattern"))  # fmt: skip
            cues.sort(key=lambda s: (s.start, s.end))
        doc.spans["stancegraph_cues"] = cues
        doc.spans["stancegraph_negation"] = [
            _span(doc, m, m.payload.position, str(m.payload.window))
            for m in res.negation.find(toks)
        ]
        doc.spans["stancegraph_conditions"] = [
            _span(doc, m, "condition") for m in res.conditions.find(toks)
        ]
        doc.spans["stancegraph_boundaries"] = [
            _span(doc, m, "boundary") for m in res.boundaries.find(toks)
        ]
        doc.spans["stancegraph_topics"] = [_span(doc, m, m.payload) for m in res.topics.find(toks)]
        return doc


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_EXTRA_PREFIXES = [r"«", r"“", r"„", r"‹", r"\"", r"\(", r"\["]
_EXTRA_SUFFIXES = [r"»", r"”", r"›", r"\""]
_ARABIC_SUFFIXES = [r"\.", r"،", r"؛", r"؟", r":", r"\)", r"\]", r"!", r"\?", r","]


def _split_punctuation(nlp: Language) -> None:
    """Split quotation marks and Arabic punctuation off words («لمواجهته». → لمواجهته » .).

    spaCy's Arabic defaults leave «» and ، glued to words, which hides quotes, sentence ends
    and the words themselves from matching.
    """
    tokenizer: Any = nlp.tokenizer
    prefixes = list(nlp.Defaults.prefixes or ()) + _EXTRA_PREFIXES
    suffixes = list(nlp.Defaults.suffixes or ()) + _EXTRA_SUFFIXES
    if nlp.lang == "ar":
        suffixes += _ARABIC_SUFFIXES
        # «الدولي».ولم : quotes and stops glued between words in scraped Arabic text
        infixes = list(nlp.Defaults.infixes or ()) + [r"[«»“”]", r"(?<=[^\d\s])[.،؛:](?=[^\d\s.])"]
        tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
        url_match = tokenizer.url_match
        if url_match is not None:
            # "الدولي».ولم" looks like a domain name to spaCy's URL rule: only ASCII URLs
            tokenizer.url_match = lambda text: (
                None if _ARABIC_LETTER.search(text) else url_match(text)
            )
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


COMPONENTS = (
    "stancegraph_normalizer",
    "stancegraph_sentences",
    "stancegraph_actors",
    "stancegraph_speech",
    "stancegraph_cues",
)


@cache
def make_nlp(lang: str) -> Language:
    """A blank spaCy pipeline for ``lang`` with the stancegraph components (cached)."""
    if lang not in LANGUAGES:
        raise LexiconError(f"unknown language {lang!r}; available: {', '.join(LANGUAGES)}")
    nlp = spacy.blank(lang)
    _split_punctuation(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def process(text: str, lang: str, *, date: str | None = None, doc_id: str | None = None) -> Doc:
    """Run the stancegraph pipeline on one text, with the document date set first."""
    nlp = make_nlp(lang)
    doc = nlp.make_doc(text)
    doc._.stancegraph_date = date
    doc._.stancegraph_id = doc_id
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
