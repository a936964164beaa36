"""The stancegraph RDF vocabulary (closed: an unknown term is an error).

Everything else is reused: PROV-O, DCTERMS, SKOS, schema.org (``https://schema.org/``),
NIF 2.0 for text positions, OWL for Wikidata links. See docs/vocabulary.md.

>>> str(SG.StanceClaim)
'https://w3id.org/stancegraph/ns#StanceClaim'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WD = Namespace("http://www.wikidata.org/entity/")
PLOVER = Namespace("https://w3id.org/stancegraph/plover#")
STANCE = Namespace("https://w3id.org/stancegraph/id/stance/")
#: Minted node IRIs (``sgid:``), and the kinds of node under it.
SGID = Namespace("https://w3id.org/stancegraph/id/")


class SG(DefinedNamespace):
    """Terms coined by stancegraph."""

    _fail = True
    _NS = Namespace("https://w3id.org/stancegraph/ns#")

    StanceClaim: URIRef  # A position an actor takes toward a topic in one document (⊑ prov:Entity, schema:Claim).
    Actor: URIRef  # Anyone who takes positions: person, state, organization, armed group.
    Topic: URIRef  # What a position is about: a phrase of the text, as a skos:Concept.
    StanceType: URIRef  # A kind of position-taking (reject, welcome...), a skos:Concept of the stance scheme.
    actor: URIRef  # The actor who takes the position.
    stance: URIRef  # The stance type of the claim (an SG.StanceType concept).
    polarity: URIRef  # "support" or "oppose".
    topic: URIRef  # The topic of the claim.
    conditional: URIRef  # True when the position is explicitly conditional.
    negated: URIRef  # True when the stance cue was negated in the text.
    confidence: URIRef  # Extractor confidence in [0, 1].
    statementDate: URIRef  # The date of the document the claim was found in.
    evidence: URIRef  # A NIF string (offsets into the document) that states the claim.
    actorType: URIRef  # person, state, government, organization, armed_group, ministry.
    country: URIRef  # ISO 3166-1 alpha-3 code of the state an actor belongs to or is.
    plover: URIRef  # The nearest PLOVER event type of a stance type.
    cameo: URIRef  # The nearest CAMEO code of a stance type.
    extractor: URIRef  # The registered extractor name that produced a claim.
    documentId: (
        URIRef  # The id of a source document as given in the input (file name or corpus id).
    )


#: The prefixes bound in every graph and written in every Turtle/TriG file, sorted. One prefix
#: per kind of minted node keeps Turtle readable (``claim:0f3…`` rather than a full IRI).
PREFIXES: dict[str, str] = {
    "activity": SGID + "activity/",
    "actor": SGID + "actor/",
    "agent": SGID + "agent/",
    "claim": SGID + "claim/",
    "concept": SGID + "concept/",
    "dcterms": str(DCTERMS),
    "doc": SGID + "doc/",
    "nif": str(NIF),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "sg": str(SG._NS),
    "sgid": str(SGID),
    "skos": str(SKOS),
    "stance": str(STANCE),
    "topic": SGID + "topic/",
    "wd": str(WD),
    "xsd": str(XSD),
}
