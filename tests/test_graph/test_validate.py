"""SHACL validation with the shipped shapes: valid graphs conform, each kind of damage is
reported with the node, the property and a readable message."""

from __future__ import annotations

from importlib import resources

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from graph.build import build_graph, new_graph
from graph.validate import Report, shapes, validate
from graph.vocab import NIF, SG, STANCE

from .helpers import make_claim


def _graph() -> Graph:
    return build_graph([
        make_claim("RUS", "oppose", "the plan", stance="reject", wikidata="Q159", label="Russia"),
        make_claim("someone", "support", "la coalition", lang="fr", doc="b.txt",
                   concept="anti-isis-coalition", date=None, conditional=True),
    ])  # fmt: skip


def _claim(g: Graph, polarity: str = "oppose") -> URIRef:
    return next(c for c in g.subjects(SG.polarity, Literal(polarity)) if (c, None, None) in g)


def test_shapes_ship_as_package_data_and_use_shacl_core_only() -> None:
    text = resources.files("graph").joinpath("shapes.ttl").read_text(encoding="utf-8")
    assert "sh:sparql" not in text and "sh:SPARQL" not in text
    assert len(shapes()) > 100


def test_built_graphs_conform() -> None:
    report = validate(_graph())
    assert isinstance(report, Report) and report.conforms and report.violations == ()
    assert validate(build_graph([])).conforms


def _damage(change) -> Report:  # noqa: ANN001
    g = _graph()
    change(g)
    return validate(g)


@pytest.mark.parametrize(
    ("change", "shape", "path"),
    [
        (lambda g: g.set((_claim(g), SG.confidence, Literal("1.5", datatype=XSD.decimal))),
         "sgsh:StanceClaim-confidence", "sg:confidence"),
        (lambda g: g.set((_claim(g), SG.polarity, Literal("neutral"))),
         "sgsh:StanceClaim-polarity", "sg:polarity"),
        (lambda g: g.set((_claim(g), SG.stance, STANCE.welcome)),
         "sgsh:StanceClaim-polarityOfStance", "sg:stance / sg:polarity"),
        (lambda g: g.remove((_claim(g), SG.evidence, None)),
         "sgsh:StanceClaim-evidence", "sg:evidence"),
        (lambda g: g.add((_claim(g), SG.topic, URIRef("https://w3id.org/stancegraph/id/topic/0"))),
         "sgsh:StanceClaim-topic", "sg:topic"),
        (lambda g: [g.add((s, NIF.beginIndex, Literal(-1))) for s in list(g.subjects(NIF.beginIndex, None))],
         "sgsh:Evidence-begin", "nif:beginIndex"),
    ],
)  # fmt: skip
def test_damage_is_reported(change, shape, path) -> None:  # noqa: ANN001
    report = _damage(change)
    assert not report.conforms
    hits = [v for v in report.violations if v.shape == shape]
    assert hits, str(report)
    assert hits[0].path == path and hits[0].message
    assert str(hits[0]).startswith(hits[0].focus)


def test_two_dates_on_one_document_are_a_violation() -> None:
    g = _graph()
    doc = URIRef("https://w3id.org/stancegraph/id/doc/b.txt")
    g.add((doc, DCTERMS.issued, Literal("2001-01-01", datatype=XSD.date)))
    g.add((doc, DCTERMS.issued, Literal("2002-01-01", datatype=XSD.date)))
    report = validate(g)
    assert [v.shape for v in report.violations] == ["sgsh:Document-issued"]
    assert report.violations[0].focus == "doc:b.txt"


def test_offsets_that_do_not_fit_the_text_are_reported() -> None:
    g = _graph()
    span = next(g.subjects(NIF.anchorOf, None))
    g.set((span, NIF.anchorOf, Literal("short")))
    report = validate(g)
    assert not report.conforms
    assert [v.shape for v in report.violations] == ["python:offsets"]
    assert "5 code points" in report.violations[0].message


def test_blank_nodes_are_reported() -> None:
    g = _graph()
    g.add((BNode(), SG.polarity, Literal("support")))
    assert "python:no-blank-nodes" in {v.shape for v in validate(g).violations}


def test_a_second_canonical_topic_is_only_a_warning() -> None:
    g = _graph()
    topic = next(t for t in g.subjects(RDF.type, SG.Topic) if (t, SKOS.broader, None) in g)
    concept = URIRef("https://w3id.org/stancegraph/id/concept/terrorism")
    g.add((topic, SKOS.broader, concept))
    g.add((concept, RDF.type, SKOS.Concept))
    g.add((concept, SKOS.prefLabel, Literal("terrorism", lang="en")))
    report = validate(g)
    assert report.conforms
    assert [v.severity for v in report.violations] == ["Warning"]


def test_an_empty_graph_conforms() -> None:
    assert validate(new_graph()).conforms


def test_the_shapes_are_declared_package_data(root) -> None:  # noqa: ANN001
    import fnmatch

    tomllib = pytest.importorskip("tomllib")

    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["graph"]
    assert any(fnmatch.fnmatch("shapes.ttl", p) for p in patterns)
    assert "pyshacl" in " ".join(config["project"]["dependencies"])
