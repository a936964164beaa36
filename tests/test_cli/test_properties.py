"""Property-based tests: arbitrary Unicode and arbitrary JSON Lines, through the library and
the command line. Nothing crashes, the output parses, every evidence offset slices back to
its evidence text."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract_text
from extractors.claims import Claim
from extractors.readers import Document, InputProblem, read_jsonl
from graph.build import build_graph, claims_from_graph
from graph.io import load_graph, parse_data, serialize
from stancegraph.cli import main

SENTENCES = [
    "Russia rejected the peace plan.",
    "France welcomed the agreement, the minister said.",
    "La France a condamné l'attaque.",
    "Le président a déclaré qu'il soutenait la coalition.",
    "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو ترفض الخطة الأمريكية.",
    "أدانت فرنسا الهجوم الإرهابي على الطائرة الروسية.",
    'Putin: "Yes to the great coalition"',
]
#: Characters that break naive code: bidi and zero-width marks, combining marks, emoji,
#: controls, quotes, markup, lone surrogates.
NASTY_CHARS = list("\u200e\u200f\u202a\u202e\u2066\u2069\u200b\u200c\u200d\ufeff\u0301\u0651\u0640"
                   "🙂👩\x00\x07\x1b\x7f\x85\u2028\u2029\r\n\t\"'<>&«»“”\\{}#%") + ["\ud800", "\udfff"]  # fmt: skip
PIECES = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(NASTY_CHARS),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=8),  # surrogates too
    st.just(" "),
)
TEXTS = st.lists(PIECES, max_size=12).map("".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_evidence(claims: list, texts: dict[str, str]) -> None:
    for c in claims:
        text = texts[c.doc]
        for ev in c.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text, (c.doc, ev)


@SETTINGS
@given(TEXTS, st.sampled_from(["ar", "en", "fr"]))
def test_library_any_text(text: str, lang: str) -> None:
    claims = extract_text(text, lang, doc_id="d")
    clean = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    _check_evidence(claims, {"d": clean})
    g = build_graph(claims)
    for fmt in ("nt", "turtle", "json-ld"):
        assert claims_from_graph(parse_data(serialize(g, fmt), fmt)) == claims_from_graph(g)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda kids: (
        st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.fixed_dictionaries(
    {"text": st.one_of(TEXTS, JSON_VALUES)},
    optional={
        "id": st.one_of(st.text(max_size=12), st.integers(), JSON_VALUES),
        "date": st.one_of(st.sampled_from(["2015-11-27", "2015-13-45", "x"]), JSON_VALUES),
        "language": st.sampled_from(["ar", "en", "fr", "de", "", None]),
        "title": st.one_of(TEXTS, JSON_VALUES),
    },
)
LINES = st.lists(
    st.one_of(
        RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
        RECORDS.map(lambda r: json.dumps(r).encode()),  # \ud800 escapes
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=30).filter(lambda b: b"\n" not in b),
    ),
    max_size=8,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])  # fmt: skip
@given(LINES, st.sampled_from(["build", "extract"]))
def test_cli_any_json_lines(tmp_path: Path, lines: list[bytes], command: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / ("g.nt" if command == "build" else "claims.jsonl")
    out.unlink(missing_ok=True)
    res = CliRunner().invoke(main, [command, str(corpus), "-o", str(out), "-q"])
    assert res.exit_code in (0, 1), res.output
    assert "Traceback" not in res.output and (
        res.exception is None or isinstance(res.exception, SystemExit)
    )
    items = list(read_jsonl(corpus))
    texts = {d.id: d.text for d in items if isinstance(d, Document)}
    if any(isinstance(i, InputProblem) for i in items):
        assert res.exit_code == 1  # something was skipped: the exit status says so
    if command == "build":
        claims = claims_from_graph(load_graph(out))
    else:
        claims = [Claim.from_json(json.loads(x)) for x in out.read_text("utf-8").splitlines()]
    _check_evidence(claims, texts)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TEXTS)
def test_cli_any_text_file(tmp_path: Path, text: str) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(text.encode("utf-8", "surrogatepass"))
    out = tmp_path / "g.ttl"
    res = CliRunner().invoke(main, ["build", str(doc), "-o", str(out), "--lang", "en"])
    assert res.exit_code in (0, 1) and "Traceback" not in res.output, res.output
    if res.exit_code == 0:
        claims = claims_from_graph(load_graph(out))
        _check_evidence(claims, {"doc.txt": doc.read_bytes().decode("utf-8").lstrip("\ufeff")})
    else:
        assert "doc.txt" in res.stderr
