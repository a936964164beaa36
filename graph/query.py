"""Asking the graph questions: SPARQL with bound values, the claim projection every analysis
starts from, and finding actors and topics by any of their names.

User text never becomes part of a query string: SPARQL values are bound with
``initBindings`` and names are matched in Python on folded labels (case, accents and Arabic
marks ignored, as everywhere in stancegraph).

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> from graph.build import build_graph
>>> from rdflib import URIRef
>>> c = Claim.make(doc="a.txt", actor=ActorRef(actor_iri("vladimir-putin"), "Vladimir Putin",
...     "Q7747", "person", "RUS"), stance="support", polarity="support",
...     topic=TopicRef(topic_iri("en", "the coalition"), "the coalition"),
...     evidence=(Evidence("Putin backs the coalition", 0, 25),), language="en", extractor="x.v1",
...     date="2015-11-27")
>>> kg = build_graph([c])
>>> [a.label for a in match_actors(kg, "بوتين")]
['Vladimir Putin']
>>> [r.topic_label for r in claim_rows(kg, since="2015-11")]
['the coalition']
>>> sparql(kg, "SELECT ?c ?a WHERE { ?c sg:actor ?a }", {"a": actor_iri("vladimir-putin")}).rows[0][0] == URIRef(c.id)
True
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS
from rdflib.query import Result

from extractors.normalize import fold

from .store import no_gc
from .vocab import SG

TOPIC_BY = ("concept", "phrase")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class QueryError(ValueError):
    """A SPARQL query that could not be parsed or answered, or an invalid filter value."""


@dataclass(frozen=True)
class ClaimRow:
    """One claim, flat: what discourse network analysis needs of it.

    ``key`` is the topic the claim counts for in positions and networks: its canonical
    concept (``skos:broader``) when it has one and ``topic_by="concept"``, else the topic
    phrase node itself.
    """

    claim: str
    actor: str
    actor_label: str
    polarity: str
    stance: str
    topic: str
    topic_label: str
    concept: str | None
    concept_label: str | None
    key: str
    key_label: str
    date: str | None
    doc: str
    confidence: float
    conditional: bool
    negated: bool
    language: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Match:
    """An actor or topic found by name: its IRI, display label and the name that matched."""

    iri: str
    label: str
    matched: str


def check_date(value: str | None, name: str = "date") -> str | None:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    >>> check_date("2015-11"), check_date(None)
    ('2015-11', None)
    >>> check_date("27/11/2015", "since")
    Traceback (most recent call last):
    ...
    graph.query.QueryError: since: expected YYYY, YYYY-MM or YYYY-MM-DD, got '27/11/2015'
    """
    if value is None:
        return None
    if not _DATE.match(value):
        raise QueryError(f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def in_window(date: str | None, since: str | None = None, until: str | None = None) -> bool:
    """Whether a claim date falls in a window whose ends are inclusive at their precision
    (``until="2015-11"`` includes 30 November). Undated claims are outside any window.

    >>> in_window("2015-11-30", "2015", "2015-11"), in_window(None), in_window(None, "2015")
    (True, True, False)
    """
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date[: len(since)] < since:
        return False
    return not (until is not None and date[: len(until)] > until)


def _index(g: Graph, predicate: URIRef) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for s, o in g.subject_objects(predicate):
        out[s].append(o)
    return out


def pick_label(values: Iterable[Any] | None, lang: str = "en") -> str | None:
    """The smallest label in ``lang``, else in English, else the smallest of all.

    >>> pick_label([Literal("Russie", lang="fr"), Literal("Russia", lang="en")], "fr")
    'Russie'
    """
    values = list(values or ())
    if not values:
        return None
    for code in (lang, "en"):
        same = [v for v in values if getattr(v, "language", None) == code]
        if same:
            return str(min(same, key=str))
    return str(min(values, key=str))


class Labels:
    """Display labels of actors and topics in a preferred language (``lang``): an actor's
    ``schema:name`` in that language, else its ``rdfs:label``; a concept's ``skos:prefLabel``
    in that language, else in English; a topic phrase's own label.

    Labels are looked up node by node (and remembered); ``bulk=True`` reads all labels of
    the graph at once, which is faster when most nodes will be asked for.
    """

    _PREDICATES = (SDO.name, RDFS.label, SKOS.prefLabel)

    def __init__(self, g: Graph, lang: str = "en", *, bulk: bool = False) -> None:
        self.g = g
        self.lang = lang
        self._bulk = {p: _index(g, p) for p in self._PREDICATES} if bulk else None
        self._cache: dict[tuple[Any, Any], list[Any]] = {}

    def _values(self, node: URIRef, predicate: URIRef) -> list[Any]:
        if self._bulk is not None:
            return self._bulk[predicate].get(node, [])
        key = (node, predicate)
        if key not in self._cache:
            self._cache[key] = list(self.g.objects(node, predicate))
        return self._cache[key]

    def actor(self, node: Any) -> str:
        node = URIRef(str(node))
        names = [v for v in self._values(node, SDO.name)
                 if getattr(v, "language", None) == self.lang]  # fmt: skip
        return pick_label(names or self._values(node, RDFS.label), self.lang) or _local(node)

    def topic(self, node: Any) -> str:
        node = URIRef(str(node))
        return pick_label(self._values(node, SKOS.prefLabel), self.lang) or _local(node)


def _local(node: Any) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1]


