"""Where a graph lives: the store behind rdflib's ``Graph`` API.

Everything in stancegraph talks to an ``rdflib.Graph``. By default that graph is backed by
Oxigraph (``pyoxigraph`` through ``oxrdflib``), in memory: it builds, parses, serializes
and answers SPARQL much faster than rdflib's own in-memory store and holds a 100k-claim
corpus in well under half the memory (measured in ``docs/store.md``). rdflib's store stays
available (``store="memory"``), and an Oxigraph store can also live in a folder on disk, so
that a corpus is built incrementally across runs without re-reading a file each time.

>>> g = new_graph()
>>> store_kind(g)
'oxigraph'
>>> from rdflib import Literal, URIRef
>>> g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("x")))
<Graph identifier=urn:x-rdflib:default (<class 'rdflib.graph.Graph'>)>
>>> g.value(URIRef("https://example.org/a"), URIRef("https://example.org/p")) == Literal("x")
True
>>> store_kind(new_graph("memory")), len(copy_graph(g, "memory"))
('memory', 1)
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from oxrdflib._converter import from_ox_graph_name, to_ox, to_ox_quad_pattern
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from .vocab import PREFIXES

#: The stores a graph can live in.
STORES = ("oxigraph", "memory")
#: Chosen by measurement (docs/store.md): Oxigraph, in memory.
DEFAULT_STORE = "oxigraph"

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_ox(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term; ``xsd:string`` literals become plain literals.

    RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` the same literal, but rdflib does not: a
    literal read back from Oxigraph would otherwise never equal the ``Literal("x")`` that was
    written, and graphs from the two stores would never be isomorphic.

    >>> from_ox(ox.Literal("x")) == Literal("x")
    True
    >>> from_ox(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return from_ox(term.subject), from_ox(term.predicate), from_ox(term.object)
    raise ValueError(f"unexpected Oxigraph term: {term!r}")


_IRIS: dict[str, ox.NamedNode] = {}


def to_ox_term(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (IRIs memoized: predicates and classes repeat).

    >>> to_ox_term(Literal("x", lang="fr"))
    <Literal value=x language=fr>
    """
    if isinstance(term, URIRef):
        node = _IRIS.get(term)
        if node is None:
            if len(_IRIS) > 100_000:
                _IRIS.clear()
            node = _IRIS[term] = ox.NamedNode(term)
        return node
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=to_ox_term(term.datatype))
        return ox.Literal(str(term))
    return to_ox(term)


class OxStore(OxigraphStore):
    """``oxrdflib``'s store with literal round-tripping fixed (see :func:`from_ox`), faster
    bulk adds, and no per-triple ``Graph`` objects built when iterating."""

    def addN(self, quads: Iterable[Any]) -> None:  # noqa: N802
        conv = to_ox_term
        out = []
        last: Any = None
        name: Any = None
        for s, p, o, c in quads:
            if c is not last:
                ident = getattr(c, "identifier", c)
                name = ox.DefaultGraph() if ident == DATASET_DEFAULT_GRAPH_ID else to_ox(ident)
                last = c
            out.append(ox.Quad(conv(s), conv(p), conv(o), name))
        self._inner.extend(out)

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
        try:
            pattern = to_ox_quad_pattern(triple_pattern, context)
        except (TypeError, ValueError):
            return iter(())
        quads = self._inner.quads_for_pattern(*pattern)
        return (
            (
                (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)),
                iter((context if context is not None else from_ox_graph_name(q.graph_name, self),)),
            )
            for q in quads
        )

    def __len__(self, context: Any = None) -> int:
        if not any(True for _ in self._inner.named_graphs()):
            return len(self._inner)
        return super().__len__(context)

    def query(self, query: Any, initNs: Mapping[str, Any], initBindings: Mapping[str, Any],  # noqa: N803
              queryGraph: Any, **kwargs: object) -> Result:  # noqa: N803  # fmt: skip
        if not isinstance(query, str):
            raise NotImplementedError("parsed queries are answered by rdflib")
        if kwargs:
            raise NotImplementedError(f"unsupported query options {sorted(kwargs)}")
        result = self._inner.query(
            query,
            use_default_graph_as_union=queryGraph == "__UNION__",
            default_graph=to_ox(queryGraph) if isinstance(queryGraph, Node) else None,  # type: ignore[arg-type]
            prefixes={k: str(v) for k, v in initNs.items()},
            substitutions={ox.Variable(k): to_ox_term(v) for k, v in initBindings.items()},
        )
        if isinstance(result, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(result)
        elif isinstance(result, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in result.variables]
            names = out.vars
            out.bindings = [
                {v: from_ox(x) for v, x in zip(names, row, strict=True) if x is not None}
                for row in result
            ]
        else:
            out = Result("CONSTRUCT")
            out.graph = new_graph("memory")
            out.graph += (from_ox(t) for t in result)
        return out


def _bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True, override=True)
    return g


