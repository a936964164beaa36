"""Compiled language resources: lexicon indexes and the gazetteer, built once per language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.language import Language

from .lexicon import ActorEntry, load_actors, load_language, load_topics, stance_types
from .matcher import PhraseIndex, build_index
from .normalize import fold, proclitic_only

LATIN = ("en", "fr")


@cache
def tokenizer_for(lang: str) -> Language:
    """A blank spaCy pipeline used only for its tokenizer (the same one documents get)."""
    from .pipeline import _split_punctuation

    nlp = spacy.blank(lang)
    _split_punctuation(nlp)
    return nlp


@dataclass(frozen=True)
class CueInfo:
    stance: str
    polarity: str
    topic: str
    speech: bool
    unless_next: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NegInfo:
    position: str
    window: int


class Resources:
    """Everything the components of one language match against (immutable after build)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        data = load_language(lang)
        tok = tokenizer_for(lang).tokenizer
        stances = stance_types()
        self.reporting: PhraseIndex[str] = build_index(
            lang, tok, ((e.forms, e.actor) for e in data.reporting)
        )
        self.cues: PhraseIndex[CueInfo] = build_index(
            lang,
            tok,
            (
                (
                    e.forms,
                    CueInfo(
                        e.stance,
                        stances[e.stance].polarity,
                        e.topic,
                        e.speech,
                        frozenset(fold(x) for x in e.unless_next),
                    ),
                )
                for e in data.cues
            ),
        )
        #: folded first words of reporting forms: an Arabic verb takes و/ف, never ب/ل/ك
        #: («بوصفه», "as", is no «وصف», "described")
        self.reporting_heads = frozenset(
            fold(f.split()[0]) for e in data.reporting for f in e.forms if f.split()
        )
        #: folded one-word cue forms: tells «تقترحه» (a cue with an object pronoun) from «تقترح»
        self.cue_words = frozenset(fold(f) for e in data.cues for f in e.forms if " " not in f)
        self.cue_patterns: list[tuple[re.Pattern[str], frozenset[str], CueInfo]] = [
            (re.compile(p), frozenset(fold(x) for x in e.exclude),
             CueInfo(e.stance, stances[e.stance].polarity, e.topic, e.speech))
            for e in data.cues for p in e.patterns
        ]  # fmt: skip
        self.negation: PhraseIndex[NegInfo] = build_index(
            lang,
            tok,
            ((e.forms, NegInfo(e.position, e.window)) for e in data.negation),
            function_words=True,
        )
        self.conditions: PhraseIndex[str] = build_index(
            lang,
            tok,
            ((e.forms, "condition") for e in data.conditions),
            function_words=True,
        )
        self.boundaries: PhraseIndex[str] = build_index(
            lang,
            tok,
            ((e.forms, "boundary") for e in data.boundaries),
            function_words=True,
        )
        # Titles match like names: proclitics off, but no pronoun suffixes («الرئيسي», "main",
        # is not «الرئيس» + ي)
        self.titles: PhraseIndex[str] = build_index(
            lang, tok, ((e.forms, e.role) for e in data.titles), names=True
        )
        self.title_of: dict[str, str] = {
            " ".join(fold(t) for t in f.split()): e.of for e in data.titles if e.of for f in e.forms
        }
        self.stopwords: frozenset[str] = frozenset(fold(f) for e in data.stopwords for f in e.forms)
        self.hedges: PhraseIndex[str] = build_index(
            lang, tok, ((e.forms, "hedge") for e in data.hedges), function_words=True
        )
        self.prepositions: frozenset[str] = frozenset(
            fold(f) for e in data.prepositions for f in e.forms
        )
        self.topics: PhraseIndex[str] = build_index(
            lang,
            tok,
            ((t.forms.get(lang, ()), t.id) for t in load_topics()),  # type: ignore[call-overload]
        )
        self.topic_entries = {t.id: t for t in load_topics()}
        self.actors: dict[str, ActorEntry] = {a.id: a for a in load_actors()}
        langs = LATIN if lang in LATIN else (lang,)
        self.names: PhraseIndex[tuple[str, str]] = PhraseIndex(lang, tok, names=True)
        self.demonyms: PhraseIndex[str] = PhraseIndex(lang, tok, names=False)
        self.ambiguous: PhraseIndex[str] = PhraseIndex(lang, tok, names=True)
        self.demonym_keys: dict[str, str] = {}
        seen: dict[str, str] = {}
        for actor in load_actors():
            for code in langs:
                for kind, table in (("name", actor.names), ("metonym", actor.metonyms)):
                    for form in table.get(code, ()):  # type: ignore[call-overload]
                        key = " ".join(self.names.tokens(form))
                        if seen.setdefault(key, actor.id) != actor.id:
                            continue  # a name shared by two actors: the first file wins
                        self.names.add(form, (actor.id, kind))
                for form in actor.ambiguous.get(code, ()):  # type: ignore[call-overload]
                    self.ambiguous.add(form, actor.id)
            for form in actor.demonyms.get(lang, ()):  # type: ignore[call-overload]
                self.demonyms.add(form, actor.country or actor.id)
                if " " not in form:
                    self.demonym_keys.setdefault(fold(form), actor.country or actor.id)
        self.name_heads: frozenset[str] = frozenset(
            fold(form.split()[0]) for a in load_actors() for t in (a.names, a.metonyms)
            for code in langs for form in t.get(code, ())  # type: ignore[call-overload]
            if form.split()
        )  # fmt: skip

        # Anaphors («الحركة», "the movement"): the actors each may stand for
        def eligible(head: str | None, types: tuple[str, ...]) -> frozenset[str]:
            out = set()
            for actor in load_actors():
                if types and actor.type not in types:
                    continue
                if head is not None:
                    words = {
                        form
                        for name in actor.names.get(lang, ())  # type: ignore[call-overload]
                        for word in name.split()
                        for form in proclitic_only(fold(word), 2)
                    }
                    if fold(head) not in words:
                        continue
                out.add(actor.id)
            return frozenset(out)

        self.anaphors: PhraseIndex[frozenset[str]] = build_index(
            lang, tok, ((e.forms, eligible(e.head, e.types)) for e in data.anaphors)
        )
        self.states_by_country: dict[str, str] = {
            a.country: a.id for a in load_actors() if a.type == "state" and a.country
        }
        self.office: dict[tuple[str, str], list[tuple[ActorEntry, Any]]] = {}
        for actor in load_actors():
            for role in actor.roles:
                self.office.setdefault((role.role, role.of), []).append((actor, role))

    def holder(self, role: str, country: str, day: dt.date | None) -> ActorEntry | None:
        """The person who held ``role`` of ``country`` on ``day`` (None if unknown or several)."""
        found = {a.id: a for a, r in self.office.get((role, country), []) if r.holds_on(day)}
        return next(iter(found.values())) if len(found) == 1 else None


@cache
def resources(lang: str) -> Resources:
    """The cached resources of a language."""
    return Resources(lang)
