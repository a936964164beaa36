"""Claims and builds shared by the graph and CLI tests."""

from __future__ import annotations

from rdflib import Graph

from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
from graph.build import add_document, build_graph

CONCEPT = "https://w3id.org/stancegraph/id/concept/"


def add_extracted(g: Graph, ex) -> Graph:  # noqa: ANN001
    """What `stancegraph build` does with one extracted document."""
    d = ex.document
    add_document(g, d.id, language=ex.language, date=d.date, title=d.title, source=d.source,
                 url=d.url)  # fmt: skip
    return build_graph(ex.claims, g)


def make_claim(
    actor: str,
    polarity: str,
    topic: str,
    *,
    doc: str = "a.txt",
    date: str | None = "2015-11-27",
    stance: str | None = None,
    lang: str = "en",
    concept: str | None = None,
    start: int = 0,
    confidence: float = 0.75,
    conditional: bool = False,
    wikidata: str | None = None,
    label: str | None = None,
) -> Claim:
    """A claim with a valid shape, for tests that need many of them."""
    text = f"{actor} {polarity} {topic}"
    return Claim.make(
        doc=doc,
        actor=ActorRef(
            actor_iri(actor), label or actor, wikidata, "state" if wikidata else "person", None
        ),  # fmt: skip
        stance=stance or polarity,
        polarity=polarity,
        topic=TopicRef(
            topic_iri(lang, topic),
            topic,
            (),
            f"{CONCEPT}{concept}" if concept else None,
            concept.replace("-", " ") if concept else None,
        ),  # fmt: skip
        evidence=(Evidence(text, start, start + len(text)),),
        language=lang,
        extractor="stancegraph.reported_speech.v1",
        conditional=conditional,
        confidence=confidence,
        date=date,
    )
