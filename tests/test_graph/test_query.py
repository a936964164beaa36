"""SPARQL with bound values, result formats, stats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Literal, URIRef

from extractors.claims import actor_iri
from graph.build import build_graph
from graph.query import (
    QueryError,
    in_window,
    result_csv,
    result_json,
    result_table,
    sparql,
)
from graph.stats import stats
from graph.store import STORES, new_graph

from .helpers import make_claim

CLAIMS = [
    make_claim("RUS", "oppose", "the plan", stance="reject", wikidata="Q159", label="Russia"),
    make_claim("FRA", "support", 'the "plan"', wikidata="Q142", label="France", start=40),
    make_claim(
        "FRA",
        "support",
        "sanctions",
        concept="sanctions",
        wikidata="Q142",
        label="France",
        lang="fr",
        doc="b.txt",
        date="2016-01-02",
    ),  # fmt: skip
]
PER_ACTOR = """SELECT ?a (COUNT(?c) AS ?n) WHERE { ?c a sg:StanceClaim ; sg:actor ?a }
GROUP BY ?a ORDER BY ?a"""


@pytest.fixture(scope="module", params=STORES)
def kg(request):  # noqa: ANN001, ANN201
    return build_graph(CLAIMS, new_graph(request.param))


def test_select_with_the_graph_prefixes(kg) -> None:  # noqa: ANN001
    res = sparql(kg, PER_ACTOR)
    assert res.kind == "SELECT" and res.vars == ["a", "n"]
    assert [(str(a), int(n)) for a, n in res.rows] == [(actor_iri("FRA"), 2), (actor_iri("RUS"), 1)]


def test_bound_values_are_values_not_query_text(kg) -> None:  # noqa: ANN001
    q = "SELECT ?label ?t WHERE { ?t skos:prefLabel ?label }"
    assert len(sparql(kg, q, {"label": Literal('the "plan"', lang="en")}).rows) == 1
    evil = '"} ?x ?y ?z . { ?t skos:prefLabel "'
    assert sparql(kg, q, {"label": evil}).rows == []
    q2 = "SELECT ?c ?a WHERE { ?c sg:actor ?a }"
    assert len(sparql(kg, q2, {"?a": f"<{actor_iri('FRA')}>"}).rows) == 2
    assert len(sparql(kg, q2, {"a": actor_iri("RUS")}).rows) == 1


def test_ask_and_construct(kg) -> None:  # noqa: ANN001
    assert sparql(kg, "ASK { ?c sg:polarity 'oppose' }").answer is True
    res = sparql(kg, "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?c sg:actor ?a . ?a rdfs:label ?l }")
    assert res.kind == "CONSTRUCT" and res.graph is not None and len(res.graph) == 2


def test_syntax_errors_are_query_errors(kg) -> None:  # noqa: ANN001
    with pytest.raises(QueryError, match="SPARQL query failed"):
        sparql(kg, "SELEC ?x WHERE {}")


def test_result_formats(kg) -> None:  # noqa: ANN001
    res = sparql(kg, PER_ACTOR)
    table = result_table(res).splitlines()
    assert table[0].split() == ["a", "n"] and set(table[1]) <= {"-", " "} and len(table) == 4
    rows = list(csv.reader(io.StringIO(result_csv(res))))
    assert rows == [["a", "n"], [actor_iri("FRA"), "2"], [actor_iri("RUS"), "1"]]
    doc = json.loads(result_json(res))
    assert doc["head"]["vars"] == ["a", "n"]
    assert doc["results"]["bindings"][0]["a"] == {"type": "uri", "value": actor_iri("FRA")}
    assert doc["results"]["bindings"][0]["n"]["datatype"].endswith("#integer")
    assert json.loads(result_json(sparql(kg, "ASK { ?s ?p ?o }"))) == {"head": {}, "boolean": True}


def test_windows() -> None:
    assert in_window("2015-11-30", until="2015-11") and not in_window("2015-12-01", until="2015-11")
    assert in_window("2015-11-01", since="2015-11") and not in_window("2015-10-31", since="2015-11")


def test_stats(kg) -> None:  # noqa: ANN001
    s = stats(kg)
    assert (s.documents, s.claims, s.actors, s.topics, s.concepts) == (2, 3, 2, 3, 1)
    assert s.by_language == {"en": 2, "fr": 1} and s.by_polarity == {"oppose": 1, "support": 2}
    assert s.top_actors == [("France", 2), ("Russia", 1)]
    assert (s.first, s.last) == ("2015-11-27", "2016-01-02")
    assert "documents   2" in str(s) and json.dumps(s.to_json())
    assert stats(kg, lang="fr").top_actors[0] == ("France", 2)
    assert URIRef(actor_iri("FRA")) in set(kg.subjects())
