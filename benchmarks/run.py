"""The stancegraph benchmark suite: one run, every figure of docs/performance.md.

    python benchmarks/run.py                      # everything, default sizes
    python benchmarks/run.py --only extract graph --docs 300 --claims 20000
    python benchmarks/run.py --scaling 1000 5000 20000 --workers 2

Sections (each measured in a fresh process, so that memory figures are its own):

- ``extract``: our pipeline + extractor against spaCy's blank tokenizer
  (``spacy.blank(lang).tokenizer``) on the same texts, per language: tokens/s, documents/s
  and the ratio. CPU time (``time.process_time``) after a warm-up pass, so that other
  processes sharing the machine do not count; the two are interleaved document by document
  (the tokenizer's time is taken out of the extraction's), so that a slower spell of the
  machine weighs on both sides alike.
- ``graph``: build, Turtle write and Turtle parse (triples/s, CPU time) of the default store
  (Oxigraph, through :mod:`graph.build` and :mod:`graph.io`) against plain rdflib (its
  memory store, serializer and parser), on synthetic claims shaped like the dev corpus.
- ``memory``: peak resident memory added by extracting and building 1,000 documents, and by
  building (and writing) a graph of 100,000 claims.
- ``scaling``: ``stancegraph build`` (``--workers``) on the first 1k/5k/20k Arabic
  articles: wall time, CPU time of all processes, peak memory of the process tree.

Corpora come from ``../shared/corpus/bench/*.jsonl.gz``; a section that needs one that is
missing is skipped with a message. Results: JSON lines on stdout (or ``--out``), a Markdown
summary on stderr.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
BENCH = ROOT.parent / "shared" / "corpus" / "bench"
CORPORA = {"ar": "ar_saudinewsnet.jsonl.gz", "en": "en_bbc.jsonl.gz", "fr": "fr_orangesum.jsonl.gz"}
SECTIONS = ("extract", "graph", "memory", "scaling")


def corpus(lang: str) -> Path | None:
    path = BENCH / CORPORA[lang]
    return path if path.is_file() else None


def head(path: Path, n: int) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, n)]


def status(key: str) -> int:
    """A line of /proc/self/status, in bytes (VmRSS, VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def cpu(fn: Any) -> tuple[float, Any]:
    gc.collect()
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


# --- sections, each run in its own process (``--one``) -------------------------------------


def one_extract(lang: str, n: int) -> dict[str, Any]:
    import spacy

    from extractors.readers import Document
    from extractors.run import Extracted, extract_documents

    path = corpus(lang)
    assert path is not None
    recs = [r for r in head(path, n) if isinstance(r.get("text"), str) and r["text"].strip()]
    docs = [Document(id=str(r.get("id", i)), text=r["text"], language=lang, date=r.get("date"))
            for i, r in enumerate(recs)]  # fmt: skip
    texts = [d.text for d in docs]
    tokenizer = spacy.blank(lang).tokenizer
    warm = docs[:20]
    for t in texts[:20]:
        tokenizer(t)
    list(extract_documents(warm))
    # Interleaved: each text goes through the tokenizer, then through our extraction, so
    # that load from other processes weighs on both sides alike (the ratio is the figure).
    clock = time.process_time
    tok_s = 0.0
    tokens = 0

    def feed() -> Any:
        nonlocal tok_s, tokens
        for doc in docs:
            t = clock()
            tokens += len(tokenizer(doc.text))
            tok_s += clock() - t
            yield doc

    total_s, found = cpu(lambda: list(extract_documents(feed())))
    ours_s = total_s - tok_s
    claims = sum(len(x.claims) for x in found if isinstance(x, Extracted))
    return {"section": "extract", "lang": lang, "docs": len(docs), "tokens": tokens,
            "chars": sum(map(len, texts)), "claims": claims,
            "tokenizer_cpu_s": round(tok_s, 3), "pipeline_cpu_s": round(ours_s, 3),
            "tokenizer_tokens_per_s": round(tokens / tok_s), "pipeline_tokens_per_s": round(tokens / ours_s),
            "tokenizer_docs_per_s": round(len(docs) / tok_s, 1),
            "pipeline_docs_per_s": round(len(docs) / ours_s, 1),
            "ratio": round(tok_s / ours_s, 4)}  # fmt: skip


def one_graph(store: str, n: int) -> dict[str, Any]:
    from rdflib import Graph
    from store_bench import synthetic_claims

    from graph.build import build_graph, new_graph
    from graph.io import parse_data, serialize

    claims = synthetic_claims(n)
    build_s, g = cpu(lambda: build_graph(claims, new_graph(store)))
    triples = len(g)
    if store == "oxigraph":
        write_s, data = cpu(lambda: serialize(g, "turtle"))
        parse_s, g2 = cpu(lambda: parse_data(data, "turtle"))
    else:  # plain rdflib: its own serializer and parser
        write_s, data = cpu(lambda: g.serialize(format="turtle", encoding="utf-8"))
        parse_s, g2 = cpu(lambda: Graph().parse(data=data, format="turtle"))
    assert len(g2) == triples
    return {"section": "graph", "store": store, "claims": n, "triples": triples,
            "build_s": round(build_s, 2), "write_s": round(write_s, 2), "parse_s": round(parse_s, 2),
            "build_triples_per_s": round(triples / build_s), "write_triples_per_s": round(triples / write_s),
            "parse_triples_per_s": round(triples / parse_s), "turtle_mb": round(len(data) / 2**20, 1)}  # fmt: skip


def one_memory_docs(n: int) -> dict[str, Any]:
    from extractors.pipeline import make_nlp
    from extractors.readers import read_documents
    from extractors.registry import get
    from extractors.run import Extracted, extract_documents
    from graph.build import add_document, build_graph, new_graph
    from graph.io import serialize

    path = corpus("ar")
    assert path is not None
    make_nlp("ar"), get()
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp) / "sub.jsonl"
        with gzip.open(path, "rt", encoding="utf-8") as src, sub.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(src, n))
        gc.collect()
        base = status("VmRSS")
        g = new_graph()
        n_claims = 0

        def stream() -> Any:
            nonlocal n_claims
            for x in extract_documents(read_documents([sub])):
                if isinstance(x, Extracted):
                    add_document(g, x.document.id, language=x.language, date=x.document.date)
                    n_claims += len(x.claims)
                    yield from x.claims

        build_graph(stream(), g)
        data = serialize(g, "turtle")
    peak = status("VmHWM")
    return {"section": "memory", "what": "documents", "docs": n, "claims": n_claims,
            "triples": len(g), "turtle_mb": round(len(data) / 2**20, 1),
            "baseline_mb": round(base / 2**20), "peak_mb": round(peak / 2**20),
            "added_mb": round((peak - base) / 2**20)}  # fmt: skip


