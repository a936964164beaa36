"""Reading inputs: every bad input is one problem naming it; the rest is read; memory stays
bounded for huge documents and lines."""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from extractors.readers import (
    Document,
    InputProblem,
    is_claims_file,
    read_claims,
    read_documents,
    read_file,
    read_jsonl,
)
from tests.data.make_nasty import CORPUS_PROBLEMS, files
from tests.data.make_nasty import NASTY as EXPECTED

DATA = Path(__file__).resolve().parents[1] / "data"
NASTY = DATA / "nasty"


def test_committed_nasty_files_are_what_the_script_writes() -> None:
    want = files()
    assert sorted(p.name for p in NASTY.iterdir()) == sorted(want)
    for name, data in want.items():
        assert (NASTY / name).read_bytes() == data, f"run python tests/data/make_nasty.py ({name})"


def _items() -> list[Document | InputProblem]:
    return list(read_documents([NASTY]))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_nasty_file(name: str) -> None:
    items = _items()
    mine = [i for i in items if isinstance(i, InputProblem) and Path(i.where).name.startswith(name)]
    docs = [i for i in items if isinstance(i, Document) and Path(i.path or "").name == name]
    expected = EXPECTED[name]
    if expected == "read":
        assert docs, name
        assert all(Path(p.where).name.startswith(name + ":") for p in mine), mine  # its lines only
    elif expected == "ignored":
        assert not mine and not docs
    elif expected == "language not recognised":  # said by extraction (see the CLI tests)
        assert docs and not mine
    else:
        assert len(mine) == 1 and expected in mine[0].message, mine
        assert "\n" not in str(mine[0])


def test_jsonl_bad_lines_name_file_and_line() -> None:
    items = list(read_jsonl(NASTY / "corpus.jsonl"))
    problems = {
        int(p.where.rsplit(":", 1)[1]): p.message for p in items if isinstance(p, InputProblem)
    }
    assert sorted(problems) == sorted(CORPUS_PROBLEMS)
    for line, words in CORPUS_PROBLEMS.items():
        assert words in problems[line], (line, problems[line])
    docs = {d.id: d for d in items if isinstance(d, Document)}
    assert set(docs) == {"good-1", "lone\ufffdsurrogate", "page", "corpus.jsonl:13"}
    assert docs["good-1"].language == "en" and docs["good-1"].date == "2015-11-27"
    assert docs["lone\ufffdsurrogate"].text.startswith("\ufffdFrance")
    page = docs["page"]
    assert page.format == "html" and page.language == "ar" and "<p>" not in page.text
    assert docs["corpus.jsonl:13"].date is None  # a number is not a date


def test_truncated_gzip_gives_the_lines_before_the_cut() -> None:
    items = list(read_jsonl(NASTY / "truncated.ndjson.gz"))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert len(problems) == 1 and problems[0] is items[-1]
    n = len(docs)
    assert docs[0].id == "t0" and docs[-1].id == f"t{n - 1}" and 50 < n < 200
    assert problems[0].where.endswith(f"truncated.ndjson.gz:{n + 1}")
    assert "truncated or corrupt" in problems[0].message


