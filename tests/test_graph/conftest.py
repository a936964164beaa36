from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graph.build import add_document, build_graph, new_graph


@pytest.fixture(scope="session")
def dev_extracted(shared: Path, root: Path) -> list:
    """The seed and every document of ../shared/corpus/dev/{ar,en,fr}, extracted once."""
    from extractors.readers import read_documents
    from extractors.run import Extracted, extract_documents

    dev = shared / "corpus" / "dev"
    inputs = [str(root / "seeds")] + [str(dev / lang) for lang in ("ar", "en", "fr")]
    out = [x for x in extract_documents(read_documents(inputs)) if isinstance(x, Extracted)]
    assert len(out) == 18
    return out


@pytest.fixture(scope="session")
def dev_graph(dev_extracted: list) -> Graph:
    """The graph of the seed and the dev set, built in one run."""
    g = new_graph()
    for ex in dev_extracted:
        d = ex.document
        add_document(g, d.id, language=ex.language, date=d.date, title=d.title,
                     source=d.source, url=d.url)  # fmt: skip
    return build_graph([c for ex in dev_extracted for c in ex.claims], g)
