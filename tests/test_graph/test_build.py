from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
from graph.build import build_graph, claims_from_graph
from graph.io import QUAD_FORMATS, load_graph, parse_quads, serialize, write_atomic

FORMATS = ["turtle", "nt", "trig", "json-ld", "nquads"]


def _claim(doc: str = "a.txt", topic: str = "the plan", text: str = 'He said "no" > 1') -> Claim:
    return Claim.make(
        doc=doc,
        actor=ActorRef(actor_iri("RUS"), "Russia", "Q159", "state", "RUS"),
        stance="reject",
        polarity="oppose",
        topic=TopicRef(topic_iri("en", topic), topic, ("Q30",)),
        evidence=(Evidence(text, 3, 3 + len(text)),),
        language="en",
        extractor="stancegraph.reported_speech.v1",
        conditional=True,
        confidence=0.75,
        date="2015-11-27",
    )


def test_claims_round_trip_through_graph(seed_claims: list[Claim]) -> None:
    g = build_graph(seed_claims)
    back = claims_from_graph(g)
    assert sorted(c.to_json()["id"] for c in back) == sorted(c.id for c in seed_claims)
    by_id = {c.id: c for c in seed_claims}
    for c in back:
        orig = by_id[c.id]
        assert c.to_json() == orig.to_json()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips(fmt: str, seed_claims: list[Claim]) -> None:
    g = build_graph(seed_claims + [_claim(text='quotes " """ \\ > <\n\u0000 end')])
    data = serialize(g, fmt)
    if fmt in QUAD_FORMATS:
        back = parse_quads(data, fmt)
    else:
        back = Graph()
        back.parse(data=data, format=fmt)
    assert isomorphic(g, back)


def test_same_input_same_bytes(seed_claims: list[Claim]) -> None:
    a = serialize(build_graph(seed_claims), "turtle")
    b = serialize(build_graph(list(reversed(seed_claims))), "turtle")
    assert a == b


def test_no_blank_nodes(seed_claims: list[Claim]) -> None:
    from rdflib import BNode

    g = build_graph(seed_claims)
    assert not any(isinstance(x, BNode) for t in g for x in t)


def test_same_claim_twice_is_one_node() -> None:
    g1 = build_graph([_claim()])
    g2 = build_graph([_claim(), _claim()])
    assert isomorphic(g1, g2)


def test_atomic_write_keeps_old_file_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    out.write_bytes(b"old")

    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        write_atomic(out, object())  # type: ignore[arg-type]
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def _sparql_examples(root: Path) -> list[str]:
    text = (root / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, re.S)


def test_documented_sparql_examples_run(
    root: Path, seed_claims: list[Claim], tmp_path: Path
) -> None:
    g = build_graph(seed_claims)
    path = tmp_path / "seed.ttl"
    path.write_bytes(serialize(g, "turtle"))
    g = load_graph(path)
    examples = _sparql_examples(root)
    assert len(examples) >= 3
    for q in examples:
        rows = list(g.query(q))
        assert rows, f"documented query returned nothing:\n{q}"
