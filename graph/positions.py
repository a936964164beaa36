"""Positions: what each actor holds on each topic, across all its claims, and where an actor
both supports and opposes the same topic (a position change, or a contradiction).

A position is one (actor, topic) pair, where the topic is the canonical concept a claim's
phrase belongs to when it has one, else the phrase itself (``topic_by="concept"``, the
default; ``"phrase"`` keeps every phrase apart). See docs/vocabulary.md, "Topics".

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> from graph.build import build_graph
>>> ru = ActorRef(actor_iri("RUS"), "Russia", "Q159", "state", "RUS")
>>> def claim(doc, polarity, date):
...     return Claim.make(doc=doc, actor=ru, stance=polarity, polarity=polarity,
...         topic=TopicRef(topic_iri("en", "the plan"), "the plan"), evidence=(Evidence("x", 0, 1),),
...         language="en", extractor="x.v1", date=date)
>>> kg = build_graph([claim("a.txt", "support", "2015-01-05"), claim("b.txt", "oppose", "2015-03-01")])
>>> [(p.actor_label, p.topic_label, p.polarity, p.first, p.last) for p in positions(kg)]
[('Russia', 'the plan', 'mixed', '2015-01-05', '2015-03-01')]
>>> [(c.kind, c.before, c.after, c.since) for c in changes(kg)]
[('change', 'support', 'oppose', '2015-03-01')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from .query import ClaimRow, QueryError, claim_rows, match_actors, match_topics

POLARITIES = ("support", "oppose", "mixed")


@dataclass(frozen=True)
class Position:
    """An actor's position on a topic: the claims that support and oppose it, the dates of
    the first and last claim, and the documents they come from."""

    actor: str
    actor_label: str
    topic: str
    topic_label: str
    support: tuple[str, ...]
    oppose: tuple[str, ...]
    first: str | None
    last: str | None
    documents: tuple[str, ...]

    @property
    def polarity(self) -> str:
        """``support``, ``oppose``, or ``mixed`` when there are claims of both."""
        if self.support and self.oppose:
            return "mixed"
        return "support" if self.support else "oppose"

    @property
    def claims(self) -> int:
        return len(self.support) + len(self.oppose)

    def to_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor, "actor_label": self.actor_label, "topic": self.topic,
            "topic_label": self.topic_label, "polarity": self.polarity,
            "support": len(self.support), "oppose": len(self.oppose), "first": self.first,
            "last": self.last, "documents": list(self.documents),
            "support_claims": list(self.support), "oppose_claims": list(self.oppose),
        }  # fmt: skip


@dataclass(frozen=True)
class Change:
    """An actor that both supports and opposes a topic.

    ``kind`` is ``change`` when the claims can be put in time order and the polarity
    switches from one run of dates to the next (``before`` → ``after`` on ``since``, for
    the latest switch; ``switches`` counts them, 1 for a clean change); otherwise
    ``contradiction``,
    with ``reason``: ``same document`` (both polarities in one article), ``same day``
    (both polarities on one date, in different articles) or ``undated`` (claims without a
    date cannot be ordered).
    """

    kind: str
    reason: str
    actor: str
    actor_label: str
    topic: str
    topic_label: str
    before: str | None
    after: str | None
    since: str | None
    switches: int
    support: tuple[str, ...]
    oppose: tuple[str, ...]
    documents: tuple[str, ...]
    timeline: tuple[tuple[str | None, str, str], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "reason": self.reason, "actor": self.actor,
            "actor_label": self.actor_label, "topic": self.topic, "topic_label": self.topic_label,
            "before": self.before, "after": self.after, "since": self.since,
            "switches": self.switches, "support_claims": list(self.support),
            "oppose_claims": list(self.oppose), "documents": list(self.documents),
            "timeline": [{"date": d, "polarity": p, "doc": doc} for d, p, doc in self.timeline],
        }  # fmt: skip


def _rows(kg: Graph, actor: str | None, topic: str | None, **filters: Any) -> list[ClaimRow]:
    actors = None
    if actor is not None:
        found = match_actors(kg, actor, lang=filters.get("lang", "en"))
        if not found:
            return []
        actors = [m.iri for m in found]
    topics = None
    if topic is not None:
        found_topics = match_topics(kg, topic, lang=filters.get("lang", "en"))
        if not found_topics:
            return []
        topics = [m.iri for m in found_topics]
    return claim_rows(kg, actors=actors, topics=topics, **filters)


def _group(rows: list[ClaimRow]) -> dict[tuple[str, str], list[ClaimRow]]:
    groups: dict[tuple[str, str], list[ClaimRow]] = defaultdict(list)
    for r in rows:
        groups[(r.actor, r.key)].append(r)
    return groups


def _position(rows: list[ClaimRow]) -> Position:
    dates = sorted(r.date for r in rows if r.date)
    r0 = rows[0]
    return Position(
        actor=r0.actor,
        actor_label=r0.actor_label,
        topic=r0.key,
        topic_label=r0.key_label,
        support=tuple(sorted(r.claim for r in rows if r.polarity == "support")),
        oppose=tuple(sorted(r.claim for r in rows if r.polarity == "oppose")),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        documents=tuple(sorted({r.doc for r in rows})),
    )


def positions(
    kg: Graph,
    *,
    actor: str | None = None,
    topic: str | None = None,
    polarity: str | None = None,
    **filters: Any,
) -> list[Position]:
    """Every (actor, topic) position, sorted by actor label, topic label and IRIs.

    ``actor``/``topic``: names in any language (see :func:`graph.query.match_actors` and
    :func:`graph.query.match_topics`); ``polarity``: keep positions with at least one
    ``support`` (or ``oppose``) claim, or with both (``mixed``). Other keyword arguments
    filter claims as :func:`graph.query.claim_rows` does (``since``, ``until``,
    ``min_confidence``, ``conditional``, ``topic_by``, ``lang``).
    """
    if polarity not in (None, *POLARITIES):
        raise QueryError(f"unknown polarity {polarity!r}; available: {', '.join(POLARITIES)}")
    out = []
    for rows in _group(_rows(kg, actor, topic, **filters)).values():
        p = _position(rows)
        if polarity == "mixed" and p.polarity != "mixed":
            continue
        if polarity in ("support", "oppose") and not getattr(p, polarity):
            continue
        out.append(p)
    out.sort(key=lambda p: (p.actor_label.casefold(), p.topic_label.casefold(), p.actor, p.topic))
    return out


def _change(rows: list[ClaimRow]) -> Change | None:
    pos = _position(rows)
    if pos.polarity != "mixed":
        return None
    timeline = tuple(sorted(((r.date, r.polarity, r.doc) for r in rows),
                            key=lambda x: (x[0] or "", x[1], x[2])))  # fmt: skip

    def make(kind: str, reason: str, documents: tuple[str, ...] = pos.documents,
             runs: list[tuple[str, str]] | None = None) -> Change:  # fmt: skip
        switch = runs is not None and len(runs) > 1
        return Change(
            kind=kind, reason=reason, actor=pos.actor, actor_label=pos.actor_label,
            topic=pos.topic, topic_label=pos.topic_label,
            before=runs[-2][1] if runs and switch else None,
            after=runs[-1][1] if runs and switch else None,
            since=runs[-1][0] if runs and switch else None,
            switches=len(runs) - 1 if runs else 0,
            support=pos.support, oppose=pos.oppose, documents=documents, timeline=timeline,
        )  # fmt: skip

    by_doc: dict[str, set[str]] = defaultdict(set)
    by_day: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        by_doc[r.doc].add(r.polarity)
        if r.date:
            by_day[r.date].add(r.polarity)
    both = tuple(sorted(d for d, pols in by_doc.items() if len(pols) > 1))
    if both:
        return make("contradiction", "same document", both)
    if any(not r.date for r in rows):
        return make("contradiction", "undated")
    days = sorted(by_day)
    if any(len(by_day[d]) > 1 for d in days):
        return make("contradiction", "same day")
    runs = [(days[0], next(iter(by_day[days[0]])))]
    for d in days[1:]:
        pol = next(iter(by_day[d]))
        if pol != runs[-1][1]:
            runs.append((d, pol))
    return make("change", "over time", runs=runs)


def changes(
    kg: Graph, *, actor: str | None = None, topic: str | None = None, **filters: Any
) -> list[Change]:
    """Every position held with both polarities, as a :class:`Change` (``kind`` ``change``
    or ``contradiction``), sorted by actor and topic labels. Filters as :func:`positions`."""
    out = []
    for rows in _group(_rows(kg, actor, topic, **filters)).values():
        c = _change(rows)
        if c is not None:
            out.append(c)
    out.sort(key=lambda c: (c.actor_label.casefold(), c.topic_label.casefold(), c.actor, c.topic))
    return out