def new_graph(
    store: str = DEFAULT_STORE, *, path: str | Path | None = None, read_only: bool = False
) -> Graph:
    """An empty graph with the project's prefixes bound.

    ``store`` is ``"oxigraph"`` (default) or ``"memory"`` (rdflib's own store); ``path``
    opens (or creates) an Oxigraph store in that folder, which persists across runs
    (``read_only``: open an existing one without taking its write lock; several readers
    may share it, but not while a writer adds to it).

    >>> new_graph("sqlite")
    Traceback (most recent call last):
    ...
    ValueError: unknown store 'sqlite'; available: oxigraph, memory
    """
    if store not in STORES:
        raise ValueError(f"unknown store {store!r}; available: {', '.join(STORES)}")
    if store == "memory":
        if path is not None:
            raise ValueError("rdflib's memory store cannot live in a folder; use store='oxigraph'")
        return _bind_prefixes(Graph(identifier=DATASET_DEFAULT_GRAPH_ID))
    if path is None:
        inner = ox.Store()
    else:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    return _bind_prefixes(Graph(store=OxStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID))


def is_store_folder(path: str | Path) -> bool:
    """True when ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def store_kind(g: Graph) -> str:
    """``"oxigraph"`` or ``"memory"``: which store a graph lives in."""
    return "oxigraph" if isinstance(g.store, OxStore) else "memory"


def ox_store(g: Graph) -> ox.Store | None:
    """The pyoxigraph store behind ``g``, or None for any other store."""
    store = g.store
    return store._inner if isinstance(store, OxigraphStore) else None


def ox_triples(g: Graph) -> Iterator[ox.Triple]:
    """Every triple of ``g`` as pyoxigraph terms (no conversion when ``g`` is Oxigraph)."""
    inner = ox_store(g)
    if inner is not None:
        for q in inner.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield q.triple
    else:
        for t in g:
            yield to_ox(t).triple  # type: ignore[union-attr]


def add_ox_triples(g: Graph, triples: Iterable[ox.Triple]) -> None:
    """Add pyoxigraph triples to ``g`` (in bulk when ``g`` is Oxigraph)."""
    inner = ox_store(g)
    if inner is not None:
        inner.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    else:
        g.addN((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), g) for t in triples)


def copy_graph(g: Graph, store: str = DEFAULT_STORE) -> Graph:
    """A copy of ``g`` in a new graph of the given store."""
    out = new_graph(store)
    add_ox_triples(out, ox_triples(g))
    return out


def flush(g: Graph) -> None:
    """Make the writes to an on-disk store durable (no-op for in-memory graphs)."""
    inner = ox_store(g)
    if inner is not None:
        inner.flush()


def close(g: Graph) -> None:
    """Flush and release an on-disk store (its folder lock), so it can be opened again."""
    inner = ox_store(g)
    if inner is not None:
        with contextlib.suppress(OSError, RuntimeError):  # read-only: nothing to flush
            inner.flush()
        g.close()


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small terms are created: a bulk
    load makes no cycles, and collecting on the way costs about a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
