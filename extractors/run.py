"""Extraction over many documents: language detection, one extractor, problems reported.

One document that breaks the pipeline (a bug) is reported as a problem naming it and the
error, and the batch goes on; a language data file with a mistake
(:class:`~extractors.lexicon.LexiconError`) stops the run, since every document would fail.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .claims import Claim
from .decoding import display_name
from .lexicon import LANGUAGES, LexiconError
from .pipeline import make_nlp, process
from .readers import Document, InputProblem, detect_language, short
from .registry import DEFAULT, Extractor, get


@dataclass(frozen=True)
class Extracted:
    """The claims of one document."""

    document: Document
    language: str
    claims: list[Claim]


def _where(doc: Document) -> str:
    """The file of a document, with its id when the id is not the file's name."""
    if doc.path is None:
        return doc.id
    path = display_name(doc.path)
    return path if Path(path).name == doc.id else f"{path} (id {short(doc.id)})"


#: young-generation threshold of the garbage collector while extracting (Python's default
#: is 700): one document allocates tens of thousands of short-lived objects, and with the
#: default most of them are promoted and scanned again by full collections.
GC_YOUNG_THRESHOLD = 10_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect young objects less often (restored afterwards); nothing else changes."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_YOUNG_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def extract_documents(
    items: Iterable[Document | InputProblem], *, extractor: str = DEFAULT
) -> Iterator[Extracted | InputProblem]:
    """Run the pipeline and ``extractor`` over documents; problems are passed through."""
    run = get(extractor)
    with _fewer_collections():
        yield from _extract(items, run)


def _extract(
    items: Iterable[Document | InputProblem], run: Extractor
) -> Iterator[Extracted | InputProblem]:
    for item in items:
        if isinstance(item, InputProblem):
            yield item
            continue
        lang = item.language or detect_language(item.text)
        where = _where(item)
        if lang not in LANGUAGES:
            yield InputProblem(where, "language not recognised; use --lang ar|en|fr")
            continue
        limit = make_nlp(lang).max_length
        if len(item.text) > limit:
            yield InputProblem(where, f"{len(item.text):,} characters, more than the pipeline "
                                      f"takes ({limit:,}); document skipped")  # fmt: skip
            continue
        try:
            doc = process(item.text, lang, date=item.date, doc_id=item.id)
            claims = list(run(doc))
        except (LexiconError, MemoryError):
            raise
        except Exception as exc:  # a bug on one document must not lose the batch
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            yield InputProblem(where, f"extraction failed ({reason}); document skipped. "
                                      "This is a bug: please report it with the document")  # fmt: skip
            continue
        yield Extracted(item, lang, claims)
