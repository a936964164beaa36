"""graph.viz, graph.tables and graph.explore: what the notebooks call."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("pandas", reason="pip install -e '.[notebooks]'")
matplotlib = pytest.importorskip("matplotlib", reason="pip install -e '.[notebooks]'")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri  # noqa: E402
from graph import networks  # noqa: E402
from graph.build import build_graph  # noqa: E402
from graph.explore import build_extracted, sample_jsonl  # noqa: E402
from graph.tables import (  # noqa: E402
    claims_frame,
    claims_table,
    evidence_html,
    is_rtl,
    position_matrix,
    sparql_frame,
    topic_claims,
    topic_timeline,
)
from graph.viz import (  # noqa: E402
    EDGE_STYLES,
    communities,
    display_label,
    draw_actor_network,
    draw_counts,
    draw_position_matrix,
    draw_stance_network,
    draw_topic_timeline,
    interactive_network,
    stance_edges,
)

from .helpers import make_claim  # noqa: E402

AR_TEXT = 'قال هولاند: "الأسد لا يستطيع أن يلعب أي دور في مستقبل سوريا".'
AR_TOPIC = "يلعب أي دور في مستقبل سوريا"


def ar_claim() -> Claim:
    start = AR_TEXT.index("الأسد")
    span = AR_TEXT[start : AR_TEXT.index('".')]
    return Claim.make(
        doc="seed.txt",
        actor=ActorRef(actor_iri("francois-hollande"), "François Hollande", "Q6105", "person", "FRA"),
        stance="oppose", polarity="oppose", negated=True,
        topic=TopicRef(topic_iri("ar", AR_TOPIC), AR_TOPIC),
        evidence=(Evidence(span, start, start + len(span)),),
        language="ar", extractor="stancegraph.reported_speech.v1", date="2015-11-27",
    )  # fmt: skip


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    return [
        ar_claim(),
        make_claim("Vladimir Putin", "support", "the coalition", concept="anti-isis-coalition"),
        make_claim(
            "Vladimir Putin",
            "support",
            "a coalition",
            concept="anti-isis-coalition",
            doc="b.txt",
            date="2015-12-01",
        ),  # fmt: skip
        make_claim("Turkey", "oppose", "the ceasefire", concept="ceasefire", date="2015-11-20"),
        make_claim(
            "Turkey",
            "support",
            "the ceasefire",
            concept="ceasefire",
            doc="c.txt",
            date="2016-02-12",
        ),  # fmt: skip
        make_claim(
            "Iran", "support", "the ceasefire", concept="ceasefire", doc="c.txt", date="2016-02-12"
        ),  # fmt: skip
    ]


@pytest.fixture(scope="module")
def kg(claims):  # noqa: ANN001, ANN201
    return build_graph(claims)


@pytest.fixture(autouse=True)
def _close_figures():  # noqa: ANN202
    yield
    plt.close("all")


@pytest.mark.parametrize(
    ("text", "rtl"), [("قال بوتين", True), ("Putin said", False), ("Poutine a dit «نعم»", True)]
)
def test_is_rtl(text: str, rtl: bool) -> None:
    assert is_rtl(text) is rtl


def test_display_label_shapes_and_reverses_arabic() -> None:
    shown = display_label("دور للأسد", None)
    assert shown != "دور للأسد"
    assert all("\ufe70" <= ch <= "\ufeff" or ch == " " for ch in shown)  # presentation forms
    assert display_label("role for Assad", None) == "role for Assad"
    assert display_label("a b c d", 3) == "a b\nc d"


def test_stance_network_draws_support_and_oppose_differently(kg) -> None:  # noqa: ANN001
    ax = draw_stance_network(kg)
    arrows = {p.get_gid(): p for p in ax.patches if isinstance(p, FancyArrowPatch)}
    oppose = arrows[f"oppose|François Hollande|{AR_TOPIC}"]
    support = arrows["support|Vladimir Putin|coalition against ISIS"]
    assert oppose.get_linestyle() in ("--", "dashed") and support.get_linestyle() in ("-", "solid")
    assert oppose.get_edgecolor() != support.get_edgecolor()
    assert support.get_linewidth() > oppose.get_linewidth()  # two claims against one
    texts = [t.get_text() for t in ax.texts]
    assert display_label(AR_TOPIC, 30) in texts and "François Hollande" in texts
    assert AR_TOPIC not in texts  # never drawn unshaped


def test_stance_edges(kg) -> None:  # noqa: ANN001
    edges = {(e["actor"], e["topic"]): e for e in stance_edges(kg)}
    assert edges[("François Hollande", AR_TOPIC)]["linestyle"] == "dashed"
    assert edges[("Turkey", "ceasefire")]["polarity"] == "mixed"
    assert edges[("Turkey", "ceasefire")]["color"] == EDGE_STYLES["mixed"]["color"]


def test_evidence_html_highlights_in_context_right_to_left() -> None:
    c = ar_claim()
    out = evidence_html(c, AR_TEXT)
    assert out.startswith('<div dir="rtl" lang="ar">')
    assert "<mark>" in out and f"<b>{AR_TOPIC}</b>" in out and "قال هولاند" in out
    assert evidence_html(c).count("<mark>") == 1  # no text: the span alone


def test_claims_table_escapes_html() -> None:
    text = "Russia rejected the <script>plan</script>."
    c = Claim.make(doc="x", actor=ActorRef(actor_iri("RUS"), "Russia"), stance="reject",
                   polarity="oppose", topic=TopicRef(topic_iri("en", "plan"), "plan"),
                   evidence=(Evidence(text[7:-1], 7, len(text) - 1),), language="en",
                   extractor="x.v1")  # fmt: skip
    table = claims_table([c], {"x": text})
    cell = table.data.loc[0, "evidence"]
    assert "<script>" not in cell and "&lt;script&gt;" in cell and 'dir="ltr"' in cell
    assert "<mark>" in table.to_html()


def test_position_matrix(kg) -> None:  # noqa: ANN001
    M = position_matrix(kg)
    assert M.loc["Turkey", "ceasefire"] == 0  # one support, one oppose
    assert M.loc["Vladimir Putin", "coalition against ISIS"] == 2
    assert M.loc["François Hollande", AR_TOPIC] == -1
    assert M.isna().loc["Iran", "coalition against ISIS"]
    assert list(position_matrix(kg, top_actors=1).index) == ["Turkey"]
    draw_position_matrix(M)


def test_topic_claims_and_timeline(kg) -> None:  # noqa: ANN001
    ceasefire = topic_claims(kg, "ceasefire")
    assert list(ceasefire["actor_label"]) == ["Turkey", "Iran", "Turkey"]
    timeline = topic_timeline(ceasefire)
    assert timeline.to_dict("records") == [
        {"period": "2015-11", "actor": "Turkey", "support": 0, "oppose": 1, "net": -1},
        {"period": "2016-02", "actor": "Iran", "support": 1, "oppose": 0, "net": 1},
        {"period": "2016-02", "actor": "Turkey", "support": 1, "oppose": 0, "net": 1},
    ]
    assert topic_claims(kg).attrs["topic"] == "ceasefire"  # the most claims, by default
    assert topic_claims(kg, "nothing like this").empty
    draw_topic_timeline(ceasefire)


def test_networks_and_communities(kg) -> None:  # noqa: ANN001
    C = networks.conflict(kg)
    groups = communities(C)
    assert sorted(len(g) for g in groups) == sorted(len(g) for g in communities(C, method="greedy"))
    assert groups == communities(C)  # repeatable
    ax = draw_actor_network(C, groups)
    assert [t.get_text() for t in ax.texts] == ["Iran", "Turkey"]
    with pytest.raises(ValueError, match="available: greedy, louvain"):
        communities(C, method="spectral")
    draw_counts(claims_frame(kg).value_counts("actor_label"))
    pytest.importorskip("pyvis")
    assert "<iframe" in interactive_network(networks.actor_topic(kg))._repr_html_()


def test_sparql_frame(kg) -> None:  # noqa: ANN001
    df = sparql_frame(
        kg, "SELECT ?a (COUNT(?c) AS ?n) WHERE { ?c sg:actor ?a } GROUP BY ?a ORDER BY ?a"
    )
    assert "actor:Turkey" in set(df["a"]) and df["n"].sum() == 6
    assert sparql_frame(kg, "ASK { ?c sg:polarity 'oppose' }")["answer"].tolist() == [True]


def test_sample_jsonl_is_repeatable(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps({"id": str(i), "text": "t"}) + "\n\n" for i in range(100))
    a = sample_jsonl([src], tmp_path / "a.jsonl", n=5, seed=3).read_text().splitlines()
    b = sample_jsonl([src], tmp_path / "b.jsonl", n=5, seed=3).read_text().splitlines()
    ids = [json.loads(line)["id"] for line in a]
    assert a == b and len(ids) == 5 and ids == sorted(ids, key=int)
    small = sample_jsonl([src], tmp_path / "s.jsonl", n=500).read_text().splitlines()
    assert len(small) == 100


def test_build_extracted_keeps_texts_and_problems(claims) -> None:  # noqa: ANN001
    doc = SimpleNamespace(id="seed.txt", text=AR_TEXT, date="2015-11-27", title=None,
                          source=None, url=None, format="text")  # fmt: skip
    built = build_extracted([SimpleNamespace(document=doc, language="ar", claims=claims[:1]),
                             "bad.txt: empty file; skipped"])  # fmt: skip
    assert built.texts == {"seed.txt": AR_TEXT} and built.languages == {"seed.txt": "ar"}
    assert built.problems == ["bad.txt: empty file; skipped"]
    assert len(claims_frame(built.graph)) == 1