_ROWS = """
SELECT ?c ?a ?pol ?s ?t ?k (STR(?d0) AS ?d) (STR(?docid0) AS ?docid) (STR(?conf0) AS ?conf)
       (STR(?cond0) AS ?cond) (STR(?neg0) AS ?neg) (STR(?lang0) AS ?lang) WHERE {
  ?c a sg:StanceClaim ; sg:actor ?a ; sg:polarity ?pol ; sg:stance ?s ; sg:topic ?t .
  OPTIONAL { ?c prov:wasDerivedFrom ?doc . ?doc sg:documentId ?docid0 }
  OPTIONAL { ?c sg:statementDate ?d0 }
  OPTIONAL { ?t skos:broader ?k }
  OPTIONAL { ?c sg:confidence ?conf0 }
  OPTIONAL { ?c sg:conditional ?cond0 }
  OPTIONAL { ?c sg:negated ?neg0 }
  OPTIONAL { ?c dcterms:language ?lang0 }
}
"""
_NS = {"sg": SG._NS, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS, "rdf": RDF}


def claim_rows(
    kg: Graph,
    *,
    actors: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    polarity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    conditional: bool = True,
    topic_by: str = "concept",
    lang: str = "en",
) -> list[ClaimRow]:
    """The claims of ``kg`` as :class:`ClaimRow`, filtered, sorted by date, actor and IRI.

    ``actors``: IRIs (each bound into the query); ``topics``: IRIs of topic phrases or
    concepts; ``polarity``: ``support`` or ``oppose``; ``since``/``until``: a date window
    (:func:`in_window`; undated claims are left out when a window is given);
    ``conditional=False`` leaves out explicitly conditional claims; ``topic_by`` chooses the
    key a claim counts for (``concept`` or ``phrase``); ``lang`` the label language.
    """
    if topic_by not in TOPIC_BY:
        raise QueryError(f"unknown topic key {topic_by!r}; available: {', '.join(TOPIC_BY)}")
    if polarity not in (None, "support", "oppose"):
        raise QueryError(f"unknown polarity {polarity!r}; available: support, oppose")
    check_date(since, "since")
    check_date(until, "until")
    bindings: list[dict[str, Any]] = (
        [{"a": URIRef(a)} for a in sorted(set(actors))] if actors is not None else [{}]
    )
    with no_gc():
        return _claim_rows(kg, bindings, topics, polarity, since, until, min_confidence,
                           conditional, topic_by, lang)  # fmt: skip


