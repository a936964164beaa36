"""Measure the graph stores: rdflib's in-memory store vs Oxigraph (pyoxigraph via oxrdflib).

For each store and size, in a fresh process: build the graph from synthetic claims with
``graph.build.build_graph`` (the code path the CLI uses), write Turtle, parse it back, run
two SPARQL queries (a corpus-wide aggregate, the positions of every actor on every topic,
and a selective one bound to one actor) and project the claims into networkx (the
congruence network), and record the memory the graph holds.

For rdflib's store, writing and parsing are also measured with rdflib's own Turtle
serializer and parser (``rdflib-*`` rows), which the project used before this measurement;
an operation that runs past ``--timeout`` seconds is recorded as such.

    python benchmarks/store_bench.py --sizes 10000 100000 --out docs/store-bench.jsonl

Results are JSON lines on stdout (or ``--out``) and a Markdown table on stderr; they are
recorded in ``docs/store.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.claims import (  # noqa: E402
    ID,
    ActorRef,
    Claim,
    Evidence,
    TopicRef,
    actor_iri,
    digest,
    topic_iri,
    unknown_actor_id,
)
from extractors.lexicon import load_actors, load_topics, stance_types  # noqa: E402

POSITIONS_QUERY = """
PREFIX sg: <https://w3id.org/stancegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?key ?pol (COUNT(?c) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
  ?c a sg:StanceClaim ; sg:actor ?a ; sg:topic ?t ; sg:polarity ?pol .
  OPTIONAL { ?c sg:statementDate ?d }
  OPTIONAL { ?t skos:broader ?k }
  BIND(COALESCE(?k, ?t) AS ?key)
} GROUP BY ?a ?key ?pol
"""

ACTOR_QUERY = """
PREFIX sg: <https://w3id.org/stancegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?c ?pol ?label WHERE {
  ?c sg:actor ?a ; sg:polarity ?pol ; sg:topic ?t . ?t skos:prefLabel ?label .
}
"""

WORDS = ("coalition", "sanctions", "ceasefire", "agreement", "plan", "talks", "embargo", "deal",
         "election", "aid", "refugees", "intervention", "negotiations", "withdrawal", "troops",
         "resolution", "summit", "reform", "border", "nuclear", "programme", "strikes",
         "violence", "dialogue", "settlement", "occupation", "blockade", "elections")  # fmt: skip


def synthetic_claims(n: int, seed: int = 0, prefix: str = "bench") -> list[Claim]:
    """``n`` claims shaped like the dev corpus: ~10 claims per document, three languages,
    gazetteer actors (80%) and unknown speakers, mostly distinct topic phrases, 30% of them
    linked to a canonical topic, one to three evidence spans, dates over six years."""
    rnd = random.Random(seed)
    gazetteer = list(load_actors())
    concepts = list(load_topics())
    stances = list(stance_types().values())
    unknown = [f"Speaker {i}" for i in range(max(50, n // 50))]
    start = dt.date(2015, 1, 1)
    out = []
    for i in range(n):
        doc = f"{prefix}/{i // 10:07d}.txt"
        lang = ("ar", "en", "fr")[(i // 10) % 3]
        day = (start + dt.timedelta(days=(i // 10) % 2190)).isoformat()
        if rnd.random() < 0.8:
            e = rnd.choice(gazetteer)
            actor = ActorRef(actor_iri(e.id), e.label("en"), e.qid, e.type, e.country)
        else:
            name = rnd.choice(unknown)
            actor = ActorRef(actor_iri(unknown_actor_id(name)), name, None, "person", None)
        phrase = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 6)))
        if rnd.random() < 0.8:
            phrase += f" {i}"
        # the concept follows from the phrase, as in extraction (same phrase, same concept)
        h = int(digest(lang, phrase), 16)
        concept = concepts[h % len(concepts)] if h % 10 < 3 else None
        topic = TopicRef(topic_iri(lang, phrase), phrase, (f"Q{rnd.randint(1, 5000)}",)
                         if rnd.random() < 0.2 else (),
                         f"{ID}concept/{concept.id}" if concept else None,
                         concept.labels.get("en") if concept else None)  # fmt: skip
        st = rnd.choice(stances)
        offset = (i % 10) * 400
        evidence = tuple(
            Evidence(f"evidence {i} {k} " + "x" * rnd.randint(20, 120), offset + 150 * k, 0)
            for k in range(rnd.randint(1, 3))
        )
        evidence = tuple(Evidence(e.text, e.start, e.start + len(e.text)) for e in evidence)
        out.append(Claim.make(
            doc=doc, actor=actor, stance=st.id, polarity=st.polarity, topic=topic,
            evidence=evidence, language=lang, extractor="stancegraph.reported_speech.v1",
            conditional=rnd.random() < 0.1, negated=rnd.random() < 0.05,
            confidence=round(rnd.uniform(0.4, 0.95), 2), date=day,
        ))  # fmt: skip
    return out


def rss_mb() -> float:
    """Resident memory of this process (MB), from /proc."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Timeout(BaseException):
    """Raised by the alarm; a BaseException, so that no library's ``except Exception``
    swallows it."""


