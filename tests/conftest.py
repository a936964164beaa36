from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_1f932b837bce2af0.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus" / "dev").is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def seed_claims():
    from extractors import extract_text
    from extractors.readers import read_text_file

    doc = read_text_file(SEED)
    return extract_text(doc.text, "ar", doc_id=doc.id, date=doc.date)
