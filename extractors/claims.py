"""The ``Claim`` record: the one contract between extraction and the graph.

Claims serialize to the JSON Lines format documented in the README (``to_json`` /
``from_json``). IRIs are minted here from content, so that extraction on any machine gives the
same identifiers and a graph can be built from a claims file without running spaCy.

>>> ev = Evidence("Putin said yes", 0, 14)
>>> actor = ActorRef(actor_iri("vladimir-putin"), "Vladimir Putin", "Q7747", "person", "RUS")
>>> topic = TopicRef(topic_iri("en", "coalition"), "coalition")
>>> c = Claim.make(doc="a.txt", actor=actor, stance="support", polarity="support",
...                topic=topic, evidence=(ev,), language="en", extractor="x.v1")
>>> Claim.from_json(c.to_json()) == c
True
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

from .normalize import fold

#: Base of every IRI stancegraph mints (documented in docs/vocabulary.md).
BASE = "https://w3id.org/stancegraph/"
ID = BASE + "id/"


def digest(*parts: object, size: int = 16) -> str:
    """A short, stable hex digest of the parts.

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    """
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:size]


def actor_iri(actor_id: str) -> str:
    """IRI of an actor: gazetteer ids are used as they are, percent-encoded.

    >>> actor_iri("RUS")
    'https://w3id.org/stancegraph/id/actor/RUS'
    """
    return f"{ID}actor/{quote(actor_id, safe='')}"


def unknown_actor_id(label: str) -> str:
    """Stable id of an actor named in a text but not in the gazetteer.

    >>> unknown_actor_id("Zhang  Jun") == unknown_actor_id("zhang jun")
    True
    """
    return "unk-" + digest(" ".join(fold(label).split()), size=12)


def topic_iri(lang: str, label: str) -> str:
    """IRI of a topic phrase (same folded label and language, same topic)."""
    return f"{ID}topic/{digest(lang, ' '.join(fold(label).split()), size=16)}"


def document_iri(doc_id: str) -> str:
    """IRI of a source document, from its id."""
    return f"{ID}doc/{quote(doc_id, safe='')}"


# What a claims file may put where the graph makes IRIs: an absolute ASCII IRI without
# characters that would end or break it in Turtle, N-Triples or SPARQL (<>"{}|^`\\, space,
# controls) and with well-formed %-escapes; names that become the last segment of an IRI.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[!#$&-;=?-\[\]_a-z~]|%[0-9A-Fa-f]{2})*")
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]*")
_QID = re.compile(r"Q[1-9][0-9]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
POLARITIES = ("support", "oppose")


def _iri(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _IRI.fullmatch(value):
        raise ValueError(f"{what} must be an absolute IRI (ASCII, %-encoded), got {_cut(value)}")
    return value


def _name(value: Any, what: str, pattern: re.Pattern[str] = _NAME) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(f"{what} {_cut(value)} is not valid (expected {pattern.pattern})")
    return value


def _opt(value: Any, what: str, pattern: re.Pattern[str]) -> str | None:
    return None if value is None else _name(value, what, pattern)


def _cut(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string, got {_cut(value)}")
    return value


def _offset(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a non-negative integer, got {_cut(value)}")
    return value


def _evidence(rec: Any) -> Evidence:
    text = _text(rec["text"], "evidence text")
    start, end = _offset(rec["start"], "evidence start"), _offset(rec["end"], "evidence end")
    if end - start != len(text):
        raise ValueError(
            f"evidence {_cut(text)} is {len(text)} characters long but its offsets "
            f"{start}-{end} span {end - start}"
        )
    return Evidence(text, start, end)


@dataclass(frozen=True, order=True)
class Evidence:
    """A verbatim piece of the document: ``text == document[start:end]`` (code points)."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class ActorRef:
    """Who takes the position."""

    id: str
    label: str
    wikidata: str | None = None
    type: str = "unknown"
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "wikidata": self.wikidata,
            "type": self.type,
            "country": self.country,
        }


@dataclass(frozen=True)
class TopicRef:
    """What the position is about: a phrase, linked entities and an optional concept."""

    id: str
    label: str
    wikidata: tuple[str, ...] = ()
    concept: str | None = None
    concept_label: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label, "wikidata": list(self.wikidata)}
        if self.concept:
            out["concept"] = {"id": self.concept, "label": self.concept_label}
        return out


