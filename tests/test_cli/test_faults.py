"""Faults while writing: a build killed (SIGKILL) or interrupted (Ctrl-C) in the middle of
writing a big graph leaves the previous output byte for byte; running it again gives the
graph an uninterrupted run gives."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
from stancegraph.cli import main

ROOT = Path(__file__).resolve().parents[2]

# Runs the CLI with file writes that stop half-way: the first half of the data is written
# and synced, a marker file appears, and the process waits to be killed.
PAUSED_WRITE = """
import os, sys, time
marker, args = sys.argv[1], sys.argv[2:]
from stancegraph.cli import main
real_fdopen = os.fdopen

class HalfWritten:
    def __init__(self, fh):
        self.fh = fh
    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        os.fsync(self.fh.fileno())
        open(marker, "w").close()
        time.sleep(120)
        return self.fh.write(data[len(data) // 2 :])
    def __getattr__(self, name):
        return getattr(self.fh, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.fh.__exit__(*exc)

os.fdopen = lambda fd, *a, **k: HalfWritten(real_fdopen(fd, *a, **k))
main(args, prog_name="stancegraph")
"""


@pytest.fixture(scope="module")
def claims_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 claims in 200 documents (about 40,000 triples, a 1.3 MB Turtle file)."""
    path = tmp_path_factory.mktemp("claims") / "claims.jsonl"
    lines = []
    for i in range(2000):
        text = f"Actor {i % 50} rejected proposal number {i}."
        claim = Claim.make(
            doc=f"doc-{i // 10:04}.txt",
            actor=ActorRef(actor_iri(f"unk-{i % 50:03}"), f"Actor {i % 50}"),
            stance="reject", polarity="oppose",
            topic=TopicRef(topic_iri("en", f"proposal {i}"), f"proposal {i}"),
            evidence=(Evidence(text, 0, len(text)),), language="en", extractor="test.v1",
            date="2015-11-27",
        )  # fmt: skip
        lines.append(claim.dumps())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str) -> Result:
    """An uninterrupted run (in this process: only the killed runs need their own)."""
    return CliRunner().invoke(main, list(args))


def _paused(marker: Path, *args: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_WRITE, str(marker), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"the build never started writing: {err[-2000:]}")
        time.sleep(0.05)
    return proc


def _temporary(out: Path) -> list[Path]:
    return list(out.parent.glob(f".{out.name}.*.tmp"))


@pytest.fixture(scope="module")
def reference(claims_file: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("ref") / "g.ttl"
    res = _cli("build", str(claims_file), "-o", str(out), "-q")
    assert res.exit_code == 0, res.output
    return out.read_bytes()


def test_sigkill_while_writing_leaves_the_old_graph(claims_file: Path, reference: bytes,
                                                    tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "g.ttl"
    old = (ROOT / "tests" / "data" / "seed.claims.golden.jsonl").read_bytes()  # any old bytes
    out.write_bytes(old)
    proc = _paused(tmp_path / "marker", "build", str(claims_file), "-o", str(out), "-q")
    (tmp,) = _temporary(out)
    assert 0 < tmp.stat().st_size < len(reference)  # killed half-way through the new graph
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert out.read_bytes() == old
    # and running it again gives the graph of an uninterrupted run
    res = _cli("build", str(claims_file), "-o", str(out), "-q")
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == reference


def test_ctrl_c_while_writing_leaves_the_old_graph_and_no_temporary_file(
    claims_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g.nt"
    out.write_bytes(b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    proc = _paused(tmp_path / "marker", "build", str(claims_file), "-o", str(out), "-q")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "Aborted!" in err and "Traceback" not in err
    assert out.read_bytes() == b"<urn:x:a> <urn:x:b> <urn:x:c> .\n"
    assert _temporary(out) == []


def test_sigkill_while_appending_leaves_the_graph_and_a_rerun_completes_it(
    claims_file: Path, tmp_path: Path
) -> None:
    seed_graph = tmp_path / "corpus.ttl"
    res = _cli("build", str(ROOT / "seeds"), "-o", str(seed_graph), "-q")
    assert res.exit_code == 0, res.output
    before = seed_graph.read_bytes()
    proc = _paused(
        tmp_path / "marker", "build", str(claims_file), "--append", str(seed_graph), "-q"
    )
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert seed_graph.read_bytes() == before
    res = _cli("build", str(claims_file), "--append", str(seed_graph), "-q")
    assert res.exit_code == 0, res.output
    one_run = tmp_path / "one-run.ttl"
    res = _cli("build", str(ROOT / "seeds"), str(claims_file), "-o", str(one_run), "-q")
    assert res.exit_code == 0, res.output
    assert seed_graph.read_bytes() == one_run.read_bytes()


def test_claims_fixture_is_valid(claims_file: Path) -> None:
    first = json.loads(claims_file.read_text(encoding="utf-8").splitlines()[0])
    assert Claim.from_json(first).evidence[0].text.startswith("Actor 0 rejected")
