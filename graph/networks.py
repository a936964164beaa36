"""Discourse networks (Leifeld's discourse network analysis) as networkx graphs.

Everything starts from one signed two-mode graph, :func:`actor_topic`: actors
(``bipartite=0``) linked to the topics they took a position on (``bipartite=1``). The
one-mode networks are its projections through ``networkx.algorithms.bipartite``:

- :func:`congruence`: two actors are linked by the topics on which they take the **same**
  polarity (both support, or both oppose);
- :func:`conflict`: two actors are linked by the topics on which they take **opposite**
  polarities;
- :func:`topic_network`: two topics are linked by the actors who support both
  (``polarity="support"``, co-support), oppose both (``"oppose"``), or take the same
  polarity on both (``"same"``).

**Topic identity.** A claim's topic node is one folded phrase of one language, and many
phrases name the same thing. Networks therefore link actors through the canonical concept
of a phrase (its ``skos:broader`` ``sgid:concept/…``) when it has one, and through the
phrase node only when it has none (``topic_by="concept"``, the default);
``topic_by="phrase"`` keeps every phrase apart.

**Weights.** Let A(u) be the set of (topic, polarity) pairs actor u holds (an actor with
both polarities on a topic holds both pairs), and A'(v) the same set with the polarities
swapped. The congruence count of u and v is |A(u) ∩ A(v)|, the conflict count
|A(u) ∩ A'(v)|: the number of topics they agree (disagree) on, each topic counted once
however many claims support it. Normalizations: ``none`` (the count), ``average`` (the
count divided by the mean of |A(u)| and |A(v)|, DNA's "average activity") and ``jaccard``
(the count divided by |A(u) ∪ A(v)|, resp. |A(u) ∪ A'(v)|), both in [0, 1].
Topic networks are the same with the roles of actors and topics exchanged.

All attributes are plain ``str``/``int``/``float``/``bool`` (claim and topic IRIs are
space-separated strings), every node has a ``label``, nodes and edges are added in sorted
order: the graphs write to GraphML and GEXF that open in Gephi, identically every time.

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> from graph.build import build_graph
>>> def claim(actor, polarity, phrase):
...     return Claim.make(doc="a.txt", actor=ActorRef(actor_iri(actor), actor), stance=polarity,
...         polarity=polarity, topic=TopicRef(topic_iri("en", phrase), phrase),
...         evidence=(Evidence("x", 0, 1),), language="en", extractor="x.v1")
>>> kg = build_graph([claim("A", "support", "the plan"), claim("B", "support", "the plan"),
...                   claim("C", "oppose", "the plan")])
>>> sorted((kg_u[-1], kg_v[-1]) for kg_u, kg_v in congruence(kg).edges)
[('A', 'B')]
>>> sorted(conflict(kg).edges(data="weight"))[0][2]
1
>>> B = actor_topic(kg)
>>> sorted(B.nodes[n]["bipartite"] for n in B)
[0, 0, 0, 1]
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
from networkx.algorithms import bipartite
from rdflib import Graph
from rdflib.namespace import OWL

from .query import ClaimRow, QueryError, claim_rows
from .vocab import SG

KINDS = ("congruence", "conflict", "actor-topic", "topic")
NORMALIZATIONS = ("none", "average", "jaccard")
TOPIC_POLARITIES = ("support", "oppose", "same")
FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": ".csv", "json": ".json"}
_FLIP = {"support": "oppose", "oppose": "support"}


def _rows(kg: Graph | list[ClaimRow], filters: dict[str, Any]) -> list[ClaimRow]:
    if isinstance(kg, list):
        return kg
    return claim_rows(kg, **filters)


def _actor_info(kg: Graph | list[ClaimRow], actors: Iterable[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {a: {} for a in actors}
    if isinstance(kg, list):
        return out
    for pred, name in ((SG.actorType, "actor_type"), (SG.country, "country"),
                       (OWL.sameAs, "wikidata")):  # fmt: skip
        for s, o in kg.subject_objects(pred):
            info = out.get(str(s))
            if info is not None:
                value = str(o).rsplit("/", 1)[-1]
                if name not in info or value < info[name]:
                    info[name] = value
    return out


def _graph_attrs(G: nx.Graph, kind: str, filters: dict[str, Any], **extra: Any) -> None:
    G.graph["kind"] = kind
    G.graph["topic_by"] = filters.get("topic_by", "concept")
    for key in ("since", "until", "min_confidence", "conditional", "lang"):
        if filters.get(key) is not None:
            G.graph[key] = filters[key]
    G.graph.update({k: v for k, v in extra.items() if v is not None})


def _bipartite(
    kg: Graph | list[ClaimRow], filters: dict[str, Any]
) -> tuple[nx.Graph, dict[tuple[str, str, str], list[str]]]:
    """The signed two-mode graph, and the claims behind each (actor, topic, polarity)."""
    rows = _rows(kg, filters)
    edges: dict[tuple[str, str], list[ClaimRow]] = defaultdict(list)
    by_pos: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    count: dict[str, int] = defaultdict(int)
    for r in rows:
        edges[(r.actor, r.key)].append(r)
        by_pos[(r.actor, r.key, r.polarity)].append(r.claim)
        count[r.actor] += 1
        count[r.key] += 1
    actors = sorted({r.actor for r in rows})
    topics = sorted({r.key for r in rows})
    actor_label = {r.actor: r.actor_label for r in rows}
    topic_label = {r.key: r.key_label for r in rows}
    is_concept = {r.key: r.key == r.concept for r in rows}
    info = _actor_info(kg, actors)
    B = nx.Graph()
    _graph_attrs(B, "actor-topic", filters)
    for a in actors:
        B.add_node(a, label=actor_label[a], kind="actor", bipartite=0, claims=count[a], **info[a])
    for t in topics:
        B.add_node(t, label=topic_label[t], kind="topic", bipartite=1, claims=count[t],
                   concept=is_concept[t])  # fmt: skip
    for (a, t), rs in sorted(edges.items()):
        sup = sum(r.polarity == "support" for r in rs)
        opp = len(rs) - sup
        dates = sorted(r.date for r in rs if r.date)
        attrs: dict[str, Any] = {
            "support": sup, "oppose": opp, "weight": len(rs),
            "polarity": "mixed" if sup and opp else ("support" if sup else "oppose"),
            "sign": 0 if sup and opp else (1 if sup else -1),
            "claims": " ".join(sorted(r.claim for r in rs)),
        }  # fmt: skip
        if dates:
            attrs["first"], attrs["last"] = dates[0], dates[-1]
        B.add_edge(a, t, **attrs)
    return B, by_pos


def actor_topic(kg: Graph | list[ClaimRow], **filters: Any) -> nx.Graph:
    """The signed actor × topic graph: actors (``bipartite=0``, ``kind="actor"``) linked to
    the topics they took a position on (``bipartite=1``, ``kind="topic"``).

    Edge attributes: ``support`` and ``oppose`` (claim counts), ``weight`` (their sum),
    ``polarity`` (``support``, ``oppose`` or ``mixed``), ``sign`` (1, -1, 0 when mixed),
    ``first``/``last`` (claim dates) and ``claims`` (space-separated claim IRIs). Node
    attributes: ``label``, ``claims`` (count), and for actors ``actor_type``, ``country``,
    ``wikidata`` when known; for topics ``concept`` (whether it is a canonical topic).

    ``kg`` is a graph (filtered with ``filters`` as :func:`graph.query.claim_rows`:
    ``since``, ``until``, ``min_confidence``, ``conditional``, ``topic_by``, ``lang``) or a
    list of claim rows.
    """
    return _bipartite(kg, filters)[0]


def _held(B: nx.Graph, node: str) -> set[tuple[str, str]]:
    """(neighbour, polarity) pairs of a node: the positions it holds."""
    out = set()
    for other, e in B[node].items():
        if e["support"]:
            out.add((other, "support"))
        if e["oppose"]:
            out.add((other, "oppose"))
    return out


def _normalized(count: int, n_u: int, n_v: int, normalization: str) -> float | int:
    if normalization == "none":
        return count
    if normalization == "average":
        return round(count / ((n_u + n_v) / 2), 6) if n_u + n_v else 0.0
    union = n_u + n_v - count
    return round(count / union, 6) if union else 0.0


def _check(normalization: str) -> None:
    if normalization not in NORMALIZATIONS:
        raise QueryError(
            f"unknown normalization {normalization!r}; available: {', '.join(NORMALIZATIONS)}"
        )


#: (other node, polarity on u's side, polarity on v's side) of a shared position.
Shared = list[tuple[str, str, str]]


def _project(
    B: nx.Graph,
    nodes: list[str],
    shared: Callable[[str, str], Shared],
    held: dict[str, set[tuple[str, str]]],
    claims: Callable[[str, str, str], list[str]],
    normalization: str,
) -> nx.Graph:
    """Project ``B`` on ``nodes`` with networkx's generic weighted projection, keep the
    pairs that share a position, and rebuild the graph in sorted order."""
    proj = bipartite.generic_weighted_projected_graph(
        B, nodes, weight_function=lambda G, u, v: len(shared(u, v))
    )
    G = nx.Graph()
    G.graph.update(B.graph)
    for n in sorted(nodes):
        G.add_node(n, **{k: v for k, v in B.nodes[n].items() if k != "bipartite"})
    for u, v in sorted(tuple(sorted(e)) for e in proj.edges):
        common = shared(u, v)
        if not common:
            continue
        via = sorted({x for x, _, _ in common})
        behind = sorted({c for x, pu, pv in common for c in claims(u, x, pu) + claims(v, x, pv)})
        G.add_edge(
            u, v,
            weight=_normalized(len(common), len(held[u]), len(held[v]), normalization),
            count=len(common),
            via=" ".join(via),
            via_labels="; ".join(B.nodes[x]["label"] for x in via),
            claims=" ".join(behind),
        )  # fmt: skip
    return G


def _actor_projection(
    kg: Graph | list[ClaimRow], same: bool, normalization: str, filters: dict[str, Any]
) -> nx.Graph:
    _check(normalization)
    B, by_pos = _bipartite(kg, filters)
    actors = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    held = {a: _held(B, a) for a in actors}
    # the positions of v as u must hold them to agree with v (same) or to oppose v
    wanted = held if same else {a: {(t, _FLIP[p]) for t, p in h} for a, h in held.items()}
    memo: dict[tuple[str, str], Shared] = {}

    def shared(u: str, v: str) -> Shared:
        key = (u, v) if u < v else (v, u)
        if key not in memo:
            a, b = key
            memo[key] = [(t, p, p if same else _FLIP[p]) for t, p in sorted(held[a] & wanted[b])]
        found = memo[key]
        return found if key == (u, v) else [(t, q, p) for t, p, q in found]

    G = _project(B, actors, shared, held, lambda a, t, p: by_pos[(a, t, p)], normalization)
    G.graph.update(kind="congruence" if same else "conflict", normalization=normalization)
    return G


def congruence(
    kg: Graph | list[ClaimRow], *, normalization: str = "none", **filters: Any
) -> nx.Graph:
    """Actor × actor congruence network: actors linked by the topics on which they take the
    same polarity. Edge ``weight`` (normalized as ``normalization``), ``count`` (shared
    positions), ``via`` / ``via_labels`` (the topics) and ``claims`` (the claims of both
    actors behind the link). Node attributes as in :func:`actor_topic`; actors without
    links stay in the graph. Filters as :func:`actor_topic`."""
    return _actor_projection(kg, True, normalization, filters)


def conflict(
    kg: Graph | list[ClaimRow], *, normalization: str = "none", **filters: Any
) -> nx.Graph:
    """Actor × actor conflict network: actors linked by the topics on which they take
    opposite polarities. Attributes as :func:`congruence`."""
    return _actor_projection(kg, False, normalization, filters)


def topic_network(
    kg: Graph | list[ClaimRow],
    *,
    polarity: str = "support",
    normalization: str = "none",
    **filters: Any,
) -> nx.Graph:
    """Topic × topic network: topics linked by the actors who support both
    (``polarity="support"``, co-support), oppose both (``"oppose"``) or take the same
    polarity on both (``"same"``). Attributes as :func:`congruence` (``via`` lists actors).
    """
    _check(normalization)
    if polarity not in TOPIC_POLARITIES:
        raise QueryError(f"unknown polarity {polarity!r}; available: {', '.join(TOPIC_POLARITIES)}")
    B, by_pos = _bipartite(kg, filters)
    topics = [n for n, d in B.nodes(data=True) if d["bipartite"] == 1]
    held = {t: {(a, p) for a, p in _held(B, t) if polarity in ("same", p)} for t in topics}
    memo: dict[tuple[str, str], Shared] = {}

    def shared(u: str, v: str) -> Shared:
        key = (u, v) if u < v else (v, u)
        if key not in memo:
            memo[key] = [(a, p, p) for a, p in sorted(held[u] & held[v])]
        return memo[key]

    G = _project(B, topics, shared, held, lambda t, a, p: by_pos[(a, t, p)], normalization)
    G.graph.update(kind="topic", normalization=normalization, polarity=polarity)
    return G


def network(kg: Graph | list[ClaimRow], kind: str, **kw: Any) -> nx.Graph:
    """One of :data:`KINDS` by name (``congruence``, ``conflict``, ``actor-topic``,
    ``topic``), with the options of that function."""
    if kind == "congruence":
        return congruence(kg, **kw)
    if kind == "conflict":
        return conflict(kg, **kw)
    if kind == "topic":
        return topic_network(kg, **kw)
    if kind == "actor-topic":
        kw.pop("normalization", None)
        return actor_topic(kg, **kw)
    raise QueryError(f"unknown network kind {kind!r}; available: {', '.join(KINDS)}")


def format_for(path: str, fmt: str | None = None) -> str:
    """The network format for an explicit format or a file suffix (default GraphML).

    >>> format_for("net.gexf"), format_for("-"), format_for("x.txt", "csv")
    ('gexf', 'graphml', 'csv')
    """
    if fmt:
        if fmt not in FORMATS:
            raise QueryError(f"unknown network format {fmt!r}; available: {', '.join(FORMATS)}")
        return fmt
    for name, suffix in FORMATS.items():
        if path.lower().endswith(suffix):
            return name
    return "graphml"


def _edge_csv(G: nx.Graph) -> bytes:
    keys = sorted({k for _, _, d in G.edges(data=True) for k in d} - {"weight"})
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Weight", "source_label", "target_label", *keys])
    for u, v, d in G.edges(data=True):
        w.writerow([u, v, "Undirected", d.get("weight", 1), G.nodes[u].get("label", ""),
                    G.nodes[v].get("label", ""), *(d.get(k, "") for k in keys)])  # fmt: skip
    return out.getvalue().encode("utf-8")


def write_network(G: nx.Graph, fmt: str = "graphml") -> bytes:
    """The network as GraphML, GEXF, a CSV edge list (Gephi's ``Source``, ``Target``,
    ``Type``, ``Weight`` columns, then labels and the other attributes) or networkx
    node-link JSON. The same graph always gives the same bytes.

    >>> G = nx.Graph(kind="congruence")
    >>> G.add_node("a", label="A"); G.add_node("b", label="B"); G.add_edge("a", "b", weight=2)
    >>> write_network(G, "csv").decode().splitlines()[1]
    'a,b,Undirected,2,A,B'
    """
    fmt = format_for("", fmt)
    if fmt == "csv":
        return _edge_csv(G)
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(G, buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    nx.write_gexf(G, buf, encoding="utf-8", prettyprint=True)
    # GEXF's meta carries the day it was written: drop it so output is reproducible.
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue())
