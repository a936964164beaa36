"""The command line over bad inputs: one message per bad file, the rest processed, exit 1,
never a traceback; bad graphs and lexicons refused cleanly."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.namespace import RDF

from extractors.claims import document_iri
from graph.io import load_graph
from graph.vocab import NIF, SG
from stancegraph.cli import main
from tests.data.make_nasty import CORPUS_PROBLEMS
from tests.data.make_nasty import NASTY as EXPECTED

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = "000_1f932b837bce2af0.txt"
NASTY = ROOT / "tests" / "data" / "nasty"


ENCODED = {
    "utf16-bom.txt": "UTF-16",
    "windows-1256.txt": "windows-1256",
    "latin-1.txt": "windows-1252",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, its sidecar and every nasty file in one folder."""
    folder = tmp_path_factory.mktemp("mixed")
    for p in [*SEEDS.iterdir(), *NASTY.iterdir()]:
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module")
def built(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    out = tmp_path_factory.mktemp("out") / "mixed.ttl"
    res = CliRunner().invoke(main, ["build", str(mixed), "-o", str(out)])
    return res, out


def _lines_about(stderr: str, folder: Path, name: str) -> list[str]:
    prefix = f"stancegraph: {folder / name}"
    return [line for line in stderr.splitlines() if line.startswith((prefix + ": ", prefix + ":"))]


def test_mixed_folder_exit_status_and_messages(built: tuple, mixed: Path) -> None:
    res, out = built
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and isinstance(res.exception, SystemExit)
    stderr = res.stderr
    for name, expected in EXPECTED.items():
        lines = _lines_about(stderr, mixed, name)
        if name == "corpus.jsonl":
            assert len(lines) == len(CORPUS_PROBLEMS), lines
            for n, words in CORPUS_PROBLEMS.items():
                assert any(line.startswith(f"stancegraph: {mixed / name}:{n}: ") and words in line
                           for line in lines), (n, lines)  # fmt: skip
        elif name == "truncated.ndjson.gz":
            assert len(lines) == 1 and expected in lines[0] and f"{name}:" in lines[0], lines
        elif name in ENCODED:
            assert lines == [f"stancegraph: {mixed / name}: read as {ENCODED[name]}"]
        elif expected in ("read", "ignored"):
            assert lines == [], lines
        else:
            assert len(lines) == 1 and expected in lines[0], (name, lines)
    n_bad = len(CORPUS_PROBLEMS) + sum(1 for v in EXPECTED.values() if v not in ("read", "ignored"))
    assert f"Error: {n_bad} input(s) skipped" in stderr
    assert out.exists()


def test_mixed_folder_keeps_every_seed_claim(built: tuple, seed_claims: list) -> None:
    _, out = built
    g = load_graph(out)
    claims = {str(c) for c in g.subjects(RDF.type, SG.StanceClaim)}
    assert seed_claims and {c.id for c in seed_claims} <= claims


def test_decoded_and_html_documents_have_checkable_evidence(built: tuple, mixed: Path) -> None:
    _, out = built
    res = CliRunner().invoke(main, ["claims", str(out)])
    records = [json.loads(line) for line in res.stdout.splitlines()]
    g = load_graph(out)
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["doc"], []).append(r)
    for name in ("windows-1256.txt", "latin-1.txt", "utf16-bom.txt", "hostile.txt", "page.html",
                 SEED, "good-1", "page"):  # fmt: skip
        assert by_doc.get(name), f"no claims from {name}"
    for doc, recs in by_doc.items():
        stored = g.value(_ref(doc), NIF.isString)
        if doc in ("page.html", "page"):
            assert stored is not None, doc  # extracted text kept in the graph
            text = str(stored)
        elif (mixed / doc).is_file():
            assert stored is None
            raw = (mixed / doc).read_bytes()
            text = raw.decode(
                {"UTF-16": "utf-16"}.get(ENCODED.get(doc, ""), ENCODED.get(doc, "utf-8"))
            )
            text = text.lstrip("\ufeff")
        else:
            continue  # JSON Lines records: see the property tests
        for r in recs:
            for ev in r["evidence"]:
                assert text[ev["start"] : ev["end"]] == ev["text"], (doc, ev)


