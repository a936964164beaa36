"""The corpus-graph commands: build --append, merge, query, positions, stats, network,
validate."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from extractors.claims import actor_iri
from graph.io import load_graph
from stancegraph.cli import main
from tests.test_graph.helpers import make_claim

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_1f932b837bce2af0.txt"
COMMANDS = ["merge", "query", "positions", "stats", "network", "validate"]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "seed.ttl"
    res = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module")
def claims_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Claims where Russia changes its position and France contradicts itself."""
    claims = [
        make_claim("RUS", "support", "the plan", doc="a.txt", date="2015-01-01", wikidata="Q159",
                   label="Russia"),
        make_claim("RUS", "oppose", "the plan", doc="b.txt", date="2015-06-01", wikidata="Q159",
                   label="Russia", stance="reject"),
        make_claim("FRA", "support", "the plan", doc="c.txt", wikidata="Q142", label="France"),
        make_claim("FRA", "oppose", "the plan", doc="c.txt", wikidata="Q142", label="France",
                   start=100),
    ]  # fmt: skip
    path = tmp_path_factory.mktemp("claims") / "claims.jsonl"
    path.write_text("".join(c.dumps() + "\n" for c in claims), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(runner: CliRunner, command: str) -> None:
    res = runner.invoke(main, [command, "-h"])
    assert res.exit_code == 0 and "Example" in res.output and f"stancegraph {command}" in res.output


def test_build_append_matches_one_run_and_adds_nothing_the_second_time(
    runner: CliRunner, tmp_path: Path, claims_file: Path
) -> None:
    one = tmp_path / "one.ttl"
    assert (
        runner.invoke(main, ["build", str(SEEDS), str(claims_file), "-o", str(one), "-q"]).exit_code
        == 0
    )
    inc = tmp_path / "inc.ttl"
    for item in (SEED, claims_file):
        res = runner.invoke(main, ["build", str(item), "--append", str(inc), "-q"])
        assert res.exit_code == 0, res.output
    assert inc.read_bytes() == one.read_bytes()
    res = runner.invoke(main, ["build", str(SEED), "--append", str(inc)])
    assert res.exit_code == 0 and "+0 triples" in res.output
    assert inc.read_bytes() == one.read_bytes()


def test_append_keeps_the_file_format(runner: CliRunner, tmp_path: Path, claims_file: Path) -> None:
    nt = tmp_path / "g.nt"
    assert runner.invoke(main, ["build", str(SEED), "-o", str(nt), "-q"]).exit_code == 0
    res = runner.invoke(main, ["build", str(claims_file), "--append", str(nt), "-q"])
    assert res.exit_code == 0, res.output
    assert nt.read_text(encoding="utf-8").startswith("<https://")


def test_append_refuses_a_file_that_is_not_rdf_and_leaves_it_alone(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "corpus.ttl"
    bad.write_text("notes, not a graph <<<", encoding="utf-8")
    res = runner.invoke(main, ["build", str(SEED), "--append", str(bad)])
    assert res.exit_code == 1
    assert "not a readable graph" in res.output and "nothing was written" in res.output
    assert "Traceback" not in res.output
    assert bad.read_text(encoding="utf-8") == "notes, not a graph <<<"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.ttl"]


def test_append_and_output_together_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(
        main, ["build", str(SEED), "--append", str(tmp_path / "a.ttl"), "-o", "b.ttl"]
    )
    assert res.exit_code == 2 and "--append" in res.output


def test_append_to_a_store_folder(runner: CliRunner, tmp_path: Path, claims_file: Path) -> None:
    store = tmp_path / "corpus.oxigraph"
    for item in (SEED, claims_file, SEED):
        res = runner.invoke(main, ["build", str(item), "--append", str(store)])
        assert res.exit_code == 0, res.output
    assert "+0 triples" in res.output and " 0 triples" not in res.output
    one = tmp_path / "one.ttl"
    runner.invoke(main, ["build", str(SEED), str(claims_file), "-o", str(one), "-q"])
    merged = tmp_path / "from-store.ttl"
    assert runner.invoke(main, ["merge", str(store), "-o", str(merged), "-q"]).exit_code == 0
    assert merged.read_bytes() == one.read_bytes()
    res = runner.invoke(main, ["build", str(SEED), "-o", str(store), "-q"])
    assert res.exit_code == 1 and "--append" in res.output


def test_merge(runner: CliRunner, tmp_path: Path, seed_graph: Path, claims_file: Path) -> None:
    nt = tmp_path / "claims.nt"
    assert runner.invoke(main, ["build", str(claims_file), "-o", str(nt), "-q"]).exit_code == 0
    out = tmp_path / "merged.ttl"
    res = runner.invoke(main, ["merge", str(seed_graph), str(nt), str(seed_graph), "-o", str(out)])
    assert res.exit_code == 0 and "merged 3 graphs" in res.output
    one = tmp_path / "one.ttl"
    runner.invoke(main, ["build", str(SEEDS), str(claims_file), "-o", str(one), "-q"])
    assert isomorphic(load_graph(out), load_graph(one))
    res = runner.invoke(main, ["merge", str(seed_graph), str(claims_file), "-f", "trig", "-q"])
    assert res.exit_code == 0 and "doc:c.txt {" in res.output


def test_merge_stops_on_an_unreadable_input(
    runner: CliRunner, tmp_path: Path, seed_graph: Path
) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text("<a> <b> .")
    out = tmp_path / "out.ttl"
    res = runner.invoke(main, ["merge", str(seed_graph), str(bad), "-o", str(out)])
    assert res.exit_code == 1 and "bad.nt: not a readable graph" in res.output
    assert not out.exists()


def test_query_formats(runner: CliRunner, seed_graph: Path, tmp_path: Path) -> None:
    q = "SELECT ?actor (COUNT(?c) AS ?n) WHERE { ?c sg:actor/rdfs:label ?actor } GROUP BY ?actor ORDER BY ?actor"
    table = runner.invoke(main, ["query", str(seed_graph), q, "-q"])
    assert table.exit_code == 0 and table.output.splitlines()[0].split() == ["actor", "n"]
    assert "Vladimir Putin" in table.output
    rows = list(
        csv.reader(
            io.StringIO(
                runner.invoke(main, ["query", str(seed_graph), q, "-f", "csv", "-q"]).output
            )
        )
    )
    assert rows[0] == ["actor", "n"] and all(r[1].isdigit() for r in rows[1:])
    doc = json.loads(runner.invoke(main, ["query", str(seed_graph), q, "-f", "json", "-q"]).output)
    assert doc["head"]["vars"] == ["actor", "n"]
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?c sg:polarity 'oppose' }")
    assert (
        runner.invoke(main, ["query", str(seed_graph), "--file", str(rq)]).output.strip() == "true"
    )
    res = runner.invoke(
        main,
        [
            "query",
            str(seed_graph),
            "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?c sg:actor ?a . ?a rdfs:label ?l }",
            "-q",
        ],
    )
    assert res.exit_code == 0 and "actor:vladimir-putin" in res.output


def test_query_binds_values(runner: CliRunner, seed_graph: Path) -> None:
    q = "SELECT ?c ?a WHERE { ?c sg:actor ?a }"
    all_rows = runner.invoke(
        main, ["query", str(seed_graph), q, "-f", "csv", "-q"]
    ).output.splitlines()
    putin = runner.invoke(main, ["query", str(seed_graph), q, "--bind", "a=actor:vladimir-putin",
                                 "-f", "csv", "-q"]).output.splitlines()  # fmt: skip
    assert 1 < len(putin) < len(all_rows)
    assert all(actor_iri("vladimir-putin") in r for r in putin[1:])
    res = runner.invoke(main, ["query", str(seed_graph), q, "--bind", "nonsense"])
    assert res.exit_code == 2


def test_query_errors_are_clean(runner: CliRunner, seed_graph: Path) -> None:
    res = runner.invoke(main, ["query", str(seed_graph), "SELEC ?x"])
    assert (
        res.exit_code == 1 and "SPARQL query failed" in res.output and "Traceback" not in res.output
    )
    assert runner.invoke(main, ["query", str(seed_graph)]).exit_code == 2


@pytest.mark.parametrize("name", ["Putin", "Poutine", "بوتين", "Q7747"])
def test_positions_of_an_actor_by_any_name(runner: CliRunner, seed_graph: Path, name: str) -> None:
    res = runner.invoke(main, ["positions", str(seed_graph), "--actor", name, "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert records and {r["actor_label"] for r in records} == {"Vladimir Putin"}
    assert "actor: Vladimir Putin" in res.stderr


def test_positions_by_topic_and_polarity(runner: CliRunner, seed_graph: Path) -> None:
    res = runner.invoke(main, ["positions", str(seed_graph), "--topic", "coalition", "--polarity",
                               "support", "-f", "csv", "-q"])  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert {"Vladimir Putin", "François Hollande"} <= {r["actor"] for r in rows}
    assert {r["topic"] for r in rows} == {"coalition against ISIS"}
    res = runner.invoke(main, ["positions", str(seed_graph), "--actor", "Merkel"])
    assert res.exit_code == 1 and "no actor named 'Merkel'" in res.output


def test_positions_changes(runner: CliRunner, claims_file: Path) -> None:
    res = runner.invoke(main, ["positions", str(claims_file), "--changes", "-q"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    russia = next(line for line in lines if line.startswith("Russia"))
    france = next(line for line in lines if line.startswith("France"))
    assert "change" in russia and "support → oppose on 2015-06-01" in russia
    assert "contradiction" in france and "same document: c.txt" in france
    records = [
        json.loads(x)
        for x in runner.invoke(
            main, ["positions", str(claims_file), "--changes", "-f", "jsonl", "-q"]
        ).output.splitlines()
    ]
    assert {r["kind"] for r in records} == {"change", "contradiction"}


def test_positions_graph_from_the_environment(
    runner: CliRunner, seed_graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANCEGRAPH_GRAPH", str(seed_graph))
    res = runner.invoke(main, ["positions", "--actor", "Hollande", "-q"])
    assert res.exit_code == 0 and "François Hollande" in res.output


def test_stats(runner: CliRunner, seed_graph: Path) -> None:
    res = runner.invoke(main, ["stats", str(seed_graph)])
    assert res.exit_code == 0 and "documents   1" in res.output and "Vladimir Putin" in res.output
    doc = json.loads(runner.invoke(main, ["stats", str(seed_graph), "-f", "json"]).output)
    assert doc["documents"] == 1 and doc["by_language"] == {"ar": doc["claims"]}


@pytest.mark.parametrize("kind", ["congruence", "conflict", "actor-topic", "topic"])
@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".csv", ".json"])
def test_network_kinds_and_formats(runner: CliRunner, seed_graph: Path, tmp_path: Path,
                                   kind: str, suffix: str) -> None:  # fmt: skip
    out = tmp_path / f"net{suffix}"
    res = runner.invoke(main, ["network", str(seed_graph), "--kind", kind, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert f"{kind} network:" in res.output
    if suffix == ".graphml":
        G = nx.read_graphml(out)
        assert all("label" in d for _, d in G.nodes(data=True))
    elif suffix == ".gexf":
        nx.read_gexf(out)
    elif suffix == ".json":
        nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    else:
        assert out.read_text(encoding="utf-8").startswith("Source,Target,Type,Weight")


def test_network_congruence_links_putin_and_hollande(runner: CliRunner, seed_graph: Path) -> None:
    res = runner.invoke(main, ["network", str(seed_graph), "--kind", "congruence", "-f", "csv",
                               "--normalization", "jaccard", "-q"])  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(res.output)))
    pairs = {frozenset((r["source_label"], r["target_label"])) for r in rows}
    assert frozenset(("Vladimir Putin", "François Hollande")) in pairs
    assert all(0 < float(r["Weight"]) <= 1 for r in rows)


def test_network_rejects_bad_dates(runner: CliRunner, seed_graph: Path) -> None:
    res = runner.invoke(main, ["network", str(seed_graph), "--since", "last year"])
    assert res.exit_code == 1 and "expected YYYY" in res.output


def test_validate(runner: CliRunner, seed_graph: Path, tmp_path: Path) -> None:
    res = runner.invoke(main, ["validate", str(seed_graph)])
    assert res.exit_code == 0 and "conforms" in res.output
    text = seed_graph.read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        text.replace('sg:polarity "support"', 'sg:polarity "maybe"', 1), encoding="utf-8"
    )
    res = runner.invoke(main, ["validate", str(broken)])
    assert res.exit_code == 1
    assert "sg:polarity" in res.stdout and "claim:" in res.stdout
    assert "violation(s)" in res.stderr
    res = runner.invoke(main, ["validate", str(broken), "-f", "jsonl"])
    assert json.loads(res.stdout.splitlines()[0])["shape"].startswith("sgsh:")


@pytest.fixture(scope="module")
def dev_ttl(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the dev set, built in one run."""
    dev = shared / "corpus" / "dev"
    folders = [str(SEEDS)] + [str(dev / lang) for lang in ("ar", "en", "fr")]
    one = tmp_path_factory.mktemp("dev") / "one.ttl"
    res = CliRunner().invoke(main, ["build", *folders, "-o", str(one), "-q"])
    assert res.exit_code == 0, res.output
    return one


def test_dev_set_appended_one_document_at_a_time_is_the_one_run_graph(
    runner: CliRunner, shared: Path, dev_ttl: Path, tmp_path: Path
) -> None:
    dev = shared / "corpus" / "dev"
    inc = tmp_path / "inc.ttl"
    docs = [SEED] + sorted(p for lang in ("ar", "en", "fr") for p in (dev / lang).glob("*.txt"))
    assert len(docs) == 18
    for doc in docs:
        assert runner.invoke(main, ["build", str(doc), "--append", str(inc), "-q"]).exit_code == 0
    assert inc.read_bytes() == dev_ttl.read_bytes()
    assert isomorphic(load_graph(inc), load_graph(dev_ttl))


def test_dev_set_networks_link_who_they_should(runner: CliRunner, dev_ttl: Path) -> None:
    res = runner.invoke(main, ["network", str(dev_ttl), "--kind", "congruence", "-f", "json", "-q"])
    G = nx.node_link_graph(json.loads(res.output), edges="edges")
    assert G.has_edge(actor_iri("vladimir-putin"), actor_iri("francois-hollande"))
    res = runner.invoke(main, ["network", str(dev_ttl), "--kind", "conflict", "-f", "json", "-q"])
    assert nx.node_link_graph(json.loads(res.output), edges="edges").number_of_edges() > 0


def test_dev_set_validates(runner: CliRunner, dev_ttl: Path) -> None:
    res = runner.invoke(main, ["validate", str(dev_ttl)])
    assert res.exit_code == 0, res.output
