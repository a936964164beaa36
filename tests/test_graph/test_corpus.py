"""The corpus graph of the dev set (issue 3's acceptance): one run and one document at a time
give the same graph; one node per actor across languages; the discourse networks link who
they should; the graph validates and every export round-trips."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF

from extractors.claims import actor_iri
from graph import networks
from graph.build import claims_from_graph
from graph.io import QUAD_FORMATS, parse_data, serialize
from graph.query import claim_rows
from graph.validate import validate
from graph.vocab import SG

from .helpers import add_extracted

PUTIN, HOLLANDE = actor_iri("vladimir-putin"), actor_iri("francois-hollande")
ANTI_ISIS = "https://w3id.org/stancegraph/id/concept/anti-isis-coalition"


def test_append_one_document_at_a_time_is_the_one_run_graph(
    dev_extracted: list, dev_graph: Graph
) -> None:
    data = b""
    for ex in dev_extracted:  # what `build DOC --append corpus.ttl` does, file in between
        g = parse_data(data, "turtle")
        data = serialize(add_extracted(g, ex), "turtle")
    assert isomorphic(parse_data(data, "turtle"), dev_graph)
    assert data == serialize(dev_graph, "turtle")


def test_appending_in_another_order_gives_the_same_bytes(
    dev_extracted: list, dev_graph: Graph
) -> None:
    data = b""
    for ex in reversed(dev_extracted):
        data = serialize(add_extracted(parse_data(data, "nt"), ex), "nt")
    assert data == serialize(dev_graph, "nt")


def test_appending_what_is_there_adds_nothing(dev_extracted: list, dev_graph: Graph) -> None:
    g = parse_data(serialize(dev_graph, "nt"), "nt")
    before = len(g)
    for ex in dev_extracted[:3]:
        add_extracted(g, ex)
    assert len(g) == before
    assert serialize(g, "turtle") == serialize(dev_graph, "turtle")


def test_one_node_per_actor_across_languages(dev_graph: Graph) -> None:
    by_qid = defaultdict(set)
    for actor, qid in dev_graph.subject_objects(OWL.sameAs):
        by_qid[qid].add(actor)
    assert by_qid and all(len(actors) == 1 for actors in by_qid.values())
    languages = defaultdict(set)
    for r in claim_rows(dev_graph):
        languages[r.actor].add(r.language)
    assert any(len(langs) >= 2 for langs in languages.values())
    assert languages[PUTIN] >= {"ar"}


def test_congruence_links_putin_and_hollande(dev_graph: Graph) -> None:
    G = networks.congruence(dev_graph)
    assert G.has_edge(PUTIN, HOLLANDE)
    edge = G.edges[PUTIN, HOLLANDE]
    assert ANTI_ISIS in edge["via"].split()
    assert "coalition against ISIS" in edge["via_labels"]
    assert G.nodes[PUTIN]["label"] == "Vladimir Putin"
    # the claims behind the link are Putin's and Hollande's support claims
    rows = {r.claim: r for r in claim_rows(dev_graph)}
    behind = [rows[c] for c in edge["claims"].split()]
    assert {r.actor for r in behind} == {PUTIN, HOLLANDE}
    assert {r.polarity for r in behind} == {"support"}


def test_conflict_links_actors_with_opposite_positions(dev_graph: Graph) -> None:
    G = networks.conflict(dev_graph)
    assert G.number_of_edges() > 0
    held = defaultdict(set)
    for r in claim_rows(dev_graph):
        held[r.actor].add((r.key, r.polarity))
    for u, v, data in G.edges(data=True):
        for topic in data["via"].split():
            pu = {p for t, p in held[u] if t == topic}
            pv = {p for t, p in held[v] if t == topic}
            assert ("support" in pu and "oppose" in pv) or ("oppose" in pu and "support" in pv)
    congruent = networks.congruence(dev_graph)
    assert set(map(frozenset, G.edges)) != set(map(frozenset, congruent.edges))


def test_the_dev_graph_validates(dev_graph: Graph) -> None:
    report = validate(dev_graph)
    assert report.conforms, str(report)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "json-ld", "nquads"])
def test_dev_graph_exports_round_trip(dev_graph: Graph, fmt: str) -> None:
    data = serialize(dev_graph, fmt)
    assert isomorphic(parse_data(data, fmt), dev_graph)
    if fmt in QUAD_FORMATS:  # one named graph per source document, holding its claims
        ds = Dataset()
        ds.parse(data=data, format=fmt)
        named = {g.identifier for g in ds.graphs() if g.identifier != ds.default_graph.identifier}
        claim_docs = {dev_graph.value(c, PROV.wasDerivedFrom)
                      for c in dev_graph.subjects(RDF.type, SG.StanceClaim)}  # fmt: skip
        assert named == claim_docs
        for name in named:
            claims = set(ds.graph(name).subjects(RDF.type, SG.StanceClaim))
            assert claims and all(dev_graph.value(c, PROV.wasDerivedFrom) == name for c in claims)


def test_claims_survive_the_corpus_graph(dev_extracted: list, dev_graph: Graph) -> None:
    expected = {c.id for ex in dev_extracted for c in ex.claims}
    assert {c.id for c in claims_from_graph(dev_graph)} == expected