def test_the_documented_query_checks_html_evidence(built: tuple) -> None:
    """docs/input.md: every evidence span slices the stored text of its page."""
    _, out = built
    query = (
        "SELECT ?anchor (SUBSTR(?text, ?b + 1, ?e - ?b) AS ?slice) WHERE { ?span "
        "nif:referenceContext ?doc ; nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e . "
        "?doc nif:isString ?text }"
    )
    assert query.split("WHERE")[1].split() == _doc_query().split("WHERE")[1].split()
    res = CliRunner().invoke(main, ["query", str(out), query, "-f", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)["results"]["bindings"]
    assert len(rows) >= 3 and all(r["anchor"]["value"] == r["slice"]["value"] for r in rows)


def _doc_query() -> str:
    text = (ROOT / "docs" / "input.md").read_text(encoding="utf-8")
    return text.split("```sparql\n", 1)[1].split("```", 1)[0]


def _ref(doc: str):  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    return URIRef(document_iri(doc))


def test_extract_reports_the_same_and_writes_claims(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    res = CliRunner().invoke(main, ["extract", str(mixed), "-o", str(out), "-q"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "empty.txt: empty file" in res.stderr and "read as" not in res.stderr  # -q: no notes
    docs = {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert SEED in docs and "windows-1256.txt" in docs


def test_strict_stops_at_the_first_problem_and_writes_nothing(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    res = CliRunner().invoke(main, ["build", str(mixed), "-o", str(out), "--strict"])
    assert res.exit_code == 1 and not out.exists()
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "--strict: stopped, nothing written" in lines[0]
    assert "bad-sidecar.meta.json" in lines[0]  # the first problem in file order


def test_max_chars(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russia rejected the peace plan. " * 100, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "--max-chars", "1000"])
    assert res.exit_code == 1 and "3,200 characters, more than the limit of 1,000" in res.stderr
    assert CliRunner().invoke(main, ["extract", str(tmp_path), "--max-chars", "0"]).exit_code == 2


def test_the_same_message_is_shown_twenty_times_then_counted(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"{i:02}.txt").write_bytes(b"")
    res = CliRunner().invoke(main, ["extract", str(tmp_path)])
    lines = res.stderr.splitlines()
    assert sum("empty file; skipped" in line for line in lines) == 21
    assert "10 more like this: empty file; skipped" in res.stderr
    assert "30 input(s) skipped" in res.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"this is not turtle <<<",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b'@prefix sg: <https://w3id.org/stancegraph/ns#> .\n<https://x/a> sg:p "unterminated',
        b"\xff\xfe\x00garbage",
    ],
    ids=["garbage", "png", "truncated-turtle", "not-utf8"],
)
def test_append_to_a_corrupt_graph_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    graph = tmp_path / "corpus.ttl"
    graph.write_bytes(content)
    res = CliRunner().invoke(main, ["build", str(SEEDS), "--append", str(graph)])
    assert res.exit_code == 1 and "Traceback" not in res.output, res.output
    assert "nothing was written" in res.stderr
    assert graph.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.ttl"]


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    for target in (tmp_path / "missing" / "g.ttl", tmp_path):
        res = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(target), "-q"])
        assert res.exit_code == 1 and "Traceback" not in res.output
        assert "nothing was written" in res.stderr and len(res.stderr.splitlines()) == 1


def test_a_full_disk_leaves_the_previous_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "g.ttl"
    out.write_bytes(b"previous graph")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("graph.io.os.fsync", full)
    res = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-q"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"{out}: No space left on device; nothing was written" in res.stderr
    assert out.read_bytes() == b"previous graph"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]  # no temporary file left


BROKEN_LEXICON = """
import shutil, sys, tempfile
from importlib import resources
from pathlib import Path

copy = Path(tempfile.mkdtemp()) / "lexicons"
shutil.copytree(Path(str(resources.files("extractors.lexicons"))), copy)
target = copy / sys.argv[1]
target.write_text(target.read_text(encoding="utf-8").replace(sys.argv[2], sys.argv[3], 1),
                  encoding="utf-8")
real = resources.files
resources.files = lambda pkg: copy if pkg == "extractors.lexicons" else real(pkg)
from stancegraph.cli import main
main(sys.argv[4:], prog_name="stancegraph")
"""


@pytest.mark.parametrize(
    ("rel", "old", "new", "words"),
    [
        ("ar/cues.yaml", 'stance: "reject"', 'stance: "loathe"', "ar/cues.yaml: entry"),
        ("stances.yaml", 'polarity: "support"', "polarity: [", "stances.yaml: not valid YAML"),
        ("actors/states.yaml", 'qid: "Q889"', 'qid: "889"', "actors/states.yaml: entry 1 ('AFG')"),
    ],
    ids=["bad-entry", "bad-yaml", "bad-gazetteer"],
)
def test_a_broken_lexicon_is_one_clean_line(tmp_path: Path, rel: str, old: str, new: str,
                                            words: str) -> None:  # fmt: skip
    """A language data file with a mistake: exit 1, one line naming file and entry."""
    src = (ROOT / "extractors" / "lexicons" / rel).read_text(encoding="utf-8")
    assert old in src
    claims = tmp_path / "claims.jsonl"
    claims.write_text("", encoding="utf-8")
    for args in (
        ["extract", str(SEEDS), "-q"],
        ["build", str(SEEDS), "-q", "-o", str(tmp_path / "g.ttl")],
    ):
        proc = subprocess.run(
            [sys.executable, "-c", BROKEN_LEXICON, rel, old, new, *args],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert (
            len(lines) == 1 and lines[0].startswith("Error: language data: ") and words in lines[0]
        )
    assert not (tmp_path / "g.ttl").exists()
