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
        """Parse one record of the contract (raises ``KeyError``/``TypeError`` if malformed)."""
        a, t = rec["actor"], rec["topic"]
        concept = t.get("concept") or {}
        return cls(
            id=str(rec["id"]),
            doc=str(rec["doc"]),
            actor=ActorRef(
                str(a["id"]),
                str(a["label"]),
                a.get("wikidata"),
                str(a.get("type") or "unknown"),
                a.get("country"),
            ),  # fmt: skip
            stance=str(rec["stance"]),
            polarity=str(rec["polarity"]),
            topic=TopicRef(
                str(t["id"]),
                str(t["label"]),
                tuple(t.get("wikidata") or ()),
                concept.get("id"),
                concept.get("label"),
            ),  # fmt: skip
            evidence=tuple(
                Evidence(str(e["text"]), int(e["start"]), int(e["end"])) for e in rec["evidence"]
            ),
            language=str(rec["language"]),
            extractor=str(rec["extractor"]),
            conditional=bool(rec.get("conditional", False)),
            negated=bool(rec.get("negated", False)),
            confidence=float(rec.get("confidence", 0.5)),
            date=rec.get("date"),
        )

    def dumps(self) -> str:
        """One JSON line (keys in contract order, UTF-8 kept readable)."""
        return json.dumps(self.to_json(), ensure_ascii=False)


def merge_claims(claims: list[Claim]) -> list[Claim]:
    """Merge claims with the same IRI (union of evidence); keeps first-seen order."""
    out: dict[str, Claim] = {}
    for c in claims:
        out[c.id] = out[c.id].merged(c) if c.id in out else c
    return list(out.values())
