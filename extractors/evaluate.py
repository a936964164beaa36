"""Scoring claims against gold files (the format of the project's annotation guidelines).

A predicted claim matches a gold claim of the same document when the actor is one of the
gold actors (same Wikidata QID, or names that contain each other after normalization), the
polarity is the same, an evidence span overlaps a gold evidence span, and the topic label
contains every word (by a crude stem) of one gold topic term or names a gold topic QID.
Repeats of a matched gold claim are neutral; recall counts required gold claims.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .claims import Claim

_AR_PREFIXES = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFD", str(s).lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("\u0640", "").replace("ة", "ه").replace("ى", "ي").replace("ٱ", "ا")
    s = re.sub(r"[\"'«»“”‘’`.,،:;!?()\[\]{}-]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _stem(tok: str) -> str:
    if re.match(r"[\u0600-\u06ff]", tok):
        for p in _AR_PREFIXES:
            if tok.startswith(p) and len(tok) - len(p) >= 3:
                return tok[len(p) :]
        return tok
    return tok[:5]


def _contains(a: str, b: str) -> bool:
    return bool(a == b or re.search(r"(^|\s)" + re.escape(a) + r"($|\s)", b)
                or re.search(r"(^|\s)" + re.escape(b) + r"($|\s)", a)
                or (len(a) >= 4 and a in b))  # fmt: skip


def actor_matches(claim: Claim, gold_actors: list[dict[str, Any]]) -> bool:
    labels = [_norm(claim.actor.label)]
    for g in gold_actors:
        if g.get("qid") and g["qid"] == claim.actor.wikidata:
            return True
        for name in g.get("names", []):
            n = _norm(name)
            if len(n) >= 3 and any(len(lab) >= 3 and _contains(n, lab) for lab in labels):
                return True
    return False


def topic_matches(claim: Claim, gold: dict[str, Any]) -> bool:
    if set(claim.topic.wikidata) & set(gold.get("topic_entities", [])):
        return True
    text = _norm(claim.topic.label)
    stems = {_stem(t) for t in text.split()}
    for term in gold.get("topic_terms", []):
        n = _norm(term)
        if not n:
            continue
        if n in text:
            return True
        words = [_stem(w) for w in n.split() if len(w) > 2]
        if words and all(any(s.startswith(w) or w.startswith(s) for s in stems if len(s) >= 3)
                         for w in words):  # fmt: skip
            return True
    return False


@dataclass
class Score:
    """Counts and the derived precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    dup: int = 0
    required: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.dup += other.dup
        self.required += other.required
        self.found += other.found


def score_document(claims: Iterable[Claim], gold: list[dict[str, Any]]) -> Score:
    """Score the claims of one document against its gold records."""
    s = Score()
    matched: set[str] = set()
    for c in claims:
        spans = [(e.start, e.end) for e in c.evidence]
        cands = [g for g in gold if c.polarity == g["polarity"] and actor_matches(c, g["actors"])
                 and any(a < ge["end"] and ge["start"] < b for a, b in spans for ge in g["evidence"])
                 and topic_matches(c, g)]  # fmt: skip
        free = [g for g in cands if g["id"] not in matched]
        if free:
            matched.add(free[0]["id"])
            s.tp += 1
        elif cands:
            s.dup += 1
        else:
            s.fp += 1
            s.false_positives.append(f"{c.doc}: {c.actor.label} {c.polarity} {c.topic.label!r}")
    for g in gold:
        if g.get("required"):
            s.required += 1
            if g["id"] in matched:
                s.found += 1
            else:
                s.misses.append(f"{g['doc']} {g['id']}: {g['actors'][0]['names'][0]} "
                                f"{g['polarity']} {g['topic']}")  # fmt: skip
    return s


def resolve_gold_offsets(gold: list[dict[str, Any]], texts: dict[str, str]) -> None:
    """Fill ``start``/``end`` of gold evidence from the document texts where missing."""
    for g in gold:
        text = texts.get(g["doc"], "")
        for ev in g["evidence"]:
            if "start" not in ev:
                i = text.find(ev["text"])
                ev["start"], ev["end"] = (i, i + len(ev["text"])) if i >= 0 else (-1, -1)


def score(claims: Iterable[Claim], gold: list[dict[str, Any]]) -> tuple[Score, dict[str, Score]]:
    """Overall and per-document scores; only documents that have gold records count."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc.rsplit("/", 1)[-1]].append(c)
    gold_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc"]].append(g)
    total = Score()
    per_doc = {}
    for doc, gl in sorted(gold_by_doc.items()):
        s = score_document(by_doc.get(doc, []), gl)
        per_doc[doc] = s
        total.add(s)
        total.misses += s.misses
        total.false_positives += s.false_positives
    return total, per_doc
