"""Claims → RDF graph (rdflib), and graph → claims.

Every node has an IRI minted from content (no blank nodes), so the same claims always give
the same graph and merging graphs is set union.

>>> from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
>>> c = Claim.make(doc="a.txt", actor=ActorRef(actor_iri("RUS"), "Russia", "Q159", "state", "RUS"),
...     stance="reject", polarity="oppose", topic=TopicRef(topic_iri("en", "the plan"), "the plan"),
...     evidence=(Evidence("Russia rejected the plan", 0, 24),), language="en", extractor="x.v1")
>>> g = build_graph([c])
>>> claims_from_graph(g) == [c]
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from extractors.claims import ID, ActorRef, Claim, Evidence, TopicRef, digest, document_iri
from extractors.lexicon import stance_types

from .vocab import NIF, SG, STANCE, WD

ACTOR_CLASS = {
    "person": SDO.Person,
    "state": SDO.Country,
    "government": SDO.GovernmentOrganization,
    "ministry": SDO.GovernmentOrganization,
    "organization": SDO.Organization,
    "armed_group": SDO.Organization,
}
STANCE_SCHEME = URIRef(ID + "stance")
VERSION_AGENT = ID + "agent/"


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in (("sg", SG._NS), ("prov", PROV), ("dcterms", DCTERMS), ("skos", SKOS),
                       ("schema", SDO), ("nif", NIF), ("owl", OWL), ("wd", WD),
                       ("stance", STANCE)):  # fmt: skip
        g.bind(prefix, ns, replace=True)
    g.bind("sgid", ID)
    return g


def add_stance_scheme(g: Graph) -> None:
    """The stance types as a SKOS concept scheme with broader roll-ups and PLOVER/CAMEO codes."""
    g.add((STANCE_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((STANCE_SCHEME, SKOS.prefLabel, Literal("stancegraph stance types", lang="en")))
    for st in stance_types().values():
        node = STANCE[st.id]
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, RDF.type, SG.StanceType))
        g.add((node, SKOS.inScheme, STANCE_SCHEME))
        g.add((node, SKOS.notation, Literal(st.id)))
        g.add((node, SG.polarity, Literal(st.polarity)))
        g.add((node, SG.plover, Literal(st.plover)))
        if st.cameo:
            g.add((node, SG.cameo, Literal(st.cameo)))
        if st.broader:
            g.add((node, SKOS.broader, STANCE[st.broader]))
        else:
            g.add((STANCE_SCHEME, SKOS.hasTopConcept, node))
        for lang, label in sorted(st.labels.items()):
            g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))


def add_document(g: Graph, doc_id: str, *, language: str | None = None, date: str | None = None,
                 title: str | None = None, source: str | None = None, url: str | None = None,
                 text: str | None = None) -> URIRef:  # fmt: skip
    """A source document node (schema:NewsArticle, nif:Context)."""
    node = URIRef(document_iri(doc_id))
    g.add((node, RDF.type, SDO.NewsArticle))
    g.add((node, RDF.type, NIF.Context))
    g.add((node, SG.documentId, Literal(doc_id)))
    if language:
        g.add((node, DCTERMS.language, Literal(language)))
    if date:
        g.add((node, DCTERMS.issued, Literal(date, datatype=XSD.date)))
    if title:
        g.add((node, DCTERMS.title, Literal(title)))
    if source:
        g.add((node, DCTERMS.source, Literal(source)))
    if url:
        g.add((node, SDO.url, Literal(url, datatype=XSD.anyURI)))
    if text is not None:
        g.add((node, NIF.isString, Literal(text)))
    return node


def add_actor(g: Graph, actor: ActorRef, lang: str | None = None) -> URIRef:
    node = URIRef(actor.id)
    g.add((node, RDF.type, SG.Actor))
    g.add((node, RDF.type, ACTOR_CLASS.get(actor.type, SDO.Thing)))
    label_lang = "en" if actor.wikidata or actor.country else (lang or None)
    g.add((node, RDFS.label, Literal(actor.label, lang=label_lang)))
    g.add((node, SG.actorType, Literal(actor.type)))
    if actor.wikidata:
        g.add((node, OWL.sameAs, WD[actor.wikidata]))
    if actor.country:
        g.add((node, SG.country, Literal(actor.country)))
    return node


def add_topic(g: Graph, topic: TopicRef, lang: str) -> URIRef:
    node = URIRef(topic.id)
    g.add((node, RDF.type, SG.Topic))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.prefLabel, Literal(topic.label, lang=lang)))
    for q in topic.wikidata:
        g.add((node, SKOS.related, WD[q]))
    if topic.concept:
        concept = URIRef(topic.concept)
        g.add((node, SKOS.broader, concept))
        g.add((concept, RDF.type, SKOS.Concept))
        if topic.concept_label:
            g.add((concept, SKOS.prefLabel, Literal(topic.concept_label, lang="en")))
    return node


def add_claim(g: Graph, claim: Claim) -> URIRef:
    """Add one claim with its actor, topic, evidence and provenance."""
    node = URIRef(claim.id)
    doc = URIRef(document_iri(claim.doc))
    g.add((doc, RDF.type, SDO.NewsArticle))
    g.add((doc, SG.documentId, Literal(claim.doc)))
    g.add((node, RDF.type, SG.StanceClaim))
    g.add((node, SG.actor, add_actor(g, claim.actor, claim.language)))
    g.add((node, SG.stance, STANCE[claim.stance]))
    g.add((node, SG.polarity, Literal(claim.polarity)))
    g.add((node, SG.topic, add_topic(g, claim.topic, claim.language)))
    g.add((node, SG.conditional, Literal(claim.conditional)))
    g.add((node, SG.negated, Literal(claim.negated)))
    g.add((node, SG.confidence, Literal(round(claim.confidence, 3), datatype=XSD.decimal)))
    g.add((node, DCTERMS.language, Literal(claim.language)))
    if claim.date:
        g.add((node, SG.statementDate, Literal(claim.date, datatype=XSD.date)))
    g.add((node, PROV.wasDerivedFrom, doc))
    g.add((node, SG.extractor, Literal(claim.extractor)))
    agent = URIRef(VERSION_AGENT + claim.extractor)
    activity = URIRef(f"{ID}activity/{digest(claim.extractor, claim.doc)}")
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(claim.extractor)))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((activity, PROV.used, doc))
    g.add((node, PROV.wasGeneratedBy, activity))
    g.add((node, PROV.wasAttributedTo, URIRef(claim.actor.id)))
    for ev in claim.evidence:
        span = URIRef(f"{doc}#char={ev.start},{ev.end}")
        g.add((span, RDF.type, NIF.OffsetBasedString))
        g.add((span, NIF.beginIndex, Literal(ev.start, datatype=XSD.integer)))
        g.add((span, NIF.endIndex, Literal(ev.end, datatype=XSD.integer)))
        g.add((span, NIF.anchorOf, Literal(ev.text)))
        g.add((span, NIF.referenceContext, doc))
        g.add((node, SG.evidence, span))
    return node


def build_graph(claims: Iterable[Claim], graph: Graph | None = None) -> Graph:
    """Add claims (and the stance scheme) to ``graph`` or a new one."""
    g = graph if graph is not None else new_graph()
    add_stance_scheme(g)
    for claim in claims:
        add_claim(g, claim)
    return g


def _one(g: Graph, s: Any, p: Any) -> Any:
    return g.value(s, p)


def claims_from_graph(g: Graph) -> list[Claim]:
    """Every ``sg:StanceClaim`` of the graph as a :class:`Claim`, sorted by document and IRI."""
    out = []
    for node in sorted(set(g.subjects(RDF.type, SG.StanceClaim)), key=str):
        a = _one(g, node, SG.actor)
        t = _one(g, node, SG.topic)
        same = _one(g, a, OWL.sameAs)
        actor = ActorRef(
            str(a),
            str(_one(g, a, RDFS.label) or ""),
            str(same).rsplit("/", 1)[-1] if same else None,
            str(_one(g, a, SG.actorType) or "unknown"),
            str(_one(g, a, SG.country)) if _one(g, a, SG.country) else None,
        )
        concept = _one(g, t, SKOS.broader)
        topic = TopicRef(
            str(t),
            str(_one(g, t, SKOS.prefLabel) or ""),
            tuple(sorted(str(q).rsplit("/", 1)[-1] for q in g.objects(t, SKOS.related))),
            str(concept) if concept else None,
            str(_one(g, concept, SKOS.prefLabel))
            if concept and _one(g, concept, SKOS.prefLabel)
            else None,
        )
        evidence = tuple(sorted(
            Evidence(str(_one(g, s, NIF.anchorOf)), int(_one(g, s, NIF.beginIndex)),
                     int(_one(g, s, NIF.endIndex)))
            for s in g.objects(node, SG.evidence)
        ))  # fmt: skip
        doc = _one(g, node, PROV.wasDerivedFrom)
        date = _one(g, node, SG.statementDate)
        out.append(Claim(
            id=str(node),
            doc=str(_one(g, doc, SG.documentId)),
            actor=actor,
            stance=str(_one(g, node, SG.stance)).rsplit("/", 1)[-1],
            polarity=str(_one(g, node, SG.polarity)),
            topic=topic,
            evidence=evidence,
            language=str(_one(g, node, DCTERMS.language)),
            extractor=str(_one(g, node, SG.extractor)),
            conditional=bool(_one(g, node, SG.conditional).toPython()),
            negated=bool(_one(g, node, SG.negated).toPython()),
            confidence=float(_one(g, node, SG.confidence).toPython()),
            date=str(date) if date else None,
        ))  # fmt: skip
    out.sort(key=lambda c: (c.doc, min((e.start for e in c.evidence), default=0), c.id))
    return out
