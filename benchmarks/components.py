"""Where extraction time goes: each pipeline component and the extractor, per unit of spaCy's
blank tokenizer time, interleaved article by article (as ``run.py``'s ``extract`` section).

    python benchmarks/components.py en --docs 300

Prints one line: the ratio of the tokenizer's time to ours, then each step's time divided by
the tokenizer's (``make_doc`` is our own tokenizer). Needs ``../shared/corpus/bench``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from run import CORPORA, corpus, head  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lang", choices=sorted(CORPORA))
    ap.add_argument("--docs", type=int, default=300)
    args = ap.parse_args()
    path = corpus(args.lang)
    if path is None:
        sys.exit(f"no bench corpus for {args.lang}")
    import spacy

    from extractors.pipeline import make_nlp
    from extractors.registry import get
    from extractors.run import _fewer_collections

    texts = [r["text"] for r in head(path, args.docs) if str(r.get("text") or "").strip()]
    nlp, run = make_nlp(args.lang), get()
    tokenizer = spacy.blank(args.lang).tokenizer
    clock = time.process_time
    spent: dict[str, float] = {}

    def add(step: str, since: float) -> float:
        now = clock()
        spent[step] = spent.get(step, 0.0) + now - since
        return now

    def go(batch: list[str]) -> None:
        for text in batch:
            t = clock()
            tokenizer(text)
            t = add("tokenizer", t)
            doc = nlp.make_doc(text)
            t = add("make_doc", t)
            for name, proc in nlp.pipeline:
                doc = proc(doc)
                t = add(name.removeprefix("stancegraph_"), t)
            list(run(doc))
            add("extractor", t)

    for text in texts[:20]:
        tokenizer(text)
    go(texts[:20])
    spent.clear()
    gc.collect()
    with _fewer_collections():
        go(texts[20:] if len(texts) > 40 else texts)
    tok = spent.pop("tokenizer")
    ours = sum(spent.values())
    steps = " ".join(f"{k} {v / tok:.2f}" for k, v in spent.items())
    print(f"{args.lang}: ratio {tok / ours:.3f} | {steps}")


if __name__ == "__main__":
    main()