def _claim_rows(kg: Graph, bindings: list[dict[str, Any]], topics: Iterable[str] | None,
                polarity: str | None, since: str | None, until: str | None,
                min_confidence: float, conditional: bool, topic_by: str,
                lang: str) -> list[ClaimRow]:  # fmt: skip
    raw: dict[str, Any] = {}
    for b in bindings:
        for r in kg.query(_ROWS, initNs=_NS, initBindings=b):
            row = r.asdict()  # type: ignore[union-attr]
            if "a" in b:
                row.setdefault("a", b["a"])
            c = str(row["c"])
            prev = raw.get(c)
            if prev is None or _better(row, prev):
                raw[c] = row
    wanted = {str(t) for t in topics} if topics is not None else None
    labels = Labels(kg, lang, bulk=len(raw) > 2000)
    out = []
    for c, r in raw.items():
        pol = str(r["pol"])
        date = str(r["d"]) if r.get("d") is not None else None
        conf = float(str(r["conf"])) if r.get("conf") is not None else 0.5
        cond = str(r.get("cond")) in ("true", "1")
        topic, concept = str(r["t"]), (str(r["k"]) if r.get("k") is not None else None)
        if polarity and pol != polarity:
            continue
        if not in_window(date, since, until) or conf < min_confidence:
            continue
        if cond and not conditional:
            continue
        if wanted is not None and topic not in wanted and concept not in wanted:
            continue
        key = concept if concept and topic_by == "concept" else topic
        out.append(ClaimRow(
            claim=c, actor=str(r["a"]), actor_label=labels.actor(r["a"]), polarity=pol,
            stance=_local(r["s"]), topic=topic, topic_label=labels.topic(topic),
            concept=concept, concept_label=labels.topic(concept) if concept else None,
            key=key, key_label=labels.topic(key), date=date,
            doc=str(r["docid"]) if r.get("docid") is not None else "",
            confidence=conf, conditional=cond,
            negated=str(r.get("neg")) in ("true", "1"),
            language=str(r.get("lang") or ""),
        ))  # fmt: skip
    out.sort(key=lambda x: (x.date or "", x.actor, x.key, x.claim))
    return out


def _better(row: Mapping[str, Any], prev: Mapping[str, Any]) -> bool:
    """Between two rows of one claim (a graph that holds several values), keep the one
    with the highest confidence, then the smallest values: the choice is deterministic."""

    def key(r: Mapping[str, Any]) -> tuple[Any, ...]:
        conf = float(str(r["conf"])) if r.get("conf") is not None else 0.0
        return (-conf, *(str(r.get(v, "")) for v in ("k", "d", "docid", "pol", "s", "t")))

    return key(row) < key(prev)


def _names(kg: Graph, predicates: Iterable[URIRef], nodes: set[Any]) -> dict[Any, set[str]]:
    out: dict[Any, set[str]] = defaultdict(set)
    for p in predicates:
        for s, o in kg.subject_objects(p):
            if s in nodes:
                out[s].add(str(o))
    return out


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


def match_actors(kg: Graph, text: str, *, lang: str = "en") -> list[Match]:
    """Actors named ``text`` in any language (``rdfs:label``, ``schema:name``,
    ``schema:alternateName``), or with that id, Wikidata id or IRI.

    Exact names win: "Iran" finds Iran, not the Iranian foreign ministry; when no name is
    exactly ``text``, every actor with a name containing it is returned ("Putin" finds
    Vladimir Putin). Matching ignores case, accents and Arabic marks.
    """
    q = _norm(text)
    if not q:
        return []
    actors = set(kg.subjects(RDF.type, SG.Actor))
    names = _names(kg, (RDFS.label, SDO.name, SDO.alternateName), actors)
    same = _index(kg, OWL.sameAs)
    labels = Labels(kg, lang)
    exact: list[Match] = []
    partial: list[Match] = []
    for a in actors:
        ids = {str(a), _local(a)} | {_local(x) for x in same.get(a, ())}
        if text.strip() in ids or q in {_norm(i) for i in ids}:
            exact.append(Match(str(a), labels.actor(a), text.strip()))
            continue
        folded = sorted((_norm(n), n) for n in names.get(a, ()))
        hit = next((n for f, n in folded if f == q), None)
        if hit is not None:
            exact.append(Match(str(a), labels.actor(a), hit))
            continue
        hit = next((n for f, n in folded if q in f), None)
        if hit is not None:
            partial.append(Match(str(a), labels.actor(a), hit))
    return sorted(exact or partial, key=lambda m: (m.label, m.iri))


