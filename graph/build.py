"""Claims → RDF graph (rdflib), and graph → claims.

Every node has an IRI minted from content (no blank nodes), so the same claims always give
the same graph and merging graphs is set union. A few properties must keep one value after a
union (a claim's confidence, a concept's preferred label per language): :func:`reconcile`
settles them with a rule that depends only on the set of triples (highest confidence,
smallest label), so that a graph built in one run and one built by appending documents in
any order are the same graph.

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> c = Claim.make(doc="a.txt", actor=ActorRef(actor_iri("RUS"), "Russia", "Q159", "state", "RUS"),
...     stance="reject", polarity="oppose", topic=TopicRef(topic_iri("en", "the plan"), "the plan"),
...     evidence=(Evidence("Russia rejected the plan", 0, 24),), language="en", extractor="x.v1")
>>> g = build_graph([c])
>>> claims_from_graph(g) == [c]
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

from extractors.claims import (
    ID,
    ActorRef,
    Claim,
    Evidence,
    TopicRef,
    actor_iri,
    digest,
    document_iri,
)
from extractors.lexicon import ActorEntry, TopicEntry, load_actors, load_topics, stance_types

from . import store as _store
from .vocab import NIF, SG, STANCE, WD

Triple = tuple[Node, Node, Node]

ACTOR_CLASS = {
    "person": SDO.Person,
    "state": SDO.Country,
    "government": SDO.GovernmentOrganization,
    "ministry": SDO.GovernmentOrganization,
    "organization": SDO.Organization,
    "armed_group": SDO.Organization,
}
STANCE_SCHEME = URIRef(ID + "stance")
#: The concept scheme of the canonical topics (``extractors/lexicons/topics.yaml``).
TOPIC_SCHEME = URIRef(ID + "topics")
CONCEPT = ID + "concept/"
VERSION_AGENT = ID + "agent/"
_BATCH = 50_000


def new_graph(store: str = _store.DEFAULT_STORE) -> Graph:
    """An empty graph with the project's prefixes bound (see :mod:`graph.store`).

    >>> len(new_graph()), new_graph().namespace_manager.store.namespace("sg")
    (0, rdflib.term.URIRef('https://w3id.org/stancegraph/ns#'))
    """
    return _store.new_graph(store)


def decimal_literal(value: float) -> Literal:
    """An ``xsd:decimal`` in canonical form (3 places at most, no trailing zeros).

    Oxigraph stores decimals canonically; writing them canonically keeps graphs from both
    stores isomorphic.

    >>> decimal_literal(0.750), decimal_literal(1.0), decimal_literal(0.1 + 0.2)
    (rdflib.term.Literal('0.75', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')), rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')), rdflib.term.Literal('0.3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')))
    """
    text = format(Decimal(repr(round(float(value), 3))).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


@cache
def _gazetteer() -> dict[str, ActorEntry]:
    return {actor_iri(e.id): e for e in load_actors()}


@cache
def _topic_entries() -> dict[str, TopicEntry]:
    return {CONCEPT + e.id: e for e in load_topics()}


def _add_all(g: Graph, triples: Iterable[Triple]) -> None:
    g.addN((s, p, o, g) for s, p, o in triples)


def stance_scheme_triples() -> list[Triple]:
    """The stance types as a SKOS concept scheme with broader roll-ups and PLOVER/CAMEO codes."""
    out: list[Triple] = [
        (STANCE_SCHEME, RDF.type, SKOS.ConceptScheme),
        (STANCE_SCHEME, SKOS.prefLabel, Literal("stancegraph stance types", lang="en")),
    ]
    for st in stance_types().values():
        node = STANCE[st.id]
        out += [
            (node, RDF.type, SKOS.Concept),
            (node, RDF.type, SG.StanceType),
            (node, SKOS.inScheme, STANCE_SCHEME),
            (node, SKOS.notation, Literal(st.id)),
            (node, SG.polarity, Literal(st.polarity)),
            (node, SG.plover, Literal(st.plover)),
        ]
        if st.cameo:
            out.append((node, SG.cameo, Literal(st.cameo)))
        if st.broader:
            out.append((node, SKOS.broader, STANCE[st.broader]))
        else:
            out.append((STANCE_SCHEME, SKOS.hasTopConcept, node))
        for lang, label in sorted(st.labels.items()):
            out.append((node, SKOS.prefLabel, Literal(label, lang=lang)))
    return out


def add_stance_scheme(g: Graph) -> None:
    """Add the stance concept scheme (see :func:`stance_scheme_triples`)."""
    _add_all(g, stance_scheme_triples())


def document_triples(doc_id: str, *, language: str | None = None, date: str | None = None,
                     title: str | None = None, source: str | None = None,
                     url: str | None = None, text: str | None = None) -> list[Triple]:  # fmt: skip
    """A source document node (``schema:NewsArticle``, ``nif:Context``) and its metadata."""
    node = URIRef(document_iri(doc_id))
    out: list[Triple] = [
        (node, RDF.type, SDO.NewsArticle),
        (node, RDF.type, NIF.Context),
        (node, SG.documentId, Literal(doc_id)),
    ]
    if language:
        out.append((node, DCTERMS.language, Literal(language)))
    if date:
        out.append((node, DCTERMS.issued, Literal(date, datatype=XSD.date)))
    if title:
        out.append((node, DCTERMS.title, Literal(title)))
    if source:
        out.append((node, DCTERMS.source, Literal(source)))
    if url:
        out.append((node, SDO.url, Literal(url, datatype=XSD.anyURI)))
    if text is not None:
        out.append((node, NIF.isString, Literal(text)))
    return out


def add_document(g: Graph, doc_id: str, **metadata: Any) -> URIRef:
    """Add a source document node (see :func:`document_triples`); returns its IRI."""
    _add_all(g, document_triples(doc_id, **metadata))
    return URIRef(document_iri(doc_id))


def actor_triples(actor: ActorRef, lang: str | None = None) -> list[Triple]:
    """An actor node; a gazetteer actor also gets its names in every language
    (``schema:name`` the first one, ``schema:alternateName`` the others)."""
    node = URIRef(actor.id)
    label_lang = "en" if actor.wikidata or actor.country else (lang or None)
    out: list[Triple] = [
        (node, RDF.type, SG.Actor),
        (node, RDF.type, ACTOR_CLASS.get(actor.type, SDO.Thing)),
        (node, RDFS.label, Literal(actor.label, lang=label_lang)),
        (node, SG.actorType, Literal(actor.type)),
    ]
    if actor.wikidata:
        out.append((node, OWL.sameAs, WD[actor.wikidata]))
    if actor.country:
        out.append((node, SG.country, Literal(actor.country)))
    entry = _gazetteer().get(actor.id)
    if entry is not None:
        for code, names in sorted(entry.names.items()):
            for i, name in enumerate(names):
                out.append((node, SDO.alternateName if i else SDO.name, Literal(name, lang=code)))
    return out


def add_actor(g: Graph, actor: ActorRef, lang: str | None = None) -> URIRef:
    """Add an actor node (see :func:`actor_triples`); returns its IRI."""
    _add_all(g, actor_triples(actor, lang))
    return URIRef(actor.id)


def topic_triples(topic: TopicRef, lang: str) -> list[Triple]:
    """A topic node (the phrase of the text) and, when it has one, its canonical concept
    (``skos:broader``) with its labels in every language."""
    node = URIRef(topic.id)
    out: list[Triple] = [
        (node, RDF.type, SG.Topic),
        (node, RDF.type, SKOS.Concept),
        (node, SKOS.prefLabel, Literal(topic.label, lang=lang)),
    ]
    out += [(node, SKOS.related, WD[q]) for q in topic.wikidata]
    if topic.concept:
        concept = URIRef(topic.concept)
        out += [(node, SKOS.broader, concept), (concept, RDF.type, SKOS.Concept)]
        entry = _topic_entries().get(topic.concept)
        if topic.concept_label and not (entry and entry.labels.get("en")):
            out.append((concept, SKOS.prefLabel, Literal(topic.concept_label, lang="en")))
        if entry is not None:
            out += [
                (concept, SKOS.inScheme, TOPIC_SCHEME),
                (concept, SKOS.notation, Literal(entry.id)),
                (TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme),
                (TOPIC_SCHEME, SKOS.prefLabel, Literal("stancegraph topics", lang="en")),
                (TOPIC_SCHEME, SKOS.hasTopConcept, concept),
            ]
            out += [(concept, SKOS.prefLabel, Literal(label, lang=code))
                    for code, label in sorted(entry.labels.items())]  # fmt: skip
            if entry.qid:
                out.append((concept, SKOS.exactMatch, WD[entry.qid]))
    return out


def add_topic(g: Graph, topic: TopicRef, lang: str) -> URIRef:
    """Add a topic node (see :func:`topic_triples`); returns its IRI."""
    _add_all(g, topic_triples(topic, lang))
    return URIRef(topic.id)


def claim_triples(claim: Claim, seen: set[Any] | None = None) -> list[Triple]:
    """All triples of one claim with its actor, topic, evidence and provenance.

    ``seen`` (shared across calls) skips the actor, topic, document and agent triples
    already produced.
    """
    seen = set() if seen is None else seen
    node = URIRef(claim.id)
    doc = URIRef(document_iri(claim.doc))
    agent = URIRef(VERSION_AGENT + claim.extractor)
    activity = URIRef(f"{ID}activity/{digest(claim.extractor, claim.doc)}")
    out: list[Triple] = []
    if ("doc", doc) not in seen:
        seen.add(("doc", doc))
        out += [(doc, RDF.type, SDO.NewsArticle), (doc, RDF.type, NIF.Context),
                (doc, SG.documentId, Literal(claim.doc))]  # fmt: skip
    if (claim.actor, claim.language) not in seen:
        seen.add((claim.actor, claim.language))
        out += actor_triples(claim.actor, claim.language)
    if (claim.topic, claim.language) not in seen:
        seen.add((claim.topic, claim.language))
        out += topic_triples(claim.topic, claim.language)
    if ("activity", activity) not in seen:
        seen.add(("activity", activity))
        out += [
            (agent, RDF.type, PROV.SoftwareAgent),
            (agent, RDFS.label, Literal(claim.extractor)),
            (activity, RDF.type, PROV.Activity),
            (activity, PROV.wasAssociatedWith, agent),
            (activity, PROV.used, doc),
        ]
    out += [
        (node, RDF.type, SG.StanceClaim),
        (node, SG.actor, URIRef(claim.actor.id)),
        (node, SG.stance, STANCE[claim.stance]),
        (node, SG.polarity, Literal(claim.polarity)),
        (node, SG.topic, URIRef(claim.topic.id)),
        (node, SG.conditional, Literal(claim.conditional)),
        (node, SG.negated, Literal(claim.negated)),
        (node, SG.confidence, decimal_literal(claim.confidence)),
        (node, DCTERMS.language, Literal(claim.language)),
        (node, PROV.wasDerivedFrom, doc),
        (node, SG.extractor, Literal(claim.extractor)),
        (node, PROV.wasGeneratedBy, activity),
        (node, PROV.wasAttributedTo, URIRef(claim.actor.id)),
    ]
    if claim.date:
        out.append((node, SG.statementDate, Literal(claim.date, datatype=XSD.date)))
    for ev in claim.evidence:
        span = URIRef(f"{doc}#char={ev.start},{ev.end}")
        out += [
            (span, RDF.type, NIF.OffsetBasedString),
            (span, NIF.beginIndex, Literal(ev.start, datatype=XSD.integer)),
            (span, NIF.endIndex, Literal(ev.end, datatype=XSD.integer)),
            (span, NIF.anchorOf, Literal(ev.text)),
            (span, NIF.referenceContext, doc),
            (node, SG.evidence, span),
        ]
    return out


def add_claim(g: Graph, claim: Claim) -> URIRef:
    """Add one claim with its actor, topic, evidence and provenance.

    Call :func:`reconcile` after adding claims one by one (``build_graph`` does).
    """
    _add_all(g, claim_triples(claim))
    return URIRef(claim.id)


def build_graph(claims: Iterable[Claim], graph: Graph | None = None) -> Graph:
    """Add claims (and the stance scheme) to ``graph`` or a new one, then :func:`reconcile`
    the claims and topics they touched."""
    g = graph if graph is not None else new_graph()
    seen: set[Any] = set()
    touched: set[URIRef] = set()
    batch = stance_scheme_triples()
    with _store.no_gc():
        for claim in claims:
            batch += claim_triples(claim, seen)
            touched.add(URIRef(claim.id))
            touched.add(URIRef(claim.topic.id))
            if claim.topic.concept:
                touched.add(URIRef(claim.topic.concept))
            if len(batch) >= _BATCH:
                _add_all(g, batch)
                batch = []
        _add_all(g, batch)
    reconcile(g, None if graph is None or len(touched) > 20_000 else touched)
    return g


def _index(g: Graph, predicate: URIRef, nodes: Iterable[Any] | None = None) -> dict[Any, list[Any]]:
    """Subject → objects of ``predicate``: for the whole graph, or for ``nodes`` only."""
    out: dict[Any, list[Any]] = defaultdict(list)
    if nodes is None:
        for s, o in g.subject_objects(predicate):
            out[s].append(o)
    else:
        for s in nodes:
            out[s].extend(g.objects(s, predicate))
    return out


def reconcile(g: Graph, nodes: Iterable[Any] | None = None) -> int:
    """Give single-valued properties one value again after a union; returns the number of
    triples changed.

    - a claim found with several confidences keeps the highest;
    - a concept (topic phrase or canonical topic) with several ``skos:prefLabel`` in one
      language keeps the smallest, the others become ``skos:altLabel`` (SKOS allows one
      preferred label per language). Topic IRIs are minted from the folded phrase, so
      "Coalition" and "coalition" are one topic with two labels.

    ``nodes`` limits the work to those claims and topics (the ones a build touched, in a
    graph reconciled before). The result depends only on the set of triples, not on the
    order they came in.
    """
    nodes = list(nodes) if nodes is not None else None
    changed = 0
    for claim, values in _index(g, SG.confidence, nodes).items():
        if len(values) > 1:
            keep = max(values, key=lambda v: Decimal(str(v)))
            for v in values:
                if v != keep:
                    g.remove((claim, SG.confidence, v))
                    changed += 1
    for node, labels in _index(g, SKOS.prefLabel, nodes).items():
        if len(labels) < 2:
            continue
        by_lang: dict[str | None, list[Literal]] = defaultdict(list)
        for label in labels:
            by_lang[getattr(label, "language", None)].append(label)
        for same in by_lang.values():
            for label in sorted(same, key=str)[1:]:
                g.remove((node, SKOS.prefLabel, label))
                g.add((node, SKOS.altLabel, label))
                changed += 1
    return changed


def _first(values: list[Any] | None) -> Any:
    return min(values, key=str) if values else None


def _label(values: list[Any] | None, lang: str = "en") -> Any:
    """The smallest label in ``lang``, else the smallest label."""
    if not values:
        return None
    preferred = [v for v in values if getattr(v, "language", None) == lang]
    return min(preferred or values, key=str)


def claims_from_graph(g: Graph) -> list[Claim]:
    """Every ``sg:StanceClaim`` of the graph as a :class:`Claim`, sorted by document, first
    evidence offset and IRI. Where a graph holds several values, the choice is deterministic
    (smallest value; highest confidence)."""
    nodes = sorted(set(g.subjects(RDF.type, SG.StanceClaim)), key=str)
    if not nodes:
        return []
    ix = {p: _index(g, p) for p in (
        SG.actor, SG.topic, SG.stance, SG.polarity, SG.conditional, SG.negated, SG.confidence,
        DCTERMS.language, SG.statementDate, PROV.wasDerivedFrom, SG.extractor, SG.evidence,
        RDFS.label, OWL.sameAs, SG.actorType, SG.country, SKOS.prefLabel, SKOS.related,
        SKOS.broader, SG.documentId, NIF.anchorOf, NIF.beginIndex, NIF.endIndex,
    )}  # fmt: skip
    with _store.no_gc():
        out = [_claim(node, ix) for node in nodes]
    out.sort(key=lambda c: (c.doc, min((e.start for e in c.evidence), default=0), c.id))
    return out


def _claim(node: Any, ix: dict[URIRef, dict[Any, list[Any]]]) -> Claim:
    """One claim from the predicate indexes of :func:`claims_from_graph`."""

    def one(p: URIRef, s: Any) -> Any:
        return _first(ix[p].get(s))

    a, t = one(SG.actor, node), one(SG.topic, node)
    same = one(OWL.sameAs, a)
    country = one(SG.country, a)
    actor = ActorRef(
        str(a),
        str(_label(ix[RDFS.label].get(a)) or ""),
        str(same).rsplit("/", 1)[-1] if same else None,
        str(one(SG.actorType, a) or "unknown"),
        str(country) if country else None,
    )
    concept = one(SKOS.broader, t)
    concept_label = _label(ix[SKOS.prefLabel].get(concept)) if concept else None
    topic = TopicRef(
        str(t),
        str(_first(ix[SKOS.prefLabel].get(t)) or ""),
        tuple(sorted(str(q).rsplit("/", 1)[-1] for q in ix[SKOS.related].get(t, ()))),
        str(concept) if concept else None,
        str(concept_label) if concept_label else None,
    )
    evidence = tuple(sorted(
        Evidence(str(one(NIF.anchorOf, s)), int(one(NIF.beginIndex, s)), int(one(NIF.endIndex, s)))
        for s in ix[SG.evidence].get(node, ())
    ))  # fmt: skip
    doc = one(PROV.wasDerivedFrom, node)
    date = one(SG.statementDate, node)
    confidences = ix[SG.confidence].get(node) or [Literal("0.5")]
    return Claim(
        id=str(node),
        doc=str(one(SG.documentId, doc)),
        actor=actor,
        stance=str(one(SG.stance, node)).rsplit("/", 1)[-1],
        polarity=str(one(SG.polarity, node)),
        topic=topic,
        evidence=evidence,
        language=str(one(DCTERMS.language, node)),
        extractor=str(one(SG.extractor, node)),
        conditional=bool(one(SG.conditional, node).toPython()),
        negated=bool(one(SG.negated, node).toPython()),
        confidence=max(float(str(c)) for c in confidences),
        date=str(date) if date else None,
    )
