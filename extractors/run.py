"""Extraction over many documents: language detection, one extractor, problems reported."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .claims import Claim
from .lexicon import LANGUAGES
from .pipeline import process
from .readers import Document, InputProblem, detect_language
from .registry import DEFAULT, get


@dataclass(frozen=True)
class Extracted:
    """The claims of one document."""

    document: Document
    language: str
    claims: list[Claim]


def extract_documents(
    items: Iterable[Document | InputProblem], *, extractor: str = DEFAULT
) -> Iterator[Extracted | InputProblem]:
    """Run the pipeline and ``extractor`` over documents; problems are passed through."""
    run = get(extractor)
    for item in items:
        if isinstance(item, InputProblem):
            yield item
            continue
        lang = item.language or detect_language(item.text)
        if lang not in LANGUAGES:
            yield InputProblem(item.path or item.id, "language not recognised; use --lang ar|en|fr")
            continue
        doc = process(item.text, lang, date=item.date, doc_id=item.id)
        yield Extracted(item, lang, list(run(doc)))
