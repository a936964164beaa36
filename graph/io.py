"""Reading and writing graph files; writes are atomic (temporary file, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF

from .vocab import SG

FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "ttl": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "ntriples": ("nt", ".nt"),
    "trig": ("trig", ".trig"),
    "json-ld": ("json-ld", ".jsonld"),
    "jsonld": ("json-ld", ".jsonld"),
    "nquads": ("nquads", ".nq"),
}
SUFFIX_FORMAT = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld",
                 ".json": "json-ld", ".nq": "nquads"}  # fmt: skip


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The rdflib format name for an explicit format or a file suffix (default Turtle).

    >>> format_for("x.nt"), format_for("x.ttl"), format_for("x", "json-ld")
    ('nt', 'turtle', 'json-ld')
    """
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; available: {', '.join(sorted(FORMATS))}")
        return FORMATS[fmt][0]
    return SUFFIX_FORMAT.get(Path(str(path)).suffix.lower(), "turtle")


QUAD_FORMATS = ("trig", "nquads")


def to_dataset(g: Graph) -> Dataset:
    """One named graph per source document (its claims and their evidence), the rest
    (actors, topics, stance scheme, documents) in the default graph.

    The graph names carry no meaning of their own: merging all graphs gives ``g`` back.
    """
    ds = Dataset()
    for prefix, ns in g.namespaces():
        ds.bind(prefix, ns, replace=True)
    per_doc: dict[URIRef, set[object]] = {}
    for claim in g.subjects(RDF.type, SG.StanceClaim):
        doc = g.value(claim, PROV.wasDerivedFrom)
        if isinstance(doc, URIRef):
            nodes = per_doc.setdefault(doc, set())
            nodes.add(claim)
            nodes.update(g.objects(claim, SG.evidence))
    owner = {n: doc for doc, nodes in per_doc.items() for n in nodes}
    default = ds.default_graph
    named = {doc: ds.graph(doc) for doc in per_doc}
    for s, p, o in g:
        doc = owner.get(s)
        (named[doc] if doc is not None else default).add((s, p, o))
    return ds


def serialize(g: Graph, fmt: str = "turtle") -> bytes:
    """Serialize deterministically (rdflib sorts subjects for Turtle; N-Triples lines sorted).

    TriG and N-Quads get one named graph per source document (see :func:`to_dataset`).
    """
    target: Graph = to_dataset(g) if fmt in QUAD_FORMATS else g
    data = target.serialize(format=fmt, encoding="utf-8")
    if fmt in ("nt", "nquads"):
        lines = sorted(line for line in data.split(b"\n") if line.strip())
        data = b"\n".join(lines) + b"\n"
    return data


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_graph(path: str | Path, fmt: str | None = None) -> Graph:
    """Parse a graph file (format from ``fmt`` or the suffix)."""
    rdf_format = format_for(path, fmt)
    if rdf_format in QUAD_FORMATS:
        return parse_quads(Path(path).read_bytes(), rdf_format)
    g = Graph()
    g.parse(str(path), format=rdf_format)
    return g


def parse_quads(data: bytes, fmt: str) -> Graph:
    """Parse TriG or N-Quads and merge all graphs into one."""
    ds = Dataset()
    ds.parse(data=data, format=fmt)
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