def timed(fn: Callable[[], Any], limit: int) -> tuple[float | None, Any]:
    """Seconds ``fn`` took (None when it ran past ``limit``), and its result."""

    def alarm(signum: int, frame: Any) -> None:
        raise Timeout

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(limit)
    t = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - t, result
    except Timeout:
        return None, None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


class Record(dict[str, Any]):
    """Measurements, saved to ``path`` after every change: a run that is killed keeps what
    it measured."""

    def __init__(self, path: Path, **kw: Any) -> None:
        super().__init__(**kw)
        self.path = path
        self._save()

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, round(value, 2) if isinstance(value, float) else value)
        self._save()

    def update(self, *args: Any, **kw: Any) -> None:
        for k, v in dict(*args, **kw).items():
            self[k] = v

    def _save(self) -> None:
        old = json.loads(self.path.read_text()) if self.path.exists() else {}
        self.path.write_text(json.dumps({**old, **self}))


def run_build(store: str, n: int, limit: int, ttl: Path) -> dict[str, Any]:
    """Build, write, query and project one store at one size (in a fresh process); the
    Turtle written goes to ``ttl`` for :func:`run_parse`."""
    from rdflib import URIRef

    from graph import networks
    from graph.build import build_graph
    from graph.io import serialize
    from graph.store import new_graph
    from graph.validate import validate

    claims = synthetic_claims(n)
    gc.collect()
    base = rss_mb()
    rec = Record(ttl.with_suffix(".json"), store=store, claims=n)
    rec["build_s"], g = timed(lambda: build_graph(claims, new_graph(store)), limit)
    claims.clear()
    gc.collect()
    rec["triples"] = len(g)
    rec["graph_mb"] = round(rss_mb() - base, 1)
    rec["write_turtle_s"], data = timed(lambda: serialize(g, "turtle"), limit)
    rec["turtle_mb"] = round(len(data) / 2**20, 1)
    ttl.write_bytes(data)
    del data
    rec["sparql_positions_s"], rows = timed(lambda: list(g.query(POSITIONS_QUERY)), limit)
    rec["positions_rows"] = len(rows) if rows is not None else None
    putin = URIRef(actor_iri("vladimir-putin"))
    rec["sparql_one_actor_s"], rows = timed(
        lambda: list(g.query(ACTOR_QUERY, initBindings={"a": putin})), limit
    )
    rec["congruence_s"], net = timed(lambda: networks.congruence(g), limit)
    rec["congruence_edges"] = net.number_of_edges() if net is not None else None
    del net
    if store == "memory":
        rec["rdflib-write_turtle_s"], _ = timed(
            lambda: g.serialize(format="turtle", encoding="utf-8"), limit
        )
    else:
        rec["validate_s"], report = timed(lambda: validate(g), limit)
        rec["validate_conforms"] = report.conforms if report is not None else None
    rec["peak_rss_mb"] = peak_mb()
    return rec


def run_parse(store: str, limit: int, ttl: Path) -> dict[str, Any]:
    """Parse the Turtle of :func:`run_build` (in a fresh process, so that the memory the
    parsed graph holds is measured alone)."""
    from rdflib import Graph

    from graph.io import load_graph

    gc.collect()
    base = rss_mb()
    rec = Record(ttl.with_suffix(".json"))
    rec["parse_turtle_s"], g = timed(lambda: load_graph(ttl, store=store), limit)
    gc.collect()
    rec["parsed_graph_mb"] = round(rss_mb() - base, 1)
    rec["parse_peak_rss_mb"] = peak_mb()
    if store == "oxigraph":
        rec.update(append_costs(g, ttl, limit))
    del g
    if store == "memory":
        rec["rdflib-parse_turtle_s"], _ = timed(
            lambda: Graph().parse(str(ttl), format="turtle"), limit
        )
    return rec


