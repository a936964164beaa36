from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancegraph.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_version_and_help(runner: CliRunner) -> None:
    assert runner.invoke(main, ["--version"]).output.startswith("stancegraph, version")
    for cmd in (["-h"], ["build", "-h"], ["claims", "-h"], ["extract", "-h"], ["eval", "-h"]):
        res = runner.invoke(main, cmd)
        assert res.exit_code == 0 and "Example" in res.output


def test_build_then_claims(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seeds.ttl"
    res = runner.invoke(main, ["build", str(SEEDS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    res = runner.invoke(main, ["claims", str(out)])
    assert res.exit_code == 0
    records = [json.loads(line) for line in res.output.splitlines()]
    assert records
    text = (SEEDS / "000_1f932b837bce2af0.txt").read_text(encoding="utf-8")
    for r in records:
        assert set(r) >= {"id", "doc", "actor", "stance", "polarity", "conditional", "negated",
                          "topic", "evidence", "confidence", "language", "extractor"}  # fmt: skip
        assert r["doc"] == "000_1f932b837bce2af0.txt" and r["language"] == "ar"
        for ev in r["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "json-ld"])
def test_build_formats(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "g.out"
    res = runner.invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", fmt, "-q"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["claims", str(out)]) if fmt != "json-ld" else None
    assert out.stat().st_size > 1000


def test_extract_and_build_from_claims_file_agree(runner: CliRunner, tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    assert runner.invoke(main, ["extract", str(SEEDS), "-o", str(claims), "-q"]).exit_code == 0
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert runner.invoke(main, ["build", str(SEEDS), "-o", str(a), "-q"]).exit_code == 0
    assert runner.invoke(main, ["build", str(claims), "-o", str(b), "-q"]).exit_code == 0
    ca = runner.invoke(main, ["claims", str(a)]).output
    cb = runner.invoke(main, ["claims", str(b)]).output
    assert ca == cb and ca


def test_bad_inputs_are_reported_and_the_rest_processed(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes((SEEDS / "000_1f932b837bce2af0.txt").read_bytes())
    (folder / "seed.meta.json").write_text('{"language": "ar", "date": "2015-11-27"}')
    (folder / "empty.txt").write_text("")
    (folder / "latin1.txt").write_bytes("Le président a déclaré".encode("latin-1"))
    (folder / "corpus.jsonl").write_text(
        '{"id": "1", "text": "Russia rejected the plan."}\n{oops\n'
    )
    out = tmp_path / "g.ttl"
    res = runner.invoke(main, ["build", str(folder), "-o", str(out)])
    assert res.exit_code == 1
    assert (
        "empty.txt" in res.output and "latin1.txt" in res.output and "corpus.jsonl:2" in res.output
    )
    assert "Traceback" not in res.output
    claims = runner.invoke(main, ["claims", str(out)]).output
    assert "seed.txt" in claims


def test_claims_of_a_non_graph_is_a_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<")
    res = runner.invoke(main, ["claims", str(bad)])
    assert res.exit_code == 1 and "not a readable graph" in res.output
    assert "Traceback" not in res.output


def test_missing_input_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(main, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "x.ttl")])
    assert res.exit_code == 1 and "no such file" in res.output


def test_extractors_lists_registered_names(runner: CliRunner) -> None:
    res = runner.invoke(main, ["extractors"])
    assert "stancegraph.reported_speech.v1" in res.output.splitlines()


def test_eval_scores_against_gold(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seeds.ttl"
    runner.invoke(main, ["build", str(SEEDS), "-o", str(out), "-q"])
    claims = [json.loads(x) for x in runner.invoke(main, ["claims", str(out)]).output.splitlines()]
    c = claims[0]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "c01", "doc": c["doc"], "polarity": c["polarity"], "stance": c["stance"],
        "actors": [{"qid": c["actor"]["wikidata"], "names": [c["actor"]["label"]]}],
        "topic": "t", "topic_terms": [c["topic"]["label"].split()[-1]], "topic_entities": [],
        "evidence": [{"text": c["evidence"][0]["text"]}], "required": True,
    }, ensure_ascii=False) + "\n")  # fmt: skip
    res = runner.invoke(main, ["eval", "--gold", str(gold), "--texts", str(SEEDS), str(out), "-v"])
    assert res.exit_code == 0, res.output
    assert "recall=1.000" in res.output
