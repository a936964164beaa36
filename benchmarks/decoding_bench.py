"""How well does stancegraph decode non-UTF-8 news texts? (the numbers in docs/input.md)

Real articles from ../shared/corpus/bench (Arabic: SaudiNewsNet, French: OrangeSum,
English: BBC) are encoded in the encodings a news archive may hold, and each reading is
scored: **correct** (the original text), **reported** (a DecodingError, nothing made up) or
**garbled** (decoded into wrong text: the one outcome that must never happen).

Two deciders are compared:

- ``charset-normalizer``: its best guess (``from_bytes(data).best()``), used as it is;
- ``stancegraph``: :func:`extractors.decoding.decode_bytes`: the one Windows-1256 /
  Windows-1252 reading that looks like Arabic, English or French, else a report.

    python benchmarks/decoding_bench.py [--n 200]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import charset_normalizer

from extractors.decoding import DecodingError, decode_bytes

BENCH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bench"
# Texts of scripts stancegraph does not read, written for this benchmark.
RUSSIAN = (
    "Министр иностранных дел России заявил в четверг, что Москва поддерживает создание "
    "широкой коалиции против террористов, но отвергает любые условия о будущем Сирии. "
    "Он добавил, что переговоры продолжатся на следующей неделе в Вене."
)
GREEK = (
    "Ο υπουργός Εξωτερικών δήλωσε την Πέμπτη ότι η κυβέρνηση υποστηρίζει τη συμφωνία, "
    "αλλά απορρίπτει κάθε όρο για το μέλλον της περιοχής."
)
HEBREW = "שר החוץ אמר ביום חמישי כי הממשלה תומכת בהסכם אך דוחה כל תנאי לגבי עתיד האזור."
TURKISH = (
    "Dışişleri Bakanı perşembe günü yaptığı açıklamada hükümetin anlaşmayı desteklediğini söyledi."
)


def articles(name: str, n: int) -> list[str]:
    out = []
    with gzip.open(BENCH / name, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            if len(text) > 200:
                out.append(text)
            if len(out) >= 4 * n:
                break
    random.Random(0).shuffle(out)
    return out[:n]


def cn_alone(data: bytes) -> str:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodingError("no guess")
    return str(best)


def stancegraph(data: bytes) -> str:
    return decode_bytes(data)[0]


DECIDERS: dict[str, Callable[[bytes], str]] = {
    "charset-normalizer": cn_alone,
    "stancegraph": stancegraph,
}


def cases(n: int) -> list[tuple[str, bool, str, bytes]]:
    """(label, should_decode, original, bytes); samples not encodable are left out."""
    ar = articles("ar_saudinewsnet.jsonl.gz", n)
    fr = articles("fr_orangesum.jsonl.gz", n)
    en = articles("en_bbc.jsonl.gz", n)
    out: list[tuple[str, bool, str, bytes]] = []

    def add(label: str, ok: bool, texts: list[str], codec: str) -> None:
        for t in texts:
            try:
                out.append((label, ok, t, t.encode(codec)))
            except UnicodeEncodeError:
                continue

    add("ar article, windows-1256", True, ar, "cp1256")
    add("ar 1st 80 chars, windows-1256", True, [t[:80] for t in ar], "cp1256")
    add("fr article, windows-1252", True, fr, "cp1252")
    add("fr article, latin-1", True, fr, "latin-1")
    add("fr 1st 80 chars, windows-1252", True, [t[:80] for t in fr], "cp1252")
    en_8bit = [t.replace("'", "’") + " £5m" for t in en]
    add("en article (’ £), windows-1252", True, en_8bit, "cp1252")
    # Encodings stancegraph does not decode: the right outcome is a report.
    add("ar article, ISO-8859-6", False, ar, "iso-8859-6")
    add("ar article, DOS-720", False, ar, "cp720")
    add("ar article, Mac Arabic", False, ar, "mac_arabic")
    add("fr article, Mac Roman", False, fr, "mac_roman")
    add("fr article, DOS-850", False, fr, "cp850")
    add("ru text, windows-1251", False, [RUSSIAN] * 3, "cp1251")
    add("ru text, KOI8-R", False, [RUSSIAN] * 3, "koi8_r")
    add("el text, windows-1253", False, [GREEK] * 3, "cp1253")
    add("he text, windows-1255", False, [HEBREW] * 3, "cp1255")
    add("tr text, windows-1254", False, [TURKISH] * 3, "cp1254")
    rnd = random.Random(1)
    noise = [bytes(rnd.randrange(0x20, 256) for _ in range(400)) for _ in range(n)]
    out += [("random bytes", False, "", b) for b in noise]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200, help="articles per language")
    args = ap.parse_args()
    rows = cases(args.n)
    for name, decide in DECIDERS.items():
        score: dict[str, Counter[str]] = {}
        t0 = time.perf_counter()
        for label, should, original, data in rows:
            try:
                text = decide(data)
            except DecodingError:
                outcome = "reported"
            else:
                if should and text == original:
                    outcome = "correct"
                elif not should and original and text == original:
                    outcome = "correct (decoded)"
                else:
                    outcome = "garbled"
            score.setdefault(label, Counter())[outcome] += 1
        dt = time.perf_counter() - t0
        print(f"\n## {name}  ({dt / len(rows) * 1000:.1f} ms per file)")
        print(f"{'sample':36} {'n':>4} {'correct':>8} {'reported':>8} {'garbled':>8}")
        for label, c in score.items():
            n = sum(c.values())
            correct = c["correct"] + c["correct (decoded)"]
            print(f"{label:36} {n:>4} {correct:>8} {c['reported']:>8} {c['garbled']:>8}")


if __name__ == "__main__":
    main()
