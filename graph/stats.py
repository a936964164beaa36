"""What a graph holds, at a glance: documents, claims per language, polarity and stance,
the most active actors and the most discussed topics.

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> from graph.build import build_graph
>>> c = Claim.make(doc="a.txt", actor=ActorRef(actor_iri("RUS"), "Russia", "Q159", "state", "RUS"),
...     stance="reject", polarity="oppose", topic=TopicRef(topic_iri("en", "the plan"), "the plan"),
...     evidence=(Evidence("rejected", 7, 15),), language="en", extractor="x.v1", date="2015-11-27")
>>> s = stats(build_graph([c]))
>>> s.documents, s.claims, s.by_language, s.top_actors
(1, 1, {'en': 1}, [('Russia', 1)])
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF, SDO

from .query import claim_rows
from .vocab import SG


@dataclass
class Stats:
    """Counts of a graph; ``top_actors``/``top_topics`` are (label, claims) pairs, topics
    counted by canonical concept where there is one."""

    triples: int
    documents: int
    claims: int
    actors: int
    topics: int
    concepts: int
    first: str | None
    last: str | None
    by_language: dict[str, int] = field(default_factory=dict)
    by_polarity: dict[str, int] = field(default_factory=dict)
    by_stance: dict[str, int] = field(default_factory=dict)
    extractors: dict[str, int] = field(default_factory=dict)
    top_actors: list[tuple[str, int]] = field(default_factory=list)
    top_topics: list[tuple[str, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        def counts(d: dict[str, int]) -> str:
            return ", ".join(f"{k} {v}" for k, v in d.items()) or "–"

        span = f"{self.first} … {self.last}" if self.first else "undated"
        lines = [
            f"documents   {self.documents}",
            f"claims      {self.claims}  ({span})",
            f"  language  {counts(self.by_language)}",
            f"  polarity  {counts(self.by_polarity)}",
            f"  stance    {counts(self.by_stance)}",
            f"actors      {self.actors}",
            f"topics      {self.topics} phrases, {self.concepts} canonical topics",
            f"triples     {self.triples}",
            f"extractors  {counts(self.extractors)}",
        ]
        if self.top_actors:
            lines.append("top actors")
            lines += [f"  {n:>5}  {label}" for label, n in self.top_actors]
        if self.top_topics:
            lines.append("top topics")
            lines += [f"  {n:>5}  {label}" for label, n in self.top_topics]
        return "\n".join(lines)


def _top(counter: Counter[tuple[str, str]], n: int) -> list[tuple[str, int]]:
    ranked = sorted(counter.items(), key=lambda x: (-x[1], x[0][1].casefold(), x[0][0]))
    return [(label, count) for (_, label), count in ranked[:n]]


def stats(kg: Graph, *, top: int = 10, lang: str = "en") -> Stats:
    """Count what ``kg`` holds; ``top`` actors and topics are listed, labels in ``lang``."""
    rows = claim_rows(kg, lang=lang)
    dates = sorted(r.date for r in rows if r.date)
    extractors: Counter[str] = Counter(str(o) for _, o in kg.subject_objects(SG.extractor))
    concepts = {r.concept for r in rows if r.concept}
    return Stats(
        triples=len(kg),
        documents=len(set(kg.subjects(RDF.type, SDO.NewsArticle))),
        claims=len(rows),
        actors=len({r.actor for r in rows}),
        topics=len(set(kg.subjects(RDF.type, SG.Topic))),
        concepts=len(concepts),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        by_language=dict(sorted(Counter(r.language for r in rows).items())),
        by_polarity=dict(sorted(Counter(r.polarity for r in rows).items())),
        by_stance=dict(sorted(Counter(r.stance for r in rows).items(), key=lambda x: (-x[1], x[0]))),
        extractors=dict(sorted(extractors.items())),
        top_actors=_top(Counter((r.actor, r.actor_label) for r in rows), top),
        top_topics=_top(Counter((r.key, r.key_label) for r in rows), top),
    )  # fmt: skip
