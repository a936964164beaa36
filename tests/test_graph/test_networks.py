"""Discourse networks: the signed two-mode graph and its congruence, conflict and topic
projections, normalizations, time windows and exports that Gephi opens."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from extractors.claims import actor_iri, topic_iri
from graph import networks
from graph.build import build_graph
from graph.query import QueryError

from .helpers import make_claim


def _claims(reverse: bool = False) -> list:
    spec = [
        ("A", "support", "t1", "2015-01-01"), ("A", "support", "t2", "2015-02-01"),
        ("A", "oppose", "t3", "2015-03-01"),
        ("B", "support", "t1", "2016-01-01"), ("B", "oppose", "t2", "2016-02-01"),
        ("B", "oppose", "t3", "2016-03-01"),
        ("C", "oppose", "t1", "2017-01-01"), ("C", "support", "t3", "2017-02-01"),
        ("D", "support", "t4", "2017-03-01"),
    ]  # fmt: skip
    out = [make_claim(a, pol, t, date=d, doc=f"{a}.txt", start=i * 40)
           for i, (a, pol, t, d) in enumerate(spec)]  # fmt: skip
    return out[::-1] if reverse else out


@pytest.fixture(scope="module")
def kg():  # noqa: ANN201
    return build_graph(_claims())


def A(x: str) -> str:  # noqa: N802
    return actor_iri(x)


def T(x: str) -> str:  # noqa: N802
    return topic_iri("en", x)


def test_actor_topic_is_a_signed_bipartite_graph(kg) -> None:  # noqa: ANN001
    B = networks.actor_topic(kg)
    assert bipartite.is_bipartite(B)
    assert {n for n, d in B.nodes(data=True) if d["bipartite"] == 0} == {A(x) for x in "ABCD"}
    assert {n for n, d in B.nodes(data=True) if d["bipartite"] == 1} == {
        T(f"t{i}") for i in range(1, 5)
    }
    e = B.edges[A("B"), T("t2")]
    assert (e["polarity"], e["sign"], e["support"], e["oppose"], e["weight"]) == (
        "oppose",
        -1,
        0,
        1,
        1,
    )
    assert e["claims"].startswith("https://w3id.org/stancegraph/id/claim/")
    assert (e["first"], e["last"]) == ("2016-02-01", "2016-02-01")
    assert B.nodes[A("A")]["label"] == "A" and B.nodes[T("t1")]["label"] == "t1"
    assert B.nodes[T("t1")]["claims"] == 3 and B.nodes[T("t1")]["concept"] is False


@pytest.mark.parametrize(
    ("normalization", "ab", "ac"),
    [("none", 2, None), ("average", 0.666667, None), ("jaccard", 0.5, None)],
)
def test_congruence_counts_and_normalizations(kg, normalization, ab, ac) -> None:  # noqa: ANN001
    G = networks.congruence(kg, normalization=normalization)
    assert sorted(G.nodes) == sorted(A(x) for x in "ABCD")  # isolates stay
    assert set(map(frozenset, G.edges)) == {frozenset({A("A"), A("B")})}
    e = G.edges[A("A"), A("B")]
    assert e["weight"] == ab and e["count"] == 2
    assert e["via"].split() == sorted([T("t1"), T("t3")]) and len(e["claims"].split()) == 4
    assert G.graph["kind"] == "congruence" and G.graph["normalization"] == normalization


@pytest.mark.parametrize(
    ("normalization", "weights"),
    [
        ("none", {"AB": 1, "AC": 2, "BC": 2}),
        ("average", {"AB": 0.333333, "AC": 0.8, "BC": 0.8}),
        ("jaccard", {"AB": 0.2, "AC": 0.666667, "BC": 0.666667}),
    ],
)
def test_conflict_counts_and_normalizations(kg, normalization, weights) -> None:  # noqa: ANN001
    G = networks.conflict(kg, normalization=normalization)
    got = {"".join(sorted(G.nodes[u]["label"] + G.nodes[v]["label"])): w
           for u, v, w in G.edges(data="weight")}  # fmt: skip
    assert got == weights


def test_an_actor_on_both_sides_agrees_and_disagrees() -> None:
    kg = build_graph(_claims() + [make_claim("E", "support", "t4", start=900),
                                  make_claim("E", "oppose", "t4", start=950)])  # fmt: skip
    assert networks.congruence(kg).edges[A("D"), A("E")]["count"] == 1
    assert networks.conflict(kg).edges[A("D"), A("E")]["count"] == 1
    assert networks.actor_topic(kg).edges[A("E"), T("t4")]["polarity"] == "mixed"


def test_congruence_is_the_networkx_projection_when_everyone_agrees() -> None:
    claims = [make_claim(a, "support", t, start=i * 30)
              for i, (a, t) in enumerate([("A", "x"), ("B", "x"), ("B", "y"), ("C", "y"), ("A", "y")])]  # fmt: skip
    kg = build_graph(claims)
    B = networks.actor_topic(kg)
    actors = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    expected = bipartite.weighted_projected_graph(B, actors)
    G = networks.congruence(kg)
    assert {frozenset(e): w for *e, w in G.edges(data="weight")} == {
        frozenset(e): w for *e, w in expected.edges(data="weight")}  # fmt: skip
    jac = networks.congruence(kg, normalization="jaccard")
    exp_jac = bipartite.overlap_weighted_projected_graph(B, actors, jaccard=True)
    for u, v, w in exp_jac.edges(data="weight"):
        assert jac.edges[u, v]["weight"] == pytest.approx(w, abs=1e-6)


@pytest.mark.parametrize(
    ("polarity", "edges"),
    [
        ("support", {("t1", "t2")}),
        ("oppose", {("t2", "t3")}),
        ("same", {("t1", "t2"), ("t2", "t3")}),
    ],
)
def test_topic_networks(kg, polarity, edges) -> None:  # noqa: ANN001
    G = networks.topic_network(kg, polarity=polarity)
    got = {tuple(sorted((G.nodes[u]["label"], G.nodes[v]["label"]))) for u, v in G.edges}
    assert got == edges
    assert G.graph["polarity"] == polarity


def test_time_window(kg) -> None:  # noqa: ANN001
    G = networks.conflict(kg, since="2016", until="2017-01")
    assert set(map(frozenset, G.edges)) == {frozenset({A("B"), A("C")})}
    assert G.edges[A("B"), A("C")]["count"] == 1  # only t1: C's t3 support is from February
    assert G.graph["since"] == "2016" and G.graph["until"] == "2017-01"
    assert networks.congruence(kg, until="2014").number_of_nodes() == 0


def test_networks_group_phrases_by_concept_unless_asked_not_to() -> None:
    claims = [
        make_claim("P", "support", "التحالف الكبير", lang="ar", concept="anti-isis-coalition"),
        make_claim("H", "support", "une grande coalition", lang="fr", concept="anti-isis-coalition",
                   doc="b.txt"),
    ]  # fmt: skip
    kg = build_graph(claims)
    assert networks.congruence(kg).has_edge(A("P"), A("H"))
    assert not networks.congruence(kg, topic_by="phrase").has_edge(A("P"), A("H"))
    B = networks.actor_topic(kg)
    concept = "https://w3id.org/stancegraph/id/concept/anti-isis-coalition"
    assert B.nodes[concept]["concept"] is True
    assert networks.actor_topic(kg, lang="ar").nodes[concept]["label"] == "التحالف ضد داعش"


def test_unknown_options_list_the_valid_ones(kg) -> None:  # noqa: ANN001
    with pytest.raises(QueryError, match="available: none, average, jaccard"):
        networks.congruence(kg, normalization="cosine")
    with pytest.raises(QueryError, match="available: congruence, conflict, actor-topic, topic"):
        networks.network(kg, "cooccurrence")
    with pytest.raises(QueryError, match="available: support, oppose, same"):
        networks.topic_network(kg, polarity="mixed")


def _plain(G: nx.Graph) -> None:
    for _, d in G.nodes(data=True):
        assert "label" in d
        assert all(type(v) in (str, int, float, bool) for v in d.values())
    for _, _, d in G.edges(data=True):
        assert all(type(v) in (str, int, float, bool) for v in d.values())
    assert all(type(v) in (str, int, float, bool) for v in G.graph.values())


@pytest.mark.parametrize("kind", networks.KINDS)
def test_every_network_has_plain_attributes_and_a_label(kg, kind: str) -> None:  # noqa: ANN001
    _plain(networks.network(kg, kind))


@pytest.mark.parametrize("kind", networks.KINDS)
def test_graphml_opens_with_plain_types_and_labels(kg, kind: str) -> None:  # noqa: ANN001
    G = networks.network(kg, kind)
    data = networks.write_network(G, "graphml")
    root = ET.fromstring(data)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    types = {k.get("attr.type") for k in root.findall("g:key", ns)}
    assert types <= {"string", "int", "long", "double", "float", "boolean"}
    assert any(k.get("attr.name") == "label" and k.get("for") == "node"
               for k in root.findall("g:key", ns))  # fmt: skip
    back = nx.read_graphml(io.BytesIO(data))
    assert set(back.nodes) == set(G.nodes) and back.number_of_edges() == G.number_of_edges()
    for n in G:
        assert back.nodes[n]["label"] == G.nodes[n]["label"]


def test_gexf_and_json_and_csv(kg) -> None:  # noqa: ANN001
    G = networks.congruence(kg, normalization="jaccard")
    gexf = networks.write_network(G, "gexf")
    assert b"lastmodifieddate" not in gexf
    back = nx.read_gexf(io.BytesIO(gexf))
    assert back.number_of_edges() == G.number_of_edges()
    data = json.loads(networks.write_network(G, "json"))
    again = nx.node_link_graph(data, edges="edges")
    assert nx.utils.graphs_equal(again, G)
    rows = list(csv.reader(io.StringIO(networks.write_network(G, "csv").decode())))
    assert rows[0][:6] == ["Source", "Target", "Type", "Weight", "source_label", "target_label"]
    assert rows[1][2:6] == ["Undirected", "0.5", "A", "B"]


@pytest.mark.parametrize("fmt", list(networks.FORMATS))
def test_the_same_claims_give_the_same_bytes(fmt: str) -> None:
    a = networks.write_network(networks.conflict(build_graph(_claims())), fmt)
    b = networks.write_network(networks.conflict(build_graph(_claims(reverse=True))), fmt)
    assert a == b


def test_networks_from_claim_rows(kg) -> None:  # noqa: ANN001
    from graph.query import claim_rows

    rows = [r for r in claim_rows(kg) if r.actor != A("A")]
    G = networks.conflict(rows)
    assert set(map(frozenset, G.edges)) == {frozenset({A("B"), A("C")})}