def match_topics(kg: Graph, text: str, *, lang: str = "en") -> list[Match]:
    """Topic phrases and canonical topics whose label (any language, preferred or
    alternative), notation, Wikidata id or IRI contains ``text``, ignoring case, accents
    and Arabic marks. A claim matches when its topic or its topic's concept matches."""
    q = _norm(text)
    if not q:
        return []
    topics = set(kg.subjects(RDF.type, SG.Topic))
    concepts = {o for _, o in kg.subject_objects(SKOS.broader) if _ in topics}
    nodes = topics | concepts
    names = _names(kg, (SKOS.prefLabel, SKOS.altLabel, SKOS.notation), nodes)
    wd = _names(kg, (SKOS.exactMatch, SKOS.related), nodes)
    labels = Labels(kg, lang)
    out = []
    for n in nodes:
        ids = {str(n), _local(n)} | {_local(x) for x in wd.get(n, ())}
        hit = text.strip() if text.strip() in ids else None
        if hit is None:
            hit = next((x for x in sorted(names.get(n, ())) if q in _norm(x)), None)
        if hit is not None:
            out.append(Match(str(n), labels.topic(n), hit))
    return sorted(out, key=lambda m: (m.label, m.iri))


@dataclass
class QueryResult:
    """The answer to a SPARQL query: ``kind`` is SELECT, ASK, CONSTRUCT or DESCRIBE; a
    SELECT has ``vars`` and ``rows`` (rdflib terms, None when unbound), ASK has ``answer``,
    CONSTRUCT/DESCRIBE have ``graph``."""

    kind: str
    vars: list[str]
    rows: list[list[Any]]
    answer: bool | None = None
    graph: Graph | None = None


def _term(value: Any) -> Any:
    """A binding value: rdflib terms as they are, ``<iri>`` or an http(s)/urn IRI as a
    URIRef, anything else as a plain literal (numbers and booleans typed)."""
    if isinstance(value, (URIRef, Literal)):
        return value
    if isinstance(value, str):
        if value.startswith("<") and value.endswith(">"):
            return URIRef(value[1:-1])
        if re.match(r"^(https?|urn):\S+$", value):
            return URIRef(value)
    return Literal(value)


def sparql(kg: Graph, query: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
    """Run a SPARQL query; ``bindings`` pre-bind variables (``{"a": "https://…"}``) as
    values, never as text; a bound variable must appear in the SELECT clause (Oxigraph
    substitutes it there). The graph's prefixes (``sg:``, ``skos:``, ``actor:``…) are
    declared. Raises :class:`QueryError` with the parser's message."""
    init = {k.lstrip("?$"): _term(v) for k, v in (bindings or {}).items()}
    try:
        res: Result = kg.query(query, initBindings=init)
        if res.type == "ASK":
            return QueryResult("ASK", [], [], answer=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult(res.type, [], [], graph=res.graph)
        names = [str(v) for v in (res.vars or [])]
        rows = [[r.get(v) for v in (res.vars or [])] for r in res.bindings]
    except QueryError:
        raise
    except Exception as exc:  # parsers raise SyntaxError, ParseException, ValueError…
        msg = " ".join(str(exc).split()) or type(exc).__name__
        if "in its SELECT projection" in msg:
            msg += " (a bound variable must be selected)"
        raise QueryError(f"SPARQL query failed: {msg[:500]}") from None
    return QueryResult("SELECT", names, rows)


def _cell(v: Any) -> str:
    return "" if v is None else str(v)


def result_table(res: QueryResult, *, max_width: int = 60) -> str:
    """A SELECT result as an aligned text table (long values cut with …)."""
    cols = res.vars
    cells = [[_cell(v) for v in row] for row in res.rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]  # fmt: skip
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines) + "\n"


def result_csv(res: QueryResult) -> str:
    """A SELECT result as CSV (header row, values as text, empty when unbound)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(res.vars)
    for row in res.rows:
        w.writerow([_cell(v) for v in row])
    return out.getvalue()


def _json_term(v: Any) -> dict[str, str]:
    if isinstance(v, URIRef):
        return {"type": "uri", "value": str(v)}
    if isinstance(v, Literal):
        d = {"type": "literal", "value": str(v)}
        if v.language:
            d["xml:lang"] = v.language
        elif v.datatype:
            d["datatype"] = str(v.datatype)
        return d
    return {"type": "bnode", "value": str(v)}


def result_json(res: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results JSON format (SELECT and ASK)."""
    if res.kind == "ASK":
        return json.dumps({"head": {}, "boolean": res.answer}) + "\n"
    bindings = [{k: _json_term(v) for k, v in zip(res.vars, row, strict=True) if v is not None}
                for row in res.rows]  # fmt: skip
    doc = {"head": {"vars": res.vars}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
