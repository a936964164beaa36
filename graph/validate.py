"""Validating a graph against the shipped SHACL shapes (``graph/shapes.ttl``), with pySHACL.

The shapes are SHACL Core only and run with ``inference="none"``: no SPARQL-based
constraints, so validation uses direct graph lookups. Two checks SHACL Core cannot express
are done in Python: no blank nodes anywhere, and each evidence span's text has the length
its offsets say (``end - begin == len(anchorOf)``, offsets in code points).

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> from graph.build import build_graph
>>> c = Claim.make(doc="a.txt", actor=ActorRef(actor_iri("RUS"), "Russia", "Q159", "state", "RUS"),
...     stance="reject", polarity="oppose", topic=TopicRef(topic_iri("en", "the plan"), "the plan"),
...     evidence=(Evidence("rejected", 7, 15),), language="en", extractor="x.v1")
>>> validate(build_graph([c])).conforms
True
>>> from rdflib import Literal
>>> from graph.vocab import SG
>>> g = build_graph([c]); g.set((URIRef(c.id), SG.confidence, Literal(2)))  # doctest: +ELLIPSIS
<Graph ...>
>>> report = validate(g)
>>> report.conforms, [v.path for v in report.violations]
(False, ['sg:confidence'])
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .store import copy_graph, store_kind
from .vocab import NIF, PREFIXES

SHAPES_NS = "https://w3id.org/stancegraph/shapes#"


@dataclass(frozen=True, order=True)
class Violation:
    """One problem: the node, the property path, what was wrong, the offending value and the
    shape that says so (prefixed names, e.g. ``claim:0f3…``, ``sg:confidence``)."""

    focus: str
    path: str
    message: str
    value: str
    shape: str
    severity: str = "Violation"

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}{value} [{self.shape}]"

    def to_json(self) -> dict[str, str]:
        return {"focus": self.focus, "path": self.path, "message": self.message,
                "value": self.value, "shape": self.shape, "severity": self.severity}  # fmt: skip


@dataclass(frozen=True)
class Report:
    """The outcome of :func:`validate`: ``conforms`` and the sorted violations."""

    conforms: bool
    violations: tuple[Violation, ...]
    focus_nodes: int = 0

    def __str__(self) -> str:
        if self.conforms:
            return "the graph conforms to the stancegraph shapes"
        lines = [str(v) for v in self.violations]
        return "\n".join(lines)


@cache
def shapes_text() -> str:
    """The Turtle text of the shipped shapes (package data)."""
    return resources.files("graph").joinpath("shapes.ttl").read_text(encoding="utf-8")


@cache
def _shapes() -> Graph:
    g = Graph()
    g.parse(data=shapes_text(), format="turtle")
    return g


def shapes() -> Graph:
    """The shipped SHACL shapes as a (fresh) rdflib graph."""
    out = Graph()
    for t in _shapes():
        out.add(t)
    for prefix, ns in _shapes().namespaces():
        out.bind(prefix, ns)
    return out


_BY_LENGTH = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
_BY_LENGTH += [(SHAPES_NS, "sgsh"), (str(SH), "sh")]
_BY_LENGTH.sort(key=lambda x: -len(x[0]))


def short(term: Any) -> str:
    """A term in prefixed form where a prefix fits, else as N-Triples.

    >>> short(URIRef("https://w3id.org/stancegraph/ns#confidence")), short(Literal(2))
    ('sg:confidence', '"2"^^xsd:integer')
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for ns, prefix in _BY_LENGTH:
            if s.startswith(ns) and len(s) > len(ns):
                return f"{prefix}:{s[len(ns) :]}"
        return f"<{s}>"
    if isinstance(term, Literal):
        if term.datatype:
            return f'"{term}"^^{short(term.datatype)}'
        return term.n3()
    return str(term)


def _path(g: Graph, node: Any) -> str:
    """A SHACL path as text: an IRI, or a sequence ``(a / b)``."""
    if isinstance(node, URIRef):
        return short(node)
    try:
        items = [short(x) for x in Collection(g, node)]
    except Exception:  # not a list: an unusual path, shown as it is
        return str(node)
    return " / ".join(items)


def _results(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = results.value(r, SH.resultPath)
        shape = results.value(r, SH.sourceShape)
        message = results.value(r, SH.resultMessage)
        component = results.value(r, SH.sourceConstraintComponent)
        out.append(Violation(
            focus=short(results.value(r, SH.focusNode)),
            path=_path(results, path) if path is not None else "",
            message=str(message) if message else short(component),
            value=short(results.value(r, SH.value)),
            shape=short(shape) if isinstance(shape, URIRef) else short(component),
            severity=severity,
        ))  # fmt: skip
    return out


def python_checks(g: Graph) -> list[Violation]:
    """What SHACL Core cannot say: no blank nodes; evidence text as long as its offsets."""
    out = []
    blank: set[Any] = set()
    for s, _, o in g:
        if isinstance(s, BNode):
            blank.add(s)
        if isinstance(o, BNode):
            blank.add(o)
    for b in sorted(blank, key=str)[:20]:
        out.append(Violation(f"_:{b}", "", "blank node: stancegraph mints an IRI for every node",
                             "", "python:no-blank-nodes"))  # fmt: skip
    values: dict[Any, dict[Any, Any]] = defaultdict(dict)
    for p in (NIF.beginIndex, NIF.endIndex, NIF.anchorOf):
        for s, o in g.subject_objects(p):
            values[s][p] = o
    for span, v in sorted(values.items(), key=lambda x: str(x[0])):
        if len(v) < 3:
            continue  # missing values are SHACL's to report
        try:
            begin, end = int(v[NIF.beginIndex]), int(v[NIF.endIndex])
        except (TypeError, ValueError):
            continue
        text = str(v[NIF.anchorOf])
        if end - begin != len(text):
            out.append(Violation(
                short(span), "nif:anchorOf",
                f"the text is {len(text)} code points long but the offsets span {end - begin}",
                short(v[NIF.anchorOf])[:80], "python:offsets",
            ))  # fmt: skip
    return out


def validate(g: Graph, *, focus_nodes: list[Any] | None = None) -> Report:
    """Validate ``g`` against the shipped shapes (pySHACL, SHACL Core, ``inference="none"``)
    and the Python checks; ``focus_nodes`` restricts SHACL to those nodes (for batches)."""
    import pyshacl

    data = copy_graph(g, "memory") if store_kind(g) != "memory" else g
    kw: dict[str, Any] = {}
    if focus_nodes is not None:
        kw["focus_nodes"] = focus_nodes
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=_shapes(), inference="none", advanced=False, meta_shacl=False,
        allow_infos=True, allow_warnings=True, abort_on_first=False, **kw,
    )  # fmt: skip
    violations = _results(results) + python_checks(data)
    violations = sorted(set(violations))
    ok = not any(v.severity == "Violation" for v in violations)
    return Report(conforms=ok, violations=tuple(violations))
