"""Document text never reaches an IRI or a query unescaped: hostile ids, labels and
evidence give graphs that every serializer writes and parses back to the same claims."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from extractors import extract_text
from extractors.claims import (
    ActorRef,
    Claim,
    Evidence,
    TopicRef,
    actor_iri,
    document_iri,
    topic_iri,
    unknown_actor_id,
)
from graph.build import build_graph, claims_from_graph
from graph.io import parse_data, serialize
from graph.query import sparql

FORMATS = ["turtle", "nt", "trig", "json-ld", "nquads"]
HOSTILE = [
    "quote \" and ' apostrophe",
    "> <https://evil.example/x> ; a <urn:x> .",
    "line\nbreak\r\nand\ttab",
    '""" triple quotes """',
    "nul \u0000 and bell \x07 and del \x7f",
    "\\ backslash \\u0041 \\n",
    "right-to-left \u200f\u202e marks \u2066 and zwj \u200d",
    "combining e\u0301\u0301 and emoji 👩\u200d👩\u200d👧 🙂",
    "#char=0,5 % %zz ?q=1&x=<y>",
    "} ; DROP ALL ; INSERT DATA { <a> <b> <c> } #",
    "",
    " ",
]


def _claim(doc: str, label: str, text: str) -> Claim:
    return Claim.make(
        doc=doc,
        actor=ActorRef(actor_iri(unknown_actor_id(label or "x")), label),
        stance="reject",
        polarity="oppose",
        topic=TopicRef(topic_iri("en", label), label),
        evidence=(Evidence(text, 3, 3 + len(text)),),
        language="en",
        extractor="stancegraph.reported_speech.v1",
    )


def _roundtrip(claims: list[Claim]) -> None:
    g = build_graph(claims)
    want = claims_from_graph(g)
    for fmt in FORMATS:
        data = serialize(g, fmt)
        back = parse_data(data, fmt)
        assert len(back) == len(g), fmt
        assert claims_from_graph(back) == want, fmt


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field(text: str) -> None:
    claim = _claim(doc=text or "-", label=text, text=text)
    assert URIRef(claim.id) and " " not in document_iri(text) and ">" not in document_iri(text)
    _roundtrip([claim])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1), st.text(), st.text()), min_size=1, max_size=4))
def test_any_text_round_trips_through_every_serializer(rows: list[tuple[str, str, str]]) -> None:
    _roundtrip([_claim(doc, label, text) for doc, label, text in rows])


@pytest.mark.parametrize("text", HOSTILE)
def test_values_are_bound_not_pasted_into_sparql(text: str) -> None:
    g = build_graph([_claim("doc.txt", text, text), _claim("other.txt", "Russia", "Russia said")])
    n = len(g)
    res = sparql(g, "SELECT ?s ?t WHERE { ?s <http://persistence.uni-leipzig.org/nlp2rdf/"
                    "ontologies/nif-core#anchorOf> ?t }", {"t": Literal(text)})  # fmt: skip
    assert [str(row[1]) for row in res.rows] == [text]
    assert len(g) == n  # nothing was run but the query


def test_lone_surrogates_are_read_as_replacement_characters() -> None:
    text = "\ud800Russia rejected the peace plan.\udfff"
    claims = extract_text(text, "en", doc_id="a\udc80b")
    assert claims and all(c.doc == "a\ufffdb" for c in claims)
    clean = "\ufffd" + text[1:-1] + "\ufffd"
    for c in claims:
        for ev in c.evidence:
            assert clean[ev.start : ev.end] == ev.text
    _roundtrip(claims)