def one_memory_claims(n: int) -> dict[str, Any]:
    from store_bench import synthetic_claims

    from graph.build import build_graph
    from graph.io import serialize

    claims = synthetic_claims(n)
    gc.collect()
    base = status("VmRSS")
    g = build_graph(claims)
    data = serialize(g, "turtle")
    peak = status("VmHWM")
    return {"section": "memory", "what": "claims", "claims": n, "triples": len(g),
            "turtle_mb": round(len(data) / 2**20, 1), "baseline_mb": round(base / 2**20),
            "peak_mb": round(peak / 2**20), "added_mb": round((peak - base) / 2**20)}  # fmt: skip


def _tree(pid: int, ticks: dict[int, int]) -> int:
    """The summed RSS of ``pid`` and its descendants; their CPU ticks are noted in ``ticks``
    (grandchildren, such as the workers of a fork server, are not in ``os.times()``)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(p))
                stats[int(p)] = fields
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        q = todo.pop()
        todo += children.get(q, [])
        if q in stats:
            ticks[q] = max(ticks.get(q, 0), int(stats[q][11]) + int(stats[q][12]))
        try:
            with open(f"/proc/{q}/status", encoding="ascii") as fh:
                total += next((int(x.split()[1]) * 1024 for x in fh if x.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


def run_cli(args: list[str]) -> dict[str, Any]:
    """Run ``stancegraph`` (a child process): wall time, CPU of the process tree, peak RSS."""
    t = time.monotonic()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "stancegraph"), *args], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    peak = 0
    ticks: dict[int, int] = {}
    while proc.poll() is None:
        peak = max(peak, _tree(proc.pid, ticks))
        time.sleep(0.25)
    wall = time.monotonic() - t
    err = proc.stderr.read() if proc.stderr else ""
    used = sum(ticks.values()) / os.sysconf("SC_CLK_TCK")
    return {"rc": proc.returncode, "wall_s": round(wall, 1), "cpu_s": round(used, 1),
            "peak_tree_mb": round(peak / 2**20), "summary": err.strip().splitlines()[-1:]}  # fmt: skip


def scaling(sizes: list[int], workers: int) -> list[dict[str, Any]]:
    path = corpus("ar")
    assert path is not None
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            sub = Path(tmp) / f"ar{n}.jsonl.gz"
            with gzip.open(path, "rb") as src, gzip.open(sub, "wb", compresslevel=1) as dst:
                dst.writelines(itertools.islice(src, n))
            res = run_cli(["build", str(sub), "-o", str(Path(tmp) / f"ar{n}.ttl"),
                           "--workers", str(workers)])  # fmt: skip
            rec = {"section": "scaling", "docs": n, "workers": workers, **res,
                   "cpu_ms_per_doc": round(1000 * res["cpu_s"] / n, 1),
                   "docs_per_s_wall": round(n / res["wall_s"], 1)}  # fmt: skip
            print(json.dumps(rec), file=sys.stderr)
            out.append(rec)
    return out


ONE: dict[str, tuple[Any, int]] = {"extract": (one_extract, 2), "graph": (one_graph, 2), "memory-docs": (one_memory_docs, 1),
       "memory-claims": (one_memory_claims, 1)}  # fmt: skip


def fresh(name: str, *args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh Python process."""
    res = subprocess.run([sys.executable, __file__, "--one", name, *map(str, args)],
                         capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    if res.returncode:
        raise SystemExit(f"{name} {args}: failed\n{res.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return out


def summary(records: list[dict[str, Any]]) -> str:
    lines = []
    ext = [r for r in records if r["section"] == "extract"]
    if ext:
        lines += ["| lang | docs | tokens | tokenizer tok/s | pipeline tok/s | pipeline docs/s | ratio |",
                  "|---|---|---|---|---|---|---|"]  # fmt: skip
        lines += [f"| {r['lang']} | {r['docs']} | {r['tokens']:,} | {r['tokenizer_tokens_per_s']:,} | "
                  f"{r['pipeline_tokens_per_s']:,} | {r['pipeline_docs_per_s']} | {r['ratio']:.3f} |"
                  for r in ext]  # fmt: skip
    gr = [r for r in records if r["section"] == "graph"]
    if gr:
        lines += ["", "| store | claims | triples | build triples/s | write triples/s | parse triples/s |",
                  "|---|---|---|---|---|---|"]  # fmt: skip
        lines += [f"| {r['store']} | {r['claims']:,} | {r['triples']:,} | {r['build_triples_per_s']:,} | "
                  f"{r['write_triples_per_s']:,} | {r['parse_triples_per_s']:,} |" for r in gr]  # fmt: skip
    for r in records:
        if r["section"] == "memory":
            n = (
                f"{r['docs']:,} documents"
                if r["what"] == "documents"
                else f"{r['claims']:,} claims"
            )
            lines.append(f"- memory, {n}: +{r['added_mb']} MB over {r['baseline_mb']} MB "
                         f"(peak {r['peak_mb']} MB, {r['triples']:,} triples)")  # fmt: skip
        if r["section"] == "scaling":
            lines.append(f"- scaling, {r['docs']:,} documents, {r['workers']} workers: "
                         f"{r['wall_s']} s wall, {r['cpu_s']} s CPU ({r['cpu_ms_per_doc']} ms/doc), "
                         f"peak {r['peak_tree_mb']} MB")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    ap.add_argument("--docs", type=int, default=300, help="documents per language (extract)")
    ap.add_argument("--claims", type=int, default=20_000, help="claims (graph)")
    ap.add_argument("--memory-docs", type=int, default=1000)
    ap.add_argument("--memory-claims", type=int, default=100_000)
    ap.add_argument("--scaling", type=int, nargs="*", default=[1000, 5000, 20000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        fn, n_args = ONE[args.one[0]]
        raw = args.one[1 : 1 + n_args]
        print(json.dumps(fn(*[int(a) if a.isdigit() else a for a in raw])))
        return
    from store_bench import machine

    records: list[dict[str, Any]] = [{"section": "machine", **machine(), "argv": sys.argv[1:]}]
    missing = [lang for lang in CORPORA if corpus(lang) is None]
    if missing:
        print(f"benchmarks: no bench corpus for {', '.join(missing)} under {BENCH}; "
              "those measurements are skipped", file=sys.stderr)  # fmt: skip
    if "extract" in args.only:
        for lang in CORPORA:
            if corpus(lang) is not None:
                records.append(fresh("extract", lang, args.docs))
                print(json.dumps(records[-1]), file=sys.stderr)
    if "graph" in args.only:
        for store in ("oxigraph", "memory"):
            records.append(fresh("graph", store, args.claims))
            print(json.dumps(records[-1]), file=sys.stderr)
    if "memory" in args.only:
        if corpus("ar") is not None:
            records.append(fresh("memory-docs", args.memory_docs))
        records.append(fresh("memory-claims", args.memory_claims))
    if "scaling" in args.only and corpus("ar") is not None and args.scaling:
        records += scaling(args.scaling, args.workers)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(summary(records), file=sys.stderr)


if __name__ == "__main__":
    main()
