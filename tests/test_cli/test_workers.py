"""``--workers`` and ``--executor dask`` give the output of one process; progress is quiet
when stderr is not a terminal."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from extractors.parallel import _batches, count_documents, extract_parallel
from extractors.readers import Document, InputProblem, read_documents
from graph.io import load_graph
from stancegraph.cli import main
from stancegraph.progress import Progress

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_1f932b837bce2af0.txt"
TEXTS = [
    ("en", "Russia rejected the peace plan. France welcomed the agreement."),
    ("fr", "La Russie a condamné les frappes aériennes. La France soutient la coalition."),
    ("en", "The United States called for a ceasefire in Syria, the State Department said."),
    ("fr", "Le président français a appelé à une grande coalition contre le terrorisme."),
]


def _corpus(tmp_path: Path, n: int = 16, gz: bool = True, langs: str = "ar en fr") -> Path:
    """JSON Lines in three languages, with one bad line in the middle."""
    seed = SEED.read_text(encoding="utf-8")
    texts = [t for t in TEXTS if t[0] in langs.split()]
    lines = []
    for i in range(n):
        lang, text = texts[i % len(texts)]
        if i % 5 == 0:
            lang, text = "ar", seed
        lines.append(json.dumps({"id": f"d{i:03d}", "date": "2015-11-27", "language": lang,
                                 "text": text}, ensure_ascii=False))  # fmt: skip
        if i == n // 2:
            lines.append("{not json")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / ("corpus.jsonl.gz" if gz else "corpus.jsonl")
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


# Sentences of our own for the 1,000-document sample (no corpus text is committed).
SPEAKERS = {
    "en": [
        "Russia",
        "France",
        "The United States",
        "Iran",
        "Turkey",
        "Germany",
        "China",
        "Britain",
    ],
    "ar": ["روسيا", "فرنسا", "الولايات المتحدة", "إيران", "تركيا", "ألمانيا", "الصين", "بريطانيا"],
}
ACTS = {
    "en": ["{s} rejected {t}.", "{s} welcomed {t}.", "{s} condemned {t}.",
           "{s} called for {t}, the foreign ministry said.", "{s} said it would not accept {t}."],
    "ar": ["رفضت {s} {t}.", "رحبت {s} ب{t}.", "أدانت {s} {t}.", "دعت {s} إلى {t}.",
           "وقال وزير خارجية {s} إن بلاده تدعم {t}."],
}  # fmt: skip
TOPICS = {
    "en": ["the peace plan", "the agreement", "the air strikes", "a ceasefire in Syria",
           "the nuclear deal", "the coalition against terrorism"],
    "ar": ["خطة السلام", "الاتفاق", "الغارات الجوية", "وقف إطلاق النار في سوريا", "الاتفاق النووي",
           "التحالف ضد الإرهاب"],
}  # fmt: skip


def _sample(tmp_path: Path, n: int = 1000) -> Path:
    """``n`` short JSON Lines documents in Arabic and English (ids, dates, speakers, stances
    and topics vary; every fourth is a paragraph of the seed text), one bad line in the
    middle."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    lines = []
    for i in range(n):
        date = (dt.date(2015, 1, 1) + dt.timedelta(days=(i * 37) % 700)).isoformat()
        if i % 4 == 0:
            lang = "ar"
            text = "\n\n".join(dict.fromkeys(
                [paragraphs[i // 4 % len(paragraphs)], paragraphs[(i * 7 + 3) % len(paragraphs)]]))  # fmt: skip
        else:
            lang = "ar" if i % 4 == 1 else "en"
            rng = random.Random(i)  # the same sample every run
            text = " ".join(rng.choice(ACTS[lang]).format(s=rng.choice(SPEAKERS[lang]),
                                                          t=rng.choice(TOPICS[lang]))
                            for _ in range(rng.randint(1, 3)))  # fmt: skip
        lines.append(json.dumps({"id": f"s{i:04d}", "date": date, "language": lang, "text": text},
                                ensure_ascii=False))  # fmt: skip
        if i == n // 2:
            lines.append("{not json")
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(args: list[str]) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, args)
    return res.exit_code, res.stdout, res.stderr


def test_build_workers_same_bytes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    code1, _, err1 = _run(["build", str(corpus), "-o", str(one)])
    code2, _, err2 = _run(["build", str(corpus), "-o", str(two), "--workers", "2",
                           "--batch-size", "3"])  # fmt: skip
    assert code1 == code2 == 1  # the bad line is reported, the rest is built
    assert err1.replace("one.ttl", "two.ttl") == err2
    assert "corpus.jsonl.gz:10: malformed JSON" in err1
    assert "\r" not in err2  # no progress line when stderr is not a terminal
    assert one.read_bytes() == two.read_bytes()
    assert "16 documents" in err1 and ", 0 claims" not in err1


def test_extract_workers_same_claims(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, n=9, gz=False)
    code1, out1, _ = _run(["extract", str(corpus), "-q"])
    code2, out2, err2 = _run(["extract", str(corpus), "-q", "-w", "2", "--batch-size", "2"])
    assert code1 == code2 == 1 and out1 == out2 and out1.count("\n") >= 5
    assert "malformed JSON" in err2


def test_unknown_extractor_with_workers(tmp_path: Path) -> None:
    code, _, err = _run(["extract", str(_corpus(tmp_path, n=2)), "-w", "2", "--extractor", "x.v9"])
    assert code == 1 and "unknown extractor 'x.v9'; available:" in err


def test_dask_needs_a_scheduler(tmp_path: Path) -> None:
    code, _, err = _run(["build", str(_corpus(tmp_path, n=2)), "--executor", "dask"])
    assert code == 2 and "--scheduler" in err


def test_batches_keep_problems_in_place() -> None:
    a, b, c = (Document(id=x, text="x") for x in "abc")
    p = InputProblem("f:2", "bad")
    assert list(_batches([a, p, b, c], 2)) == [[a, p, b], [c]]


def test_count_documents(tmp_path: Path) -> None:
    assert count_documents([_corpus(tmp_path, n=7), SEED]) == 7 + 1 + 1  # + the bad line


def test_progress_line() -> None:
    out = io.StringIO()
    p = Progress(enabled=True, stream=out, total=100, interval=0)
    p.update(docs=25, claims=3)
    p.clear()
    p.update(docs=25)
    p.close()
    text = out.getvalue()
    assert "50/100 documents" in text and "3 claims" in text and "ETA" in text
    assert text.endswith("\n")
    quiet = io.StringIO()
    q = Progress(enabled=False, stream=quiet, total=10)
    q.update(docs=5)
    q.close()
    assert quiet.getvalue() == ""


def test_sample_varies(tmp_path: Path) -> None:
    lines = _sample(tmp_path).read_text(encoding="utf-8").splitlines()
    docs = [json.loads(x) for x in lines if x != "{not json"]
    assert len(docs) == 1000 and len({d["id"] for d in docs}) == 1000
    assert len({d["date"] for d in docs}) > 300 and len({d["text"] for d in docs}) > 300
    assert {d["language"] for d in docs} == {"ar", "en"}


def test_dask_local_cluster_same_graph(tmp_path: Path) -> None:
    """Issue 5: ``--executor dask`` on a LocalCluster gives the local graph, on 1,000
    documents (two languages: workers start faster)."""
    distributed = pytest.importorskip("dask.distributed")
    corpus = _sample(tmp_path, n=1000)
    local = tmp_path / "local.ttl"
    code, _, err = _run(["build", str(corpus), "-o", str(local)])
    assert code == 1 and "1000 documents" in err
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:  # fmt: skip
        out = tmp_path / "dask.ttl"
        code, _, err = _run(["build", str(corpus), "-o", str(out), "--executor", "dask",
                             "--scheduler", cluster.scheduler_address, "--batch-size", "32"])  # fmt: skip
        assert code == 1 and "malformed JSON" in err  # the bad line, as locally
        docs = [d for d in read_documents([corpus]) if isinstance(d, Document)][:200]
        found = list(extract_parallel(docs, executor="dask", batch_size=5,
                                      scheduler=cluster.scheduler_address))  # fmt: skip
    assert [x.document.id for x in found] == [d.id for d in docs]  # type: ignore[union-attr]
    assert out.read_bytes() == local.read_bytes()
    graph = load_graph(local)
    assert len(graph) > 10_000  # hundreds of claims, not an empty graph
    assert isomorphic(load_graph(out), graph)
