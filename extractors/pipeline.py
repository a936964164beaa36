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
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import NORM, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .lexicon import LANGUAGES, LexiconError
from .matcher import NORM_ID, Match, TokenKeys, doc_keys, shape_array, token_table
from .normalize import fold, suffix_only
from .resources import LATIN, CueInfo, resources
from .shapes import (
    CLOSERS,
    FULL_STOP,
    LINE_BREAK,
    NAME_LIKE,
    OPEN_QUOTES,
    PEOPLE_LIKE,
    QUOTE_OR_BREAK,
    SENT_END,
    SENTENCE_KIND,
)

if not Doc.has_extension("stancegraph_date"):
    Doc.set_extension("stancegraph_date", default=None)
if not Doc.has_extension("stancegraph_id"):
    Doc.set_extension("stancegraph_id", default=None)

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
        # token texts whose folded form is in the string store of a vocab already
        self._known: set[str] = set()
        self._strings: object = None

    def __call__(self, doc: Doc) -> Doc:
        toks = keys(doc)
        if toks:
            strings = doc.vocab.strings
            if strings is not self._strings or len(self._known) > 500_000:
                self._known, self._strings = set(), strings
            _, by_text, distinct = token_table(toks)
            new = distinct.difference(self._known)
            if new:
                for text in new:
                    strings.add(by_text[text].folded)
                self._known |= new
            array = numpy.fromiter(map(NORM_ID, toks), dtype=numpy.uint64, count=len(toks))
            doc.from_array([NORM], cast(Any, array.reshape(-1, 1)))
        return doc


