"""Golden test on the seed article (Arabic): the positions a careful reader codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.claims import Claim
from extractors.evaluate import resolve_gold_offsets, score

PUTIN, HOLLANDE = "Q7747", "Q157"

# (actor QID, polarity, a word the topic must contain, conditional or None for "either")
EXPECTED = [
    (PUTIN, "support", "بقيادة الولايات المتحدة", True),  # ready to back it even if US-led
    (PUTIN, "support", "للتحالف", None),  # "yes to the grand anti-ISIS coalition"
    (HOLLANDE, "oppose", "دور", None),  # no role for Assad in Syria's future
    (HOLLANDE, "support", "لروسيا", None),  # an important role for Russia
    (PUTIN, "support", "الشعب السوري", None),  # the Syrian people decide Assad's fate
    (HOLLANDE, "oppose", "داعش", None),  # "our enemy is ISIS"
    (HOLLANDE, "support", "تحالف", None),  # a large coalition to strike the terrorists
    (PUTIN, "support", "تحالف عريض", None),  # a broad coalition against terrorism
]


@pytest.mark.parametrize(("qid", "polarity", "word", "conditional"), EXPECTED)
def test_seed_claims(seed_claims: list[Claim], qid: str, polarity: str, word: str,
                     conditional: bool | None) -> None:  # fmt: skip
    hits = [c for c in seed_claims if c.actor.wikidata == qid and c.polarity == polarity
            and word in c.topic.label]  # fmt: skip
    assert hits, [(c.actor.label, c.polarity, c.topic.label) for c in seed_claims]
    if conditional is not None:
        assert any(c.conditional == conditional for c in hits)


def test_seed_claims_are_stable(seed_claims: list[Claim], root: Path) -> None:
    """The golden file pins actor, polarity, stance and topic of every seed claim."""
    golden = root / "tests" / "data" / "seed.claims.golden.jsonl"
    got = sorted(json.dumps([c.actor.label, c.polarity, c.stance, c.topic.label, c.conditional],
                            ensure_ascii=False) for c in seed_claims)  # fmt: skip
    want = golden.read_text(encoding="utf-8").splitlines()
    assert got == want, "seed claims changed: if intended, regenerate with tests/data/regen.py"


def test_seed_scores_against_shared_gold(
    shared: Path, seed_claims: list[Claim], root: Path
) -> None:
    gold = [json.loads(x) for x in (shared / "corpus/dev/seed.gold.jsonl").read_text().splitlines()]
    text = (root / "seeds/000_1f932b837bce2af0.txt").read_text(encoding="utf-8")
    resolve_gold_offsets(gold, {gold[0]["doc"]: text})
    total, _ = score(seed_claims, gold)
    assert total.precision >= 0.85 and total.recall >= 0.90, (total.precision, total.recall)
