"""Regenerate the golden claims of the seed article after an intended change.

python tests/data/regen.py
"""

import json
from pathlib import Path

from extractors import extract_text
from extractors.readers import read_text_file

ROOT = Path(__file__).resolve().parents[2]
doc = read_text_file(ROOT / "seeds" / "000_1f932b837bce2af0.txt")
claims = extract_text(doc.text, "ar", doc_id=doc.id, date=doc.date)
rows = sorted(
    json.dumps(
        [c.actor.label, c.polarity, c.stance, c.topic.label, c.conditional], ensure_ascii=False
    )
    for c in claims
)
(ROOT / "tests" / "data" / "seed.claims.golden.jsonl").write_text(
    "\n".join(rows) + "\n", encoding="utf-8"
)
print(f"{len(rows)} claims written")