@dataclass(frozen=True)
class Claim:
    """One stance claim: an actor's position toward a topic, with its evidence."""

    id: str
    doc: str
    actor: ActorRef
    stance: str
    polarity: str
    topic: TopicRef
    evidence: tuple[Evidence, ...]
    language: str
    extractor: str
    conditional: bool = False
    negated: bool = False
    confidence: float = 0.5
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @staticmethod
    def make_id(doc: str, actor: str, stance: str, polarity: str, topic: str, extractor: str,
                conditional: bool, negated: bool) -> str:  # fmt: skip
        """Content-derived IRI: the same claim in the same document gets the same IRI."""
        key = digest(doc, actor, stance, polarity, topic, extractor, conditional, negated, size=24)
        return f"{ID}claim/{key}"

    @classmethod
    def make(cls, **kw: Any) -> Claim:
        """Build a claim and mint its IRI from its content."""
        kw.setdefault("conditional", False)
        kw.setdefault("negated", False)
        cid = cls.make_id(
            kw["doc"], kw["actor"].id, kw["stance"], kw["polarity"], kw["topic"].id,
            kw["extractor"], kw["conditional"], kw["negated"],
        )  # fmt: skip
        kw["evidence"] = tuple(sorted(set(kw["evidence"])))
        return cls(id=cid, **kw)

    def merged(self, other: Claim) -> Claim:
        """The same claim with the evidence of both; the higher confidence wins."""
        return replace(
            self,
            evidence=tuple(sorted(set(self.evidence) | set(other.evidence))),
            confidence=max(self.confidence, other.confidence),
        )

    def to_json(self) -> dict[str, Any]:
        """The record of the JSON Lines contract."""
        return {
            "id": self.id,
            "doc": self.doc,
            "actor": self.actor.to_json(),
            "stance": self.stance,
            "polarity": self.polarity,
            "conditional": self.conditional,
            "negated": self.negated,
            "topic": self.topic.to_json(),
            "evidence": [e.to_json() for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "language": self.language,
            "extractor": self.extractor,
            "date": self.date,
        }

    @classmethod
    def from_json(cls, rec: dict[str, Any]) -> Claim:
        """Parse one record of the contract; raises ``KeyError``, ``TypeError`` or
        ``ValueError`` (naming the field) if it is malformed.

        What becomes an IRI in the graph is checked, never trusted: ``id``, ``actor.id``,
        ``topic.id`` and ``topic.concept.id`` must be absolute IRIs; ``stance``,
        ``extractor`` and Wikidata ids plain names; evidence offsets as long as its text.

        >>> _iri("https://w3id.org/stancegraph/id/claim/1", "id")
        'https://w3id.org/stancegraph/id/claim/1'
        >>> _iri("x> <y", "id")
        Traceback (most recent call last):
        ...
        ValueError: id must be an absolute IRI (ASCII, %-encoded), got 'x> <y'
        """
        a, t = rec["actor"], rec["topic"]
        concept = t.get("concept") or {}
        polarity = rec["polarity"]
        if polarity not in POLARITIES:
            raise ValueError(f"polarity must be support or oppose, got {_cut(polarity)}")
        date = rec.get("date")
        return cls(
            id=_iri(rec["id"], "id"),
            doc=_text(rec["doc"], "doc"),
            actor=ActorRef(
                _iri(a["id"], "actor.id"),
                _text(a["label"], "actor.label"),
                _opt(a.get("wikidata"), "actor.wikidata", _QID),
                _name(a.get("type") or "unknown", "actor.type"),
                _opt(a.get("country"), "actor.country", _NAME),
            ),  # fmt: skip
            stance=_name(rec["stance"], "stance"),
            polarity=polarity,
            topic=TopicRef(
                _iri(t["id"], "topic.id"),
                _text(t["label"], "topic.label"),
                tuple(_name(q, "topic.wikidata", _QID) for q in t.get("wikidata") or ()),
                _iri(concept["id"], "topic.concept.id") if concept.get("id") else None,
                _text(concept["label"], "topic.concept.label") if concept.get("label") else None,
            ),  # fmt: skip
            evidence=tuple(_evidence(e) for e in rec["evidence"]),
            language=_name(rec["language"], "language"),
            extractor=_name(rec["extractor"], "extractor"),
            conditional=bool(rec.get("conditional", False)),
            negated=bool(rec.get("negated", False)),
            confidence=float(rec.get("confidence", 0.5)),
            date=_opt(date, "date", _DATE),
        )

    def dumps(self) -> str:
        """One JSON line (keys in contract order, UTF-8 kept readable).

        Characters that some readers take for line ends (U+0085, U+2028, U+2029) are
        escaped, so that every record stays on one line whatever splits the file.
        """
        text = json.dumps(self.to_json(), ensure_ascii=False)
        return text.translate(_LINE_BREAKS)


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def merge_claims(claims: list[Claim]) -> list[Claim]:
    """Merge claims with the same IRI (union of evidence); keeps first-seen order."""
    out: dict[str, Claim] = {}
    for c in claims:
        out[c.id] = out[c.id].merged(c) if c.id in out else c
    return list(out.values())