@Language.factory("stancegraph_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter:
    """Sentences end at . ! ? ؟ … (and closing quotes after them) and at line breaks."""

    def __call__(self, doc: Doc) -> Doc:
        toks = keys(doc)
        n = len(toks)
        if not n:
            return doc
        texts = token_table(toks)[0]
        # what each token is to the splitter: a line break, a full stop, a closer or nothing
        kinds = shape_array(toks)[: n - 1] & SENTENCE_KIND
        where = kinds.nonzero()[0]
        starts = numpy.full(n, -1, dtype="int64")
        starts[0] = 1
        # a token starts a sentence when the one before it ends one
        for i, kind in zip(where.tolist(), kinds[where].tolist(), strict=True):
            if kind == LINE_BREAK:
                starts[i + 1] = 1
            elif kind == FULL_STOP:
                if texts[i + 1] not in CLOSERS:
                    starts[i + 1] = 1
            elif i > 0 and texts[i - 1] in SENT_END:
                starts[i + 1] = 1
        doc.from_array([SENT_START], cast(Any, starts.view("uint64").reshape(-1, 1)))
        return doc


def _span(doc: Doc, m: Match, label: str, kb: str = "") -> Span:
    return Span(doc, m.start, m.end, label=label, kb_id=kb)


AR_STATE_FORMS = frozenset(
    fold(w) for w in ("سلطنة", "مملكة", "المملكة", "دولة", "جمهورية", "الجمهورية", "إمارة")
)


@Language.factory("stancegraph_actors", assigns=["doc.spans"])
def make_actors(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(str(nlp.lang))


class ActorFinder:
    """Finds actor mentions: gazetteer names and metonyms, titles resolved by date, and
    unknown named speakers next to a speaker title or a reporting verb (Latin scripts)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.res = resources(lang)

    def __call__(self, doc: Doc) -> Doc:
        res = self.res
        toks = keys(doc)
        day = doc_date(doc)
        names = res.names.find(toks)
        if self.lang in LATIN:
            names = [m for m in names if not self._other_first_name(doc, toks, m)]
        else:
            names = [m for m in names if not self._article_added(toks, m)]
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
        if self.lang == "ar":
            spans.extend(self._surnames(doc, toks, taken, spans))
        demonyms = {m.start: m for m in res.demonyms.find(toks)}
        # Titles are matched with demonym tokens left out ("ministre russe des Affaires étrangères").
        in_demonym = {i for d in demonyms.values() for i in range(d.start, d.end)}
        kept: Sequence[int] = (
            sorted(set(range(len(doc))).difference(in_demonym)) if in_demonym else range(len(doc))
        )
        # without demonyms the list is the Doc's own (whose matches are cached for later)
        titles = res.titles.find(list(map(toks.__getitem__, kept)) if in_demonym else toks)
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
            former = start > 0 and toks[start - 1].folded in _FORMER  # "former president"
            while (
                after < len(doc)
                and steps < 4
                and after not in by_start  # «علي خامنئي»: a name, though «علي» folds like «على»
                and (
                    after in demonyms
                    or toks[after].text in (",", "،")
                    or toks[after].folded in _ARTICLES
                    or after in honorific_at
                    or (toks[after].folded in res.stopwords and after == end)
                    or toks[after].folded in _FORMER
                )
            ):
                former = former or toks[after].folded in _FORMER
                after = demonyms[after].end if after in demonyms else after + 1
                steps += 1
            name = by_start.get(after)
            if name is not None and after > end and name.kb_id_ != "unknown":
                named_entry = res.actors.get(name.label_)
                if named_entry is not None and named_entry.type != "person":
                    # «المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ»: the state is where the
                    # envoy is sent; a person named right after it holds the title
                    person = by_start.get(name.end)
                    person_entry = res.actors.get(person.label_) if person is not None else None
                    if (
                        person is not None
                        and person_entry is not None
                        and person_entry.type == "person"
                    ):
                        spans.remove(name)
                        for i in range(name.start, name.end):
                            taken[i] = False
                        name, after = person, person.start
                    else:
                        name = None
            if start > 0 and toks[start - 1].folded in _NAME_HONORIFICS and role != SPEAKER_ROLE:
                continue  # «المهندس السلطان»: after an honorific, «السلطان» is a family name
            if (
                name is None
                and self.lang == "ar"
                and role not in (ANONYMOUS_ROLE, HONORIFIC_ROLE)  # «مصادر دبلوماسية»: no name
                and not any(toks[k].folded in res.stopwords for k in range(end, after))
            ):  # («مسؤول في إقليم كردستان»: an official in a place, no name)
                # «وزير النفط الإيراني بيجن نامدار زنكنه»: a name the gazetteer lacks
                at = after
                strict = role != SPEAKER_ROLE  # «الرئيس المصري أنور السادات» is not the holder
                name_end = self._arabic_name_at(toks, at, taken, strict)
                while (
                    name_end is None
                    and at < min(len(toks), after + 2)
                    and (toks[at].folded.startswith("ال") and not taken[at])
                ):  # «المتحدث باسم الخارجية الإيرانية مرضية أفخم»: the office, then the name
                    at += 1
                    name_end = self._arabic_name_at(toks, at, taken, strict)
                if name_end is not None:
                    after = at
                    from .claims import unknown_actor_id

                    label = doc[after:name_end].text
                    aid = unknown_actor_id(label)
                    doc.user_data.setdefault("stancegraph_unknown", {})[aid] = label
                    spans.append(Span(doc, start, name_end, label=aid, kb_id="unknown"))
                    for i in range(start, name_end):
                        taken[i] = True
                    continue
            if former and name is None:
                continue  # "the former US president", «الرئيس الأمريكي السابق»: not the holder
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
                # «وشدد وزير الخارجية»: a title alone is the holder of that office named last
                # (not after an honorific: «المهندس السلطان» is a family name)
                prior = (
                    None
                    if start > 0 and toks[start - 1].folded in _NAME_HONORIFICS
                    else self._office_named_before(doc, spans, start, role, day)
                )
                if prior is not None:
                    spans.append(Span(doc, start, end, label=prior, kb_id="title"))
                    for i in range(start, end):
                        taken[i] = True
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
        if self.lang == "ar":
            spans = self._state_forms(doc, toks, taken, spans)
        spans.extend(self._anaphors(doc, toks, taken, spans))
        spans.extend(self._peoples(doc, toks, taken))
        if self.lang in LATIN:
            spans.extend(self._unknown_speakers(doc, toks, taken))
        else:
            spans.extend(self._unknown_arabic_names(doc, toks, taken))
        set_spans(doc, "stancegraph_actors", sorted(spans, key=lambda s: (s.start, s.end)))
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

    def _article_added(self, toks: list[TokenKeys], m: Match[Any]) -> bool:
        """«المعارضة السورية» is no «سورية» (Syria): an Arabic name written without the
        article does not match a word that has it, unless a listed form has it too."""
        forms = {f.removeprefix("و").removeprefix("ف") for f in toks[m.start].conj}
        with_article = {f for f in forms if f.startswith(("ال", "بال", "لل", "كال"))}
        if not with_article or len(with_article) < len(forms):
            return False
        entry = self.res.actors.get(m.payload[0])
        if entry is None:
            return False
        listed = {
            fold(n.split()[0])
            for table in (entry.names, entry.metonyms)
            for n in table.get("ar", ())
        }
        return not any(f.startswith("ال") for f in listed & set(toks[m.start].head))

    def _other_first_name(self, doc: Doc, toks: list[TokenKeys], m: Match[Any]) -> bool:
        """ "Alan Johnson" is not Boris Johnson: a one-word surname of a known person right
        after another capitalized word that is no title, honorific or sentence opener."""
        entry = self.res.actors.get(m.payload[0])
        if entry is None or entry.type != "person" or m.end - m.start != 1 or m.start == 0:
            return False
        prev = doc[m.start - 1]
        word = prev.text
        if not (word[:1].isupper() and word.isalpha()) or prev.is_sent_start:
            return False
        # a title of one word ("Mr", "General") is no first name
        title = any(t.end == m.start for t in self.res.titles.find_at(toks, m.start - 1))
        return not (title or word.isupper())

    def _office_named_before(self, doc: Doc, spans: list[Span], start: int, role: str,
                             day: dt.date | None) -> str | None:  # fmt: skip
        """The actor named last before ``start``, in the same or the five previous sentences,
        who held ``role`` (of any state) on ``day``: "the foreign minister" after "Adel
        al-Jubeir". None for generic titles."""
        if role in (SPEAKER_ROLE, GOVERNMENT_ROLE, ANONYMOUS_ROLE, HONORIFIC_ROLE):
            return None
        starts = sentence_starts(doc)
        floor = starts[max(0, bisect_right(starts, start) - 6)]
        for s in sorted(spans, key=lambda s: s.start, reverse=True):
            if s.end > start or s.start < floor:
                continue
            entry = self.res.actors.get(s.label_)
            if entry is not None and any(r.role == role and r.holds_on(day) for r in entry.roles):
                return entry.id
        return None

    def _arabic_name_at(self, toks: list[TokenKeys], i: int, taken: list[bool],
                        strict: bool = False) -> int | None:  # fmt: skip
        """End of an unknown Arabic personal name of two to four words starting at ``i``
        (after a title), or None. Name words are Arabic letters without the article (but
        «عبد الله»), and the name ends before a function word, a time word, an article-led
        word, punctuation or a verb of speech or stance."""
        res = self.res
        j = i
        while j < len(toks) and j - i < 5:
            tok = toks[j]
            word = tok.folded
            prev = toks[j - 1].folded if j > i else ""
            if (
                taken[j]
                or not tok.text.isalpha()
                or not _ARABIC_LETTER.match(tok.text)
                or (word.startswith("ال") and prev not in _NAME_JOINERS)
                or (word in res.stopwords and tok.text != "علي")
                or word in res.prepositions
                or word in _NOT_NAMES
                or res.reporting_heads.intersection(tok.conj)
                or res.cue_words.intersection(tok.full)
                or (strict and _verb_or_pronoun_form(word))
            ):
                break
            j += 1
        if not 2 <= j - i <= 4:
            return None
        if (
            strict
            and j < len(toks)
            and not (
                not toks[j].text.isalpha()
                or toks[j].folded in _NOT_NAMES
                or (res.reporting_heads | res.cue_words | COMPLEMENTIZER_WORDS).intersection(
                    toks[j].conj
                )
            )
        ):
            return None  # the name's end must show: punctuation, «إن», a verb of speech...
        return j

    def _surnames(self, doc: Doc, toks: list[TokenKeys], taken: list[bool],
                  spans: list[Span]) -> list[Span]:  # fmt: skip
        """«سامح شكري ... وأضاف شكري»: after a person's full name, the last word of that
        name alone is the same person (Arabic has no capitals to tell a surname otherwise)."""
        surnames: dict[str, tuple[int, str]] = {}  # folded surname → (first mention end, id)
        for s in spans:
            entry = self.res.actors.get(s.label_)
            if entry is None or entry.type != "person" or len(s) < 2:
                continue
            last = toks[s.end - 1].folded
            if len(last) >= 3 and last not in self.res.stopwords:
                known = surnames.setdefault(last, (s.end, s.label_))
                if known[1] != s.label_:
                    surnames[last] = (known[0], "")  # two people share it: neither
        out: list[Span] = []
        if not surnames:
            return out
        wanted = surnames.keys()
        for i, tok in enumerate(toks):
            if wanted.isdisjoint(tok.head) or taken[i]:
                continue
            hit = next((surnames[f] for f in tok.head if f in surnames), None)
            if hit is not None and hit[1] and hit[0] <= i:
                out.append(Span(doc, i, i + 1, label=hit[1], kb_id="name"))
                taken[i] = True
        return out

    def _state_forms(self, doc: Doc, toks: list[TokenKeys], taken: list[bool],
                     spans: list[Span]) -> list[Span]:  # fmt: skip
        """«وسلطنة بروناي», «مملكة البحرين», «دولة قطر»: the form of government before a
        state's name belongs to the mention."""
        out = []
        for s in spans:
            i = s.start - 1
            entry = self.res.actors.get(s.label_)
            if (
                i >= 0
                and not taken[i]
                and entry is not None
                and entry.type == "state"
                and AR_STATE_FORMS.intersection(toks[i].conj)
            ):
                s = Span(doc, i, s.end, label=s.label_, kb_id=s.kb_id_)
                taken[i] = True
            out.append(s)
        return out

    def _anaphors(self, doc: Doc, toks: list[TokenKeys], taken: list[bool],
                  spans: list[Span]) -> list[Span]:  # fmt: skip
        """«وقبلت الحركة الدعوة», "the movement said": the latest eligible actor named in the
        same or the previous three sentences."""
        found = self.res.anaphors.find(toks)
        if not found:
            return []
        starts = sentence_starts(doc)
        mentions = sorted(spans, key=lambda s: s.start)
        out = []
        for m in found:
            if any(taken[i] for i in range(m.start, m.end)):
                continue
            here = bisect_right(starts, m.start) - 1
            floor = starts[max(0, here - 3)]
            before = [a for a in mentions if floor <= a.start and a.end <= m.start
                      and a.label_ in m.payload]  # fmt: skip
            if before:
                out.append(Span(doc, m.start, m.end, label=before[-1].label_, kb_id="anaphor"))
                for i in range(m.start, m.end):
                    taken[i] = True
        return out

    def _peoples(self, doc: Doc, toks: list[TokenKeys], taken: list[bool]) -> list[Span]:
        """A people for its state: "the Americans", « les Européens », «الأمريكيون»."""
        res = self.res
        out = []
        # words shaped like a people's name (shapes.PEOPLE_LIKE: capitalized and plural, or
        # «ال...ون/ين»), looked up by their singular
        for i in (shape_array(toks) & PEOPLE_LIKE).nonzero()[0].tolist():
            f = toks[i].folded
            if self.lang == "ar":
                country = res.demonym_keys.get(f[:-2].removeprefix("و"))
            else:
                country = res.demonym_keys.get(f) or res.demonym_keys.get(f[:-1])
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
        in_verb = {i for start, end in verbs for i in range(start, end)}
        for start, end in verbs:
            # "X said", "said X", "X a réclamé", "X appelant à", "X condamne"
            anchors.update((start - 1, start, end))
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
        name_like = (shape_array(toks) & NAME_LIKE) != 0
        is_name: list[bool] = name_like.tolist()
        # only where a name or title may begin (the other tokens are stepped over)
        begins = sorted(honorifics.union(name_like.nonzero()[0].tolist()))
        sent_start = (doc.to_array(SENT_START).view("int64") > 0).tolist() if n else []
        b = 0
        i = 0
        while True:
            while b < len(begins) and begins[b] < i:
                b += 1
            if b == len(begins):
                break
            i = begins[b]
            if taken[i] or i in in_verb:
                i += 1
                continue
            if toks[i].folded in _SENTENCE_OPENERS:
                i += 1  # "But Andrew Hogg said": the conjunction is no part of the name
                continue
            k = i
            titled = False
            while k < n and not taken[k] and (k in honorifics or toks[k].folded in _ARTICLES):
                titled = titled or k in honorifics
                k += 1  # leading titles and honorifics: "Mr", "Home Secretary"
            j = k
            while j < n and not taken[j] and j not in honorifics and (is_name[j] or (
                    toks[j].folded in _PARTICLES and j + 1 < n and is_name[j + 1])):  # fmt: skip
                j += 1
            while j > k and toks[j - 1].folded in _PARTICLES:
                j -= 1  # « la Banque de France »: the name stops before a known one
            if j > k and not is_name[k]:
                j = k  # « le député du Rassemblement national »: a party, not a name
            length = j - k  # the name: doc[k:j]
            anchored = (i - 1) in anchors or j in anchors or (i - 2) in anchors
            if sent_start[i] and (i - 1) not in anchors and j not in anchors:
                anchored = False
            surname = toks[j - 1].folded if j > k else ""
            if length >= 2 and anchored:
                label = doc[k:j].text
                aid = unknown_actor_id(label)
                by_surname.setdefault(surname, (aid, label))
            elif length == 1 and titled and (surname in by_surname or anchored):
                # "Mr Clarke", « M. Lai » (not « Le Secours populaire », « Les Républicains »)
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
_SENTENCE_OPENERS = {fold(w) for w in (
    "but", "and", "yet", "so", "meanwhile", "however", "also", "now", "then", "earlier", "later",
    "instead", "still", "mais", "et", "or", "donc", "cependant", "pourtant", "ensuite", "puis",
)}  # fmt: skip


def _verb_or_pronoun_form(word: str) -> bool:
    """An imperfect verb («يستقبل») or a noun with a pronoun («نظيره») rather than a name
    word (names with «الله» excepted)."""
    if "الله" in word:
        return False
    return word[:1] in "يتن" or (len(word) >= 4 and word.endswith(("ه", "ها", "هم")))


COMPLEMENTIZER_WORDS = frozenset(
    fold(w) for w in ("إن", "أن", "بأن", "إنه", "أنه", "إنها", "أنها", "إننا", "أننا")
)
_NAME_HONORIFICS = {fold(w) for w in ("المهندس", "الدكتور", "السيد", "الشيخ", "الأستاذ", "اللواء")}
_NAME_JOINERS = {fold(w) for w in ("عبد", "أبو", "أبي", "بن", "بنت")}  # «عبد الله», «أبو الغيط»
_NOT_NAMES = {fold(w) for w in (
    "أمس", "غدا", "يوم", "مساء", "صباح", "خلال", "عقب", "بعد", "قبل", "إن", "أن", "إنه", "أنه",
    "إنها", "أنها", "بأن", "لدى", "حول", "أثناء", "مع", "عن", "في", "من", "إلى", "على", "كما",
    "أيضا", "وأن", "وإن", "قد", "لقد", "هو", "هي", "الذي", "التي", "بعدما", "حين", "حيث",
    "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "فيه", "منه",
)}  # fmt: skip
_FORMER = {fold(w) for w in ("former", "ex", "ancien", "ancienne", "السابق", "السابقة", "الأسبق")}
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


def sentence_starts(doc: Doc) -> list[int]:
    """Token indexes where the Doc's sentences start (computed once per Doc), as
    ``[s.start for s in doc.sents]`` gives them, without making a Span per sentence."""
    cached = doc.user_data.get("stancegraph_sent_starts")
    if cached is None:
        if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            cached = [s.start for s in doc.sents]  # a hook's sentences, or spaCy's error
        else:
            flags = doc.to_array(SENT_START).view("int64")
            cached = [0, *(numpy.flatnonzero(flags[1:] == 1) + 1).tolist()] if len(doc) else []
        doc.user_data["stancegraph_sent_starts"] = cached
    return cached


#: the Span lists the components set, by Doc (see set_spans)
_SPAN_LISTS: dict[int, tuple[Doc, dict[str, tuple[SpanGroup, list[Span]]]]] = {}


def set_spans(doc: Doc, key: str, spans: list[Span]) -> None:
    """``doc.spans[key] = spans``, remembering the Span objects for :func:`spans_of`."""
    doc.spans[key] = spans
    hit = _SPAN_LISTS.get(id(doc))
    if hit is None or hit[0] is not doc:
        if len(_SPAN_LISTS) > 8:
            _SPAN_LISTS.clear()
        hit = _SPAN_LISTS[id(doc)] = (doc, {})
    hit[1][key] = (doc.spans[key], spans)


def spans_of(doc: Doc, key: str) -> list[Span]:
    """``list(doc.spans[key])``, reusing the Span objects the component made while the group
    is still the one it set (each access of a span group makes new Span objects)."""
    group = doc.spans[key]
    hit = _SPAN_LISTS.get(id(doc))
    if hit is not None and hit[0] is doc:
        mine = hit[1].get(key)
        if mine is not None and mine[0] is group and len(mine[1]) == len(group):
            return list(mine[1])
    return list(group)


def _verb_like(tok: TokenKeys, heads: frozenset[str]) -> bool:
    """An Arabic token that matches a listed word with at most a conjunction (و ف) before it
    and a pronoun after it: «ويدعوه» is «يدعو», «بوصفه» ("as") is no «وصف» ("described");
    a listed noun may still take its article («القول» in «بالقول»)."""
    forms = {f for c in tok.conj for f in suffix_only(c)}
    return bool(forms & heads) or any(f.startswith("ال") for f in heads.intersection(tok.head))


@Language.factory("stancegraph_speech", assigns=["doc.spans"])
def make_speech(nlp: Language, name: str) -> SpeechFinder:
    return SpeechFinder(str(nlp.lang))


class SpeechFinder:
    """Reporting verbs and quotations (« », “ ”, „ “ and straight quotes, across sentences)."""

    def __init__(self, lang: str) -> None:
        self.res = resources(lang)

    def __call__(self, doc: Doc) -> Doc:
        toks = keys(doc)
        named = {i for a in spans_of(doc, "stancegraph_actors") for i in range(a.start, a.end)}
        reporting = [
            _span(doc, m, m.payload)
            for m in self.res.reporting.find(toks)
            if m.start not in named  # «كيري» (Kerry) is no «ك + يرى»
            and (self.res.lang != "ar" or _verb_like(toks[m.start], self.res.reporting_heads))
        ]
        set_spans(doc, "stancegraph_reporting", reporting)
        set_spans(doc, "stancegraph_quotes", find_quotes(doc))
        return doc


def find_quotes(doc: Doc) -> list[Span]:
    """Quoted passages (the tokens between the marks); an unclosed quote ends at the paragraph.

    Straight quotes are paired by where the spaces are: a mark glued to the word before it
    and followed by a space or punctuation closes ('dit "non", a-t-il'), one after a space
    and glued to the next word opens. When a mark was lost in the text, a closing mark with
    no quotation open opens nothing, and an opening mark inside a quotation closes it and
    opens the next one ('« (...) "Mais ... »'), so the rest of the text is not turned inside
    out.
    """
    out: list[Span] = []
    open_at: int | None = None
    closer = ""
    toks = keys(doc)
    texts = token_table(toks)[0]
    # only quotation marks and line breaks open or close a quotation
    for i in (shape_array(toks) & QUOTE_OR_BREAK).nonzero()[0].tolist():
        text = texts[i]
        if open_at is None:
            if text in OPEN_QUOTES:
                open_at, closer = i, OPEN_QUOTES[text]
            elif text == '"' and not _closing_mark(doc, i):
                open_at, closer = i, '"'
            continue
        if text == '"' and closer == '"' and _opening_mark(doc, i):
            if i > open_at + 1:
                out.append(Span(doc, open_at + 1, i, label="quote"))
            open_at = i
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


def _spaced_before(doc: Doc, i: int) -> bool:
    return i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_space


def _spaced_after(doc: Doc, i: int) -> bool:
    return i + 1 >= len(doc) or bool(doc[i].whitespace_) or doc[i + 1].is_space


def _opening_mark(doc: Doc, i: int) -> bool:
    """A straight quote after a space and glued to a word: ' "Mais'."""
    return _spaced_before(doc, i) and not _spaced_after(doc, i) and not doc[i + 1].is_punct


def _closing_mark(doc: Doc, i: int) -> bool:
    """A straight quote glued to the word before it and followed by a space or punctuation."""
    if _spaced_before(doc, i) or doc[i - 1].is_punct and doc[i - 1].text not in ".!?…)":
        return False
    return _spaced_after(doc, i) or doc[i + 1].is_punct


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
        # a name is no stance: «ستيفان» (Staffan) is no future verb, "Mr Hope" no hope
        named = {i for a in spans_of(doc, "stancegraph_actors") for i in range(a.start, a.end)
                 if a.kb_id_ in ("name", "unknown")}  # fmt: skip
        cues = [
            _span(doc, m, m.payload.stance, f"{m.payload.topic}:{int(m.payload.speech)}")
            for m in res.cues.find(toks)
            if not (m.end < len(toks) and toks[m.end].folded in m.payload.unless_next)
            and m.start not in named
        ]
        if res.cue_patterns:
            taken = {i for c in cues for i in range(c.start, c.end)} | named
            pattern = self._pattern
            for i, tok in enumerate(toks):
                if i in taken:
                    continue
                info = pattern(tok)
                if info is not None:
                    cues.append(Span(doc, i, i + 1, label=info.stance,
                                     kb_id=f"{info.topic}:{int(info.speech)}:pattern"))  # fmt: skip
            cues.sort(key=lambda s: (s.start, s.end))
        set_spans(doc, "stancegraph_cues", cues)
        negation = [
            _span(doc, m, m.payload.position, str(m.payload.window))
            for m in res.negation.find(toks)
        ]
        set_spans(doc, "stancegraph_negation", negation)
        conditions = [_span(doc, m, "condition") for m in res.conditions.find(toks)]
        set_spans(doc, "stancegraph_conditions", conditions)
        boundaries = [_span(doc, m, "boundary") for m in res.boundaries.find(toks)]
        set_spans(doc, "stancegraph_boundaries", boundaries)
        set_spans(
            doc, "stancegraph_topics", [_span(doc, m, m.payload) for m in res.topics.find(toks)]
        )
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
    else:
        # « autorité".Mais », « "non".Selon »: a quote between words glued by a full stop
        infixes = list(nlp.Defaults.infixes or ()) + [r'"']
        tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
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
