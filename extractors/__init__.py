"""stancegraph.extractors: news text → spaCy Doc → stance ``Claim`` records.

>>> from extractors import extract_text
>>> claims = extract_text("Russia rejected the peace plan.", "en", doc_id="x")
>>> [(c.actor.label, c.polarity, c.topic.label) for c in claims]
[('Russia', 'oppose', 'peace plan')]
"""

from __future__ import annotations

from .claims import ActorRef, Claim, Evidence, TopicRef
from .decoding import clean_text
from .pipeline import make_nlp, process
from .registry import DEFAULT, available, get

__all__ = [
    "ActorRef",
    "Claim",
    "Evidence",
    "TopicRef",
    "available",
    "extract_text",
    "get",
    "make_nlp",
    "process",
]


def extract_text(
    text: str,
    lang: str,
    *,
    doc_id: str = "",
    date: str | None = None,
    extractor: str = DEFAULT,
) -> list[Claim]:
    """Run the pipeline and one registered extractor on a text.

    Lone surrogates (which no UTF encoding can write) are read as U+FFFD, one for one, so
    offsets still refer to ``text``.
    """
    doc = process(clean_text(text), lang, date=date, doc_id=clean_text(doc_id))
    return list(get(extractor)(doc))
