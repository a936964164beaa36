"""Reading and writing graph files; writes are atomic (temporary file, then rename).

Parsing and serializing go through pyoxigraph whatever the store (measured 20–60× faster
than rdflib's parsers and serializers here, see docs/store.md). Output is deterministic:
triples are sorted (subject, then ``rdf:type`` first, then predicate and object) before
they are written, so the same graph always gives the same bytes.

>>> from rdflib import Literal, URIRef
>>> g = new_graph()
>>> g.add((URIRef("https://w3id.org/stancegraph/id/claim/1"), SG.polarity, Literal("oppose")))
<Graph identifier=urn:x-rdflib:default (<class 'rdflib.graph.Graph'>)>
>>> print(serialize(g, "nt").decode().strip())
<https://w3id.org/stancegraph/id/claim/1> <https://w3id.org/stancegraph/ns#polarity> "oppose" .
>>> len(parse_data(serialize(g, "turtle"), "turtle"))
1
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF

from .store import (
    DEFAULT_STORE,
    add_ox_triples,
    close,
    from_ox,
    is_store_folder,
    new_graph,
    ox_store,
    ox_triples,
)
from .vocab import PREFIXES, SG

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
OX_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
}
QUAD_FORMATS = ("trig", "nquads")
#: Not a file format: a folder holding an Oxigraph store (``-f oxigraph`` or ``*.oxigraph``).
STORE_FORMAT = "oxigraph"
_RDF_TYPE = str(RDF.type)
_SG_CLAIM = ox.NamedNode(str(SG.StanceClaim))
_RDF_TYPE_NODE = ox.NamedNode(_RDF_TYPE)
_DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))
_EVIDENCE = ox.NamedNode(str(SG.evidence))


class GraphReadError(ValueError):
    """A graph file that could not be read; the message names the file and the problem."""


def is_store_target(path: str | Path, fmt: str | None = None) -> bool:
    """Whether ``path`` means an Oxigraph store folder: ``fmt="oxigraph"``, a ``.oxigraph``
    suffix, or an existing store folder.

    >>> is_store_target("corpus.oxigraph"), is_store_target("corpus.ttl")
    (True, False)
    """
    return (
        fmt == STORE_FORMAT or str(path).rstrip("/").endswith(".oxigraph") or is_store_folder(path)
    )


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


def _term_key(term: Any) -> tuple[int, str, str]:
    if isinstance(term, ox.NamedNode):
        return (0, term.value, "")
    if isinstance(term, ox.Literal):
        return (2, term.value, term.language or term.datatype.value)
    return (1, str(term), "")


def _sort_key(t: ox.Triple) -> tuple[Any, ...]:
    """Subjects by IRI (a document before its ``#char=`` spans), ``rdf:type`` first."""
    return (_term_key(t.subject), t.predicate.value != _RDF_TYPE, t.predicate.value,
            _term_key(t.object))  # fmt: skip


def sorted_triples(g: Graph) -> list[ox.Triple]:
    """The triples of ``g`` as pyoxigraph terms, in output order."""
    return sorted(ox_triples(g), key=_sort_key)


def document_graphs(triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    """One named graph per source document (its claims and their evidence spans), the rest
    (actors, topics, schemes, documents) in the default graph; quads sorted by graph.

    The graph names carry no meaning of their own: merging all graphs gives the graph back.
    """
    triples = list(triples)
    owner: dict[Any, ox.NamedNode] = {}
    claims = {t.subject for t in triples if t.predicate == _RDF_TYPE_NODE and t.object == _SG_CLAIM}
    for t in triples:
        if t.subject in claims and t.predicate == _DERIVED and isinstance(t.object, ox.NamedNode):
            owner[t.subject] = t.object
    for t in triples:
        if t.predicate == _EVIDENCE and t.subject in owner and isinstance(t.object, ox.NamedNode):
            owner[t.object] = owner[t.subject]
    quads = [ox.Quad(t.subject, t.predicate, t.object, owner.get(t.subject, ox.DefaultGraph()))
             for t in triples]  # fmt: skip
    quads.sort(key=lambda q: ("" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value,
                              *_sort_key(q.triple)))  # fmt: skip
    yield from quads


def to_dataset(g: Graph) -> Dataset:
    """The graph as an rdflib ``Dataset`` with one named graph per source document
    (see :func:`document_graphs`)."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    for q in document_graphs(ox_triples(g)):
        s, p, o = from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)
        if isinstance(q.graph_name, ox.DefaultGraph):
            ds.default_graph.add((s, p, o))
        else:
            ds.graph(URIRef(q.graph_name.value)).add((s, p, o))
    return ds


def serialize(g: Graph, fmt: str = "turtle") -> bytes:
    """Serialize deterministically: sorted, prefixes from ``graph.vocab.PREFIXES``.

    TriG and N-Quads get one named graph per source document (see :func:`document_graphs`);
    N-Triples and N-Quads lines are sorted byte-wise.
    """
    fmt = format_for("", fmt)
    triples = sorted_triples(g)
    if fmt in QUAD_FORMATS:
        data = ox.serialize(document_graphs(triples), format=OX_FORMAT[fmt], prefixes=PREFIXES)
    elif fmt == "json-ld":
        data = ox.serialize(triples, format=OX_FORMAT[fmt])
    else:
        data = ox.serialize(triples, format=OX_FORMAT[fmt], prefixes=PREFIXES)
    data = data or b""
    if fmt in ("turtle", "trig"):
        data = _sort_prefixes(data)
    if fmt in ("nt", "nquads"):
        lines = sorted(line for line in data.split(b"\n") if line.strip())
        data = b"\n".join(lines) + b"\n" if lines else b""
    return data


def _sort_prefixes(data: bytes) -> bytes:
    """The ``@prefix`` header sorted by prefix (pyoxigraph writes it in hash order)."""
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, written,
    flushed and fsynced, then renamed over ``path`` (and the folder fsynced).

    An interrupted or failed write (Ctrl-C, kill, full disk) leaves the previous file byte
    for byte as it was (a hidden ``.NAME.*.tmp`` may stay behind after a kill). A symbolic
    link is followed (its target is replaced, the link kept) and an existing file keeps its
    permissions; a new one gets those the umask allows. Failures raise ``OSError`` naming
    ``path``.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "g.ttl"
    >>> write_atomic(p, b"<a> <b> <c> .")
    >>> p.read_bytes(), [x.name for x in p.parent.iterdir()]
    (b'<a> <b> <c> .', ['g.ttl'])
    """
    path = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _load_into(g: Graph, fmt: str, *, path: str | None = None, data: bytes | None = None) -> None:
    kw: dict[str, object] = {"format": OX_FORMAT[fmt]}
    if path is not None:
        kw["path"] = path
    else:
        kw["input"] = data
    inner = ox_store(g)
    if inner is not None and fmt not in QUAD_FORMATS:
        inner.bulk_load(**kw, to_graph=ox.DefaultGraph())  # type: ignore[arg-type]
    else:  # quads are merged into one graph
        add_ox_triples(g, (q.triple for q in ox.parse(**kw)))  # type: ignore[arg-type]


def parse_data(data: bytes, fmt: str, *, store: str = DEFAULT_STORE) -> Graph:
    """Parse RDF data into a new graph; the graphs of TriG/N-Quads are merged into one.

    >>> parse_data(b"<a> <b> <c> .", "nt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.io.GraphReadError: not valid N-Triples: Parser error at line 1 ...
    """
    fmt = format_for("", fmt)
    g = new_graph(store)
    try:
        _load_into(g, fmt, data=data)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphReadError(f"not valid {OX_FORMAT[fmt].name}: {_reason(exc)}") from None
    return g


def parse_quads(data: bytes, fmt: str) -> Graph:
    """Parse TriG or N-Quads and merge all graphs into one."""
    return parse_data(data, fmt)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300]


def load_graph(path: str | Path, fmt: str | None = None, *, store: str = DEFAULT_STORE) -> Graph:
    """Parse a graph file (format from ``fmt`` or the suffix) into a new graph; a folder
    holding an Oxigraph store is opened in place, read-only (see :func:`open_store` to
    add to it).

    Raises :class:`GraphReadError` naming the file when it cannot be read.
    """
    p = Path(path)
    if is_store_folder(p):
        try:
            return new_graph("oxigraph", path=p, read_only=True)
        except OSError as exc:
            raise GraphReadError(f"{path}: cannot open the store ({_reason(exc)})") from None
    if not p.is_file():
        raise GraphReadError(f"{path}: no such file")
    rdf_format = format_for(p, fmt)
    g = new_graph(store)
    try:
        _load_into(g, rdf_format, path=str(p))
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphReadError(
            f"{path}: not a readable graph (as {OX_FORMAT[rdf_format].name}: {_reason(exc)})"
        ) from None
    return g


def open_store(path: str | Path) -> Graph:
    """Open the Oxigraph store in folder ``path``, creating it when missing; what is added
    to the graph is kept there (call :func:`graph.store.flush` when done)."""
    p = Path(path)
    if p.exists() and not is_store_folder(p) and (not p.is_dir() or any(p.iterdir())):
        raise GraphReadError(f"{path}: not an Oxigraph store folder")
    try:
        return new_graph("oxigraph", path=p)
    except OSError as exc:
        raise GraphReadError(f"{path}: cannot open the store ({_reason(exc)})") from None


def save_graph(g: Graph, path: str | Path, fmt: str | None = None) -> None:
    """Write ``g`` to a file (atomically, format from ``fmt`` or the suffix) or, for
    ``fmt="oxigraph"`` / a ``.oxigraph`` path, to a new Oxigraph store folder."""
    if is_store_target(path, fmt):
        if Path(path).exists():
            raise FileExistsError(f"{path}: already exists; add to a store with --append")
        out = open_store(path)
        add_ox_triples(out, ox_triples(g))
        close(out)
        return
    write_atomic(path, serialize(g, format_for(path, fmt)))