def test_corrupt_gzip_gives_the_lines_before_the_damage(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"t{i}", "text": "Russia rejected it. " + "x" * i}) + "\n"
                    for i in range(300))  # fmt: skip
    data = bytearray(gzip.compress(lines.encode(), mtime=0))
    for k in range(len(data) // 2, len(data) // 2 + 40):
        data[k] ^= 0x5A
    p = tmp_path / "corrupt.jsonl.gz"
    p.write_bytes(bytes(data))
    items = list(read_jsonl(p))
    assert [getattr(d, "id", None) for d in items[:50]] == [f"t{i}" for i in range(50)]
    problems = [i.message for i in items if isinstance(i, InputProblem)]
    assert any("truncated or corrupt" in m for m in problems)  # the CRC check, at the latest


def test_gzip_data_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    p = tmp_path / "corpus.jsonl"
    p.write_bytes(gzip.compress(b'{"id": "a", "text": "Russia rejected the plan."}\n'))
    assert [d.id for d in read_jsonl(p) if isinstance(d, Document)] == ["a"]


def test_too_many_bad_lines_are_counted_not_listed(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text("{oops\n" * 500, encoding="utf-8")
    items = list(read_jsonl(p))
    assert len(items) == 21 and sum(i.count for i in items if isinstance(i, InputProblem)) == 500
    assert "480 more bad line(s)" in items[-1].message


def test_html_page_offsets_refer_to_the_extracted_text() -> None:
    (doc,) = [d for d in read_file(NASTY / "page.html") if isinstance(d, Document)]
    assert doc.format == "html" and doc.language == "ar" and doc.date == "2015-11-27"
    assert doc.title == "موسكو ترفض الخطة - أخبار"
    for gone in ("شارك", "تعليق", "فيسبوك", "الرئيسية", "اقرأ أيضا", "document.write", "color",
                 "صورة أرشيفية", "قال أحدهم", "©"):  # fmt: skip
        assert gone not in doc.text, gone
    assert doc.text.startswith("موسكو ترفض الخطة الأمريكية\n\nقال وزير الخارجية")
    assert "أدانت فرنسا الهجوم" in doc.text


def test_duplicate_document_ids_are_reported(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("Russia rejected the plan.", encoding="utf-8")
    items = list(read_documents([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "InputProblem"]
    assert "already used by" in items[1].message
    # the same file given twice is read once, silently
    twice = list(read_documents([tmp_path / "a" / "same.txt", tmp_path / "a"]))
    assert [type(i).__name__ for i in twice] == ["Document", "Document"]


def test_folders_are_walked_without_following_link_loops(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Russia rejected the plan.", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    items = list(read_documents([tmp_path]))
    assert [i.id for i in items if isinstance(i, Document)] == ["a.txt"]


def test_undecodable_file_names_are_shown_escaped(tmp_path: Path) -> None:
    name = b"caf\xe9.txt"  # not UTF-8: Python holds it with a lone surrogate
    (tmp_path / name.decode("utf-8", "surrogateescape")).write_bytes(b"")
    (problem,) = read_documents([tmp_path])
    assert isinstance(problem, InputProblem)
    str(problem).encode("utf-8")
    assert "caf\\xe9.txt" in problem.where


def _peak(fn) -> tuple[object, int, float]:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1], time.perf_counter() - t0
    finally:
        tracemalloc.stop()


def test_a_100_mb_document_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    chunk = ("Russia rejected the plan. " * 40_000).encode()  # ~1 MB
    with big.open("wb") as fh:
        for _ in range(100):
            fh.write(chunk)
    assert big.stat().st_size > 100_000_000
    items, peak, seconds = _peak(lambda: list(read_documents([big])))
    assert len(items) == 1 and isinstance(items[0], InputProblem)
    assert "too large for the limit of 1,000,000 characters (--max-chars)" in items[0].message
    assert peak < 12_000_000 and seconds < 5, (peak, seconds)


def test_a_ten_million_character_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    with gzip.open(corpus, "wb") as fh:
        fh.write(b'{"id": "huge", "text": "' + b"a" * 10_000_000 + b'"}\n')
        fh.write(b'{"id": "ok", "text": "Russia rejected the plan."}\n')
    items, peak, seconds = _peak(lambda: list(read_jsonl(corpus)))
    assert [type(i).__name__ for i in items] == ["InputProblem", "Document"]
    assert items[0].where.endswith("corpus.jsonl.gz:1") and "line longer than" in items[0].message
    assert peak < 20_000_000 and seconds < 10, (peak, seconds)
    # a smaller limit refuses by characters, a larger one reads it
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"id": "x", "text": "é" * 5000}) + "\n", encoding="utf-8")
    (problem,) = read_jsonl(small, max_chars=1000)
    assert isinstance(problem, InputProblem) and "5,000 characters" in problem.message
    (doc,) = read_jsonl(small, max_chars=10_000)
    assert isinstance(doc, Document)


def test_claims_files_are_checked_record_by_record(tmp_path: Path) -> None:
    good = {
        "id": "https://w3id.org/stancegraph/id/claim/1", "doc": "a\ud800.txt",
        "actor": {"id": "https://w3id.org/stancegraph/id/actor/RUS", "label": "Russia",
                  "wikidata": "Q159", "type": "state", "country": "RUS"},
        "stance": "reject", "polarity": "oppose", "conditional": False, "negated": False,
        "topic": {"id": "https://w3id.org/stancegraph/id/topic/x", "label": "plan", "wikidata": []},
        "evidence": [{"text": "Russia rejected", "start": 0, "end": 15}],
        "confidence": 0.7, "language": "en", "extractor": "stancegraph.reported_speech.v1",
        "date": None,
    }  # fmt: skip
    bad = [
        {**good, "id": 'x> <y> "z'},
        {**good, "stance": "reject> ; DROP"},
        {**good, "extractor": "a b"},
        {**good, "polarity": "maybe"},
        {**good, "date": "27/11/2015"},
        {**good, "actor": {**good["actor"], "wikidata": "Q1>"}},
        {**good, "evidence": [{"text": "Russia", "start": 0, "end": 15}]},
        {**good, "topic": {**good["topic"], "id": "https://x/a b"}},
    ]
    p = tmp_path / "claims.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in [good, *bad]) + "\n{oops\n", encoding="utf-8")
    assert is_claims_file(p)
    items = list(read_claims(p))
    assert not isinstance(items[0], InputProblem) and items[0].doc == "a\ufffd.txt"
    problems = items[1:]
    assert len(problems) == len(bad) + 1 and all(isinstance(i, InputProblem) for i in problems)
    assert [i.where.rsplit(":", 1)[1] for i in problems] == [str(n) for n in range(2, 11)]
