"""Extraction on several processes or a Dask cluster, with the results of one process.

Documents are read in the calling process and sent in batches to the workers, which return
only what they found (the language and the claims of each document, or a problem): the
caller still holds the documents, so no text travels back. Batches are submitted in input
order and their results taken in the same order, with at most ``window`` batches in
flight, so the output is the same as :func:`extractors.run.extract_documents` on one
process, and memory stays bounded whatever the size of the corpus.

>>> from extractors.readers import Document
>>> docs = [Document(id="a", text="Russia rejected the plan.", language="en")]
>>> [(type(x).__name__, len(x.claims)) for x in extract_parallel(docs, workers=1)]
[('Extracted', 1)]
"""

from __future__ import annotations

import gzip
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from .claims import Claim
from .readers import JSONL_SUFFIXES, Document, InputProblem, iter_input_files
from .registry import DEFAULT, get
from .run import Extracted, extract_documents

#: Documents per batch sent to a worker (about a second of work on news articles).
BATCH_SIZE = 32
#: How execution is spread: ``local`` (processes on this machine) or ``dask``.
EXECUTORS = ("local", "dask")

#: What a worker sends back for one document: (language, claims) or the problem.
Found = tuple[str, list[Claim]] | InputProblem


class _Future(Protocol):
    def result(self) -> Any: ...


def extract_batch(docs: list[Document], extractor: str = DEFAULT) -> list[Found]:
    """Extract one batch (runs on a worker): one result per document, in order.

    >>> extract_batch([Document(id="a", text="Russia rejected the plan.", language="en")])[0][0]
    'en'
    """
    out: list[Found] = []
    for item in extract_documents(docs, extractor=extractor):
        out.append(item if isinstance(item, InputProblem) else (item.language, item.claims))
    return out


def _batches(
    items: Iterable[Document | InputProblem], size: int
) -> Iterator[list[Document | InputProblem]]:
    """Runs of items holding at most ``size`` documents (problems ride along in place)."""
    batch: list[Document | InputProblem] = []
    n = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Document):
            n += 1
            if n >= size:
                yield batch
                batch, n = [], 0
    if batch:
        yield batch


def _ordered(
    submit: Callable[[list[Document]], _Future],
    items: Iterable[Document | InputProblem],
    *,
    batch_size: int,
    window: int,
) -> Iterator[Extracted | InputProblem]:
    """Submit batches in order, keep ``window`` in flight, yield results in input order."""
    pending: deque[tuple[list[Document | InputProblem], _Future | None]] = deque()

    def drain(batch: list[Document | InputProblem], fut: _Future | None) -> Iterator[Any]:
        found = iter(fut.result() if fut is not None else ())
        for item in batch:
            if isinstance(item, InputProblem):
                yield item
                continue
            res = next(found)
            yield res if isinstance(res, InputProblem) else Extracted(item, res[0], res[1])

    for batch in _batches(items, batch_size):
        docs = [d for d in batch if isinstance(d, Document)]
        pending.append((batch, submit(docs) if docs else None))
        if len(pending) >= window:
            yield from drain(*pending.popleft())
    while pending:
        yield from drain(*pending.popleft())


def _context() -> Any:
    """``forkserver`` where there is one (no fork of a process that may hold threads),
    else ``spawn``. The fork server builds the pipelines once (:mod:`extractors._warm`)
    and every worker is forked from it, ready."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["extractors.parallel", "extractors._warm"])
        return ctx
    return multiprocessing.get_context("spawn")


def extract_parallel(
    items: Iterable[Document | InputProblem],
    *,
    extractor: str = DEFAULT,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    executor: str = "local",
    scheduler: str | None = None,
) -> Iterator[Extracted | InputProblem]:
    """Like :func:`extractors.run.extract_documents`, on ``workers`` processes
    (``executor="local"``) or on the Dask cluster at ``scheduler`` (``executor="dask"``):
    the same items, in the same order.

    ``workers=1`` with the local executor runs in this process. Raises ``KeyError`` for an
    unknown extractor and ``ValueError`` for an unknown executor or a missing scheduler;
    a :class:`~extractors.lexicon.LexiconError` raised on a worker is raised here.
    """
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}; available: {', '.join(EXECUTORS)}")
    get(extractor)  # an unknown name fails here, before any worker starts
    if executor == "dask":
        yield from _extract_dask(items, extractor=extractor, batch_size=batch_size,
                                 scheduler=scheduler)  # fmt: skip
        return
    if workers <= 1:
        yield from extract_documents(items, extractor=extractor)
        return
    pool: Executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:
        yield from _ordered(
            lambda docs: pool.submit(extract_batch, docs, extractor),
            items,
            batch_size=batch_size,
            window=2 * workers + 1,
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _extract_dask(
    items: Iterable[Document | InputProblem],
    *,
    extractor: str,
    batch_size: int,
    scheduler: str | None,
) -> Iterator[Extracted | InputProblem]:
    """Extraction on a ``dask.distributed`` cluster (``pip install 'stancegraph[dask]'``)."""
    if not scheduler:
        raise ValueError("the dask executor needs the address of a scheduler (tcp://host:8786)")
    try:
        from dask.distributed import Client
    except ImportError:
        raise ValueError(
            "the dask executor needs dask.distributed: pip install 'stancegraph[dask]'"
        ) from None
    client = Client(scheduler, set_as_default=False)
    try:
        n = max(1, sum(client.nthreads().values()))
        yield from _ordered(
            lambda docs: client.submit(extract_batch, docs, extractor, pure=False),
            items,
            batch_size=batch_size,
            window=2 * n + 1,
        )
    finally:
        client.close()


def count_documents(paths: Iterable[str | Path]) -> int:
    """How many documents the inputs hold, roughly (JSON Lines: non-empty lines; other
    files: one each), for a progress estimate; reads each file once, in bounded memory."""
    total = 0
    for item in iter_input_files(paths):
        if isinstance(item, InputProblem):
            continue
        if not item.name.lower().endswith(JSONL_SUFFIXES):
            total += 1
            continue
        try:
            with item.open("rb") as raw:
                fh: Any = gzip.GzipFile(fileobj=raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
                prev = b"\n"
                while chunk := fh.read(1 << 20):
                    total += chunk.count(b"\n")
                    prev = chunk[-1:]
                total += prev != b"\n"
        except (OSError, EOFError, ValueError):
            continue
    return total
