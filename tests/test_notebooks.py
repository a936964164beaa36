"""Every notebook executes headless from the repository, without error, in under a minute;
the notebooks are committed without outputs; notebook 1 shows the seed's stance network as
a PNG image."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[notebooks]'")
nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[notebooks]'")
pytest.importorskip("ipykernel", reason="pip install -e '.[notebooks]'")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
LIMIT_S = 60


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kernel spec ``python3`` that runs this interpreter (the venv's), found first."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (stancegraph tests)", "language": "python",
    }))  # fmt: skip
    return root


def execute(path: Path, kernel_env: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_env))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend makes PNGs
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=LIMIT_S,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )  # fmt: skip
    start = time.monotonic()
    client.execute()  # raises CellExecutionError on any error
    elapsed = time.monotonic() - start
    assert elapsed < LIMIT_S, f"{path.name} took {elapsed:.0f} s"
    return nb


def test_there_are_notebooks() -> None:
    assert [p.name for p in PATHS] == [
        "01_seed_article.ipynb", "02_corpus.ipynb", "03_sparql.ipynb",
    ]  # fmt: skip


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and "**Question" in first.source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", [p for p in PATHS if not p.name.startswith("01_")],
                         ids=lambda p: p.name)  # fmt: skip
def test_notebook_executes(path: Path, kernel_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    execute(path, kernel_env, monkeypatch)


def _cell(nb: object, tag: str) -> object:
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]  # type: ignore[attr-defined]
    assert len(cells) == 1, tag
    return cells[0]


def test_seed_notebook_draws_the_stance_network(
    kernel_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = execute(NOTEBOOKS / "01_seed_article.ipynb", kernel_env, monkeypatch)
    network = _cell(nb, "stance-network")
    pngs = [o for o in network.outputs if "image/png" in o.get("data", {})]  # type: ignore[attr-defined]
    assert pngs, "the stance network cell shows no PNG image"
    assert len(pngs[0]["data"]["image/png"]) > 10_000
    # the edges the picture draws: Hollande → the role of Assad is opposition, Putin →
    # the coalition support
    edges = _cell(nb, "stance-edges").outputs[0]["data"]["text/html"]  # type: ignore[attr-defined]
    rows = [re.findall(r"<td>(.*?)</td>", tr, re.S) for tr in edges.split("<tr>")[1:]]
    hollande = [r for r in rows if "Hollande" in r[0] and "يلعب أي دور" in r[1]]
    assert hollande and hollande[0][2] == "oppose" and "dashed" in hollande[0]
    putin = [r for r in rows if "Putin" in r[0] and r[1] == "coalition against ISIS"]
    assert putin and putin[0][2] == "support" and "solid" in putin[0]
    table = _cell(nb, "claims-table").outputs[0]["data"]["text/html"]  # type: ignore[attr-defined]
    assert 'dir="rtl"' in table and "<mark>" in table
