"""Helpers for exploring a corpus in a notebook: a small, reproducible sample of a JSON Lines
corpus, and a graph built from extracted documents that keeps their texts (for showing
evidence in context).

Nothing here imports spaCy or ``extractors.run``: :func:`build_extracted` takes what
``extractors.run.extract_documents`` yields (duck-typed), so ``graph`` still only needs the
``Claim`` contract.

>>> import json, tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
>>> _ = src.write_text("".join(json.dumps({"id": str(i), "text": "t"}) + "\\n" for i in range(10)))
>>> dest = sample_jsonl([src], src.with_name("s.jsonl"), n=3, seed=1)
>>> [json.loads(line)["id"] for line in dest.read_text().splitlines()]
['5', '6', '7']
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import Graph

from extractors.claims import Claim

from .build import add_document, build_graph, new_graph


def _open(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def sample_jsonl(
    paths: Sequence[str | Path], dest: str | Path, *, n: int = 20, seed: int = 0
) -> Path:
    """Write a sample of ``n`` lines of each JSON Lines file (``.jsonl`` or ``.jsonl.gz``) of
    ``paths`` to ``dest``, and return ``dest``.

    Lines are drawn uniformly (reservoir sampling, so a large corpus is read once and never
    held in memory) with a fixed ``seed``, and kept in their order in the file: the same
    inputs always give the same sample. Blank lines are skipped; lines are copied as they
    are (the readers report malformed ones when the sample is built).
    """
    rng = random.Random(seed)
    out: list[bytes] = []
    for path in paths:
        reservoir: list[tuple[int, bytes]] = []
        with _open(Path(path)) as f:
            seen = 0
            for i, line in enumerate(f):
                if not line.strip():
                    continue
                if seen < n:
                    reservoir.append((i, line))
                else:
                    j = rng.randrange(seen + 1)
                    if j < n:
                        reservoir[j] = (i, line)
                seen += 1
        out += [line.rstrip(b"\r\n") + b"\n" for _, line in sorted(reservoir)]
    dest = Path(dest)
    dest.write_bytes(b"".join(out))
    return dest


@dataclass
class Built:
    """A graph built from extracted documents, with what a notebook shows beside it.

    ``texts`` maps document ids to their text (evidence offsets refer to it),
    ``languages`` to the language used, ``problems`` lists the inputs that were skipped.
    """

    graph: Graph
    claims: list[Claim] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def build_extracted(items: Iterable[Any], graph: Graph | None = None) -> Built:
    """Build a graph from what ``extractors.run.extract_documents`` yields, as
    ``stancegraph build`` does: each document node with its metadata, then its claims.

    Items with ``document``, ``language`` and ``claims`` are extracted documents; anything
    else is a skipped input, kept as a line in ``problems``.
    """
    g = graph if graph is not None else new_graph()
    built = Built(g)
    for item in items:
        if not hasattr(item, "claims"):
            built.problems.append(str(item))
            continue
        d = item.document
        add_document(g, d.id, language=item.language, date=d.date, title=d.title,
                     source=d.source, url=d.url,
                     text=d.text if d.format == "html" else None)  # fmt: skip
        built.texts[d.id] = d.text
        built.languages[d.id] = item.language
        built.claims.extend(item.claims)
    build_graph(built.claims, g)
    return built
