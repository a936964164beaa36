"""The stores behind the graph, merging rules, and reading/writing files."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from extractors.claims import Claim
from graph.build import build_graph, claims_from_graph, decimal_literal, reconcile
from graph.io import (
    GraphReadError,
    is_store_target,
    load_graph,
    open_store,
    parse_data,
    save_graph,
    serialize,
)
from graph.store import STORES, close, copy_graph, flush, is_store_folder, new_graph, store_kind
from graph.vocab import PREFIXES, SG

from .helpers import make_claim

FORMATS = ["turtle", "nt", "trig", "json-ld", "nquads"]


def _claims() -> list[Claim]:
    return [
        make_claim("RUS", "oppose", "the plan", stance="reject", wikidata="Q159", label="Russia"),
        make_claim("FRA", "support", "the plan", wikidata="Q142", label="France", start=40),
        make_claim(
            "unknown speaker",
            "support",
            "la coalition",
            lang="fr",
            doc="b.txt",
            concept="anti-isis-coalition",
            date=None,
            conditional=True,
        ),  # fmt: skip
    ]


@pytest.mark.parametrize("store", STORES)
def test_both_stores_give_the_same_graph_and_bytes(store: str) -> None:
    g = build_graph(_claims(), new_graph(store))
    assert store_kind(g) == store
    other = build_graph(_claims(), new_graph("memory" if store == "oxigraph" else "oxigraph"))
    assert isomorphic(g, other)
    for fmt in FORMATS:
        assert serialize(g, fmt) == serialize(other, fmt)


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_in_every_store(store: str, fmt: str) -> None:
    g = build_graph(_claims(), new_graph(store))
    back = parse_data(serialize(g, fmt), fmt, store=store)
    assert isomorphic(g, back)
    assert claims_from_graph(back) == claims_from_graph(g)


def test_literals_read_back_from_oxigraph_equal_rdflib_literals() -> None:
    g = new_graph("oxigraph")
    s = URIRef("https://example.org/s")
    g.add((s, SG.polarity, Literal("oppose")))
    g.add((s, SG.confidence, decimal_literal(1.0)))
    assert g.value(s, SG.polarity) == Literal("oppose")
    assert g.value(s, SG.confidence) == Literal("1", datatype=decimal_literal(1).datatype)
    assert (s, SG.polarity, Literal("oppose")) in g
    row = next(iter(g.query("SELECT ?p WHERE { ?s sg:polarity ?p }")))
    assert row[0] == Literal("oppose")  # type: ignore[index]


def test_decimal_literals_are_canonical() -> None:
    assert [str(decimal_literal(x)) for x in (0.75, 1.0, 0.0, 0.1 + 0.2, 0.6666)] == [
        "0.75", "1", "0", "0.3", "0.667",
    ]  # fmt: skip


def test_same_claim_with_two_confidences_keeps_the_highest() -> None:
    low, high = make_claim("RUS", "oppose", "x", confidence=0.5), make_claim("RUS", "oppose", "x",
                                                                            confidence=0.8)  # fmt: skip
    for order in ([low, high], [high, low]):
        g = build_graph([order[0]])
        build_graph([order[1]], g)
        assert [str(v) for v in g.objects(None, SG.confidence)] == ["0.8"]
        assert claims_from_graph(g)[0].confidence == 0.8


def test_case_variants_of_a_topic_keep_one_preferred_label_whatever_the_order() -> None:
    a = make_claim("RUS", "oppose", "The Plan")
    b = make_claim("FRA", "oppose", "the plan")
    assert a.topic.id == b.topic.id
    results = set()
    for first, second in ((a, b), (b, a)):
        g = build_graph([first])
        build_graph([second], g)
        pref = sorted(str(x) for x in g.objects(URIRef(a.topic.id), SKOS.prefLabel))
        alt = sorted(str(x) for x in g.objects(URIRef(a.topic.id), SKOS.altLabel))
        results.add((tuple(pref), tuple(alt)))
        assert serialize(g) == serialize(build_graph([a, b]))
    assert results == {(("The Plan",), ("the plan",))}
    assert reconcile(build_graph([a, b])) == 0


def test_store_folder_persists_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "corpus.oxigraph"
    assert is_store_target(path) and not is_store_folder(path)
    g = open_store(path)
    build_graph(_claims()[:1], g)
    n = len(g)
    close(g)
    assert is_store_folder(path)
    reader = load_graph(path)
    assert len(reader) == n
    close(reader)
    g2 = open_store(path)
    build_graph(_claims(), g2)
    flush(g2)
    assert isomorphic(g2, build_graph(_claims()))
    close(g2)


def test_save_graph_to_a_new_store_and_refuse_an_existing_one(tmp_path: Path) -> None:
    g = build_graph(_claims())
    save_graph(g, tmp_path / "a.oxigraph")
    stored = load_graph(tmp_path / "a.oxigraph")
    assert isomorphic(stored, g)
    close(stored)
    with pytest.raises(FileExistsError):
        save_graph(g, tmp_path / "a.oxigraph")
    save_graph(g, tmp_path / "a.nt")
    assert isomorphic(load_graph(tmp_path / "a.nt"), g)


def test_open_store_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "x.txt").write_text("x")
    with pytest.raises(GraphReadError, match="not an Oxigraph store"):
        open_store(tmp_path / "notes")


@pytest.mark.parametrize(
    ("name", "content"),
    [("bad.ttl", "this is <<< not turtle"), ("bad.nt", "<a> <b> ."), ("bad.jsonld", "{oops")],
)
def test_unreadable_files_name_the_file_and_the_problem(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(GraphReadError, match=rf"{name}: not a readable graph \(as .*line 1"):
        load_graph(path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(GraphReadError, match="no such file"):
        load_graph(tmp_path / "nope.ttl")


def test_copy_between_stores_keeps_everything() -> None:
    g = build_graph(_claims())
    for store in STORES:
        assert isomorphic(copy_graph(g, store), g)


def test_turtle_is_sorted_with_readable_prefixes() -> None:
    data = serialize(build_graph(_claims())).decode()
    header = [line for line in data.splitlines() if line.startswith("@prefix")]
    assert header == sorted(header)
    assert "claim:" in data and "actor:RUS" in data and "stance:reject" in data
    subjects = [line.split()[0] for line in data.splitlines() if line and not line[0].isspace()
                and not line.startswith("@")]  # fmt: skip

    def iri(name: str) -> str:
        prefix, _, local = name.partition(":")
        return PREFIXES[prefix] + local.replace("\\", "") if prefix in PREFIXES else name

    iris = [iri(s) for s in subjects]
    assert iris == sorted(iris)  # one block per subject, in IRI order
    assert len(iris) == len(set(iris))


def test_graph_is_an_rdflib_graph() -> None:
    g = build_graph(_claims())
    assert isinstance(g, Graph)
    assert len(list(g.subjects(None, None, unique=True))) > 5


def test_positions_and_networks_agree_across_stores() -> None:
    from graph import networks, positions

    claims = _claims() + [make_claim("FRA", "oppose", "the plan", doc="z.txt", date="2016-01-01")]
    mem, ox = build_graph(claims, new_graph("memory")), build_graph(claims, new_graph("oxigraph"))
    assert positions.positions(mem) == positions.positions(ox)
    assert positions.changes(mem) == positions.changes(ox)
    assert positions.positions(mem, actor="France") == positions.positions(ox, actor="France")
    for kind in networks.KINDS:
        a, b = networks.network(mem, kind), networks.network(ox, kind)
        assert networks.write_network(a, "json") == networks.write_network(b, "json")