def append_costs(g: Any, ttl: Path, limit: int) -> dict[str, Any]:
    """What ``build DOC --append`` costs on a corpus of this size: to a Turtle file (parse,
    add, write back) and to an Oxigraph store folder (open, add, close)."""
    from graph.build import build_graph
    from graph.io import load_graph, open_store, save_graph
    from graph.store import close

    new = synthetic_claims(10, seed=1, prefix="appended")
    out: dict[str, Any] = {}

    def to_file() -> None:
        kg = load_graph(ttl)
        build_graph(new, kg)
        save_graph(kg, ttl)

    out["append_file_s"], _ = timed(to_file, limit)
    folder = ttl.with_suffix(".oxigraph")
    save_graph(g, folder)

    def to_store() -> None:
        kg = open_store(folder)
        build_graph(new, kg)
        close(kg)

    out["append_store_s"], _ = timed(to_store, limit)
    return out


def peak_mb() -> float:
    """Peak resident memory of this process (MB), from /proc."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def machine() -> dict[str, Any]:
    import pyoxigraph
    import rdflib

    mem = 0
    with open("/proc/meminfo", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 2**20
    cpu = ""
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cpus": os.cpu_count(), "memory_gb": mem, "cpu": cpu,
            "python": platform.python_version(), "rdflib": rdflib.__version__,
            "pyoxigraph": pyoxigraph.__version__}  # fmt: skip


COLUMNS = [
    ("store", "store"), ("claims", "claims"), ("triples", "triples"), ("build_s", "build s"),
    ("write_turtle_s", "write Turtle s"), ("parse_turtle_s", "parse Turtle s"),
    ("sparql_positions_s", "SPARQL positions s"), ("sparql_one_actor_s", "SPARQL one actor s"),
    ("congruence_s", "congruence network s"), ("validate_s", "SHACL validate s"),
    ("graph_mb", "graph MB"), ("parsed_graph_mb", "parsed graph MB"),
    ("append_file_s", "append 10 claims to file s"), ("append_store_s", "append to store s"),
    ("rdflib-write_turtle_s", "rdflib Turtle writer s"),
    ("rdflib-parse_turtle_s", "rdflib Turtle parser s"),
]  # fmt: skip


def table(records: list[dict[str, Any]], limit: int) -> str:
    head = "| " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "|" + "---|" * len(COLUMNS)
    rows = []
    for r in records:
        cells = []
        for key, _ in COLUMNS:
            v = r.get(key, "")
            if v is None:
                v = f"> {limit}"
            cells.append(str(v) if v != "" else "–")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--stores", nargs="+", default=["memory", "oxigraph"])
    ap.add_argument("--timeout", type=int, default=900, help="seconds per operation")
    ap.add_argument("--out", default=None, help="JSON lines file (default stdout)")
    ap.add_argument("--one", nargs=4, metavar=("OP", "STORE", "N", "TTL"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        op, store, n, ttl = args.one
        if op == "build":
            run_build(store, int(n), args.timeout, Path(ttl))
        else:
            run_parse(store, args.timeout, Path(ttl))
        return
    records = []
    print(json.dumps({"machine": machine()}), file=sys.stderr)
    for n in args.sizes:
        for store in args.stores:
            with tempfile.TemporaryDirectory() as tmp:
                ttl = Path(tmp) / "g.ttl"
                for op in ("build", "parse"):
                    try:
                        proc = subprocess.run(
                            [sys.executable, __file__, "--one", op, store, str(n), str(ttl),
                             "--timeout", str(args.timeout)],
                            capture_output=True, text=True, check=False,
                            timeout=args.timeout * 8,
                        )  # fmt: skip
                    except subprocess.TimeoutExpired:
                        print(
                            f"{op} {store} {n}: killed after {args.timeout * 8} s", file=sys.stderr
                        )
                        break
                    if proc.returncode:
                        print(proc.stderr[-2000:], file=sys.stderr)
                        break
                progress = ttl.with_suffix(".json")
                rec = json.loads(progress.read_text()) if progress.exists() else {}
            records.append(rec)
            print(json.dumps(rec), file=sys.stderr)
            if args.out:  # keep what is measured so far
                lines = [json.dumps({"machine": machine()})] + [json.dumps(r) for r in records]
                Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [json.dumps({"machine": machine()})] + [json.dumps(r) for r in records]
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        print("\n".join(lines))
    print(table(records, args.timeout), file=sys.stderr)


if __name__ == "__main__":
    main()
