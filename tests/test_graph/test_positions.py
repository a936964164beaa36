"""Positions, position changes and contradictions, finding actors and topics by name."""

from __future__ import annotations

import pytest

from extractors.claims import ActorRef, Claim, Evidence, TopicRef, actor_iri, topic_iri
from graph.build import build_graph
from graph.positions import Change, Position, changes, positions
from graph.query import QueryError, claim_rows, match_actors, match_topics

from .helpers import CONCEPT, make_claim


def _gazetteer_claim(actor_id: str, label: str, qid: str, topic: str, lang: str, **kw) -> Claim:  # noqa: ANN003
    text = f"{label} {topic}"
    return Claim.make(
        doc=kw.pop("doc", "a.txt"),
        actor=ActorRef(actor_iri(actor_id), label, qid, kw.pop("type", "person"), kw.pop("country", None)),
        stance=kw.get("polarity", "support"),
        polarity=kw.pop("polarity", "support"),
        topic=TopicRef(topic_iri(lang, topic), topic, (), kw.pop("concept", None), kw.pop("concept_label", None)),
        evidence=(Evidence(text, 0, len(text)),),
        language=lang,
        extractor="stancegraph.reported_speech.v1",
        date=kw.pop("date", "2015-11-27"),
    )  # fmt: skip


COALITION = CONCEPT + "anti-isis-coalition"


@pytest.fixture(scope="module")
def kg():  # noqa: ANN201
    return build_graph([
        _gazetteer_claim("vladimir-putin", "Vladimir Putin", "Q7747", "التحالف الكبير", "ar",
                         concept=COALITION, concept_label="coalition against ISIS",
                         country="RUS", doc="seed.txt"),
        _gazetteer_claim("francois-hollande", "François Hollande", "Q157", "une grande coalition",
                         "fr", concept=COALITION, concept_label="coalition against ISIS",
                         country="FRA", doc="fr.txt"),
        _gazetteer_claim("IRN", "Iran", "Q794", "the sanctions", "en", type="state",
                         country="IRN", polarity="oppose", doc="en.txt"),
        _gazetteer_claim("iran-mfa", "Iranian Foreign Ministry", None, "the sanctions", "en",
                         type="ministry", country="IRN", polarity="oppose", doc="en.txt"),
    ])  # fmt: skip


@pytest.mark.parametrize("name", ["Putin", "putin", "Poutine", "بوتين", "Vladimir Putin", "Q7747",
                                  "vladimir-putin", actor_iri("vladimir-putin")])  # fmt: skip
def test_actors_are_found_by_any_name_in_any_language(kg, name: str) -> None:  # noqa: ANN001
    assert [m.iri for m in match_actors(kg, name)] == [actor_iri("vladimir-putin")]


def test_an_exact_name_wins_over_names_that_contain_it(kg) -> None:  # noqa: ANN001
    assert [m.label for m in match_actors(kg, "Iran")] == ["Iran"]
    assert [m.label for m in match_actors(kg, "iranian")] == ["Iranian Foreign Ministry"]
    assert match_actors(kg, "Merkel") == [] and match_actors(kg, "  ") == []


def test_topics_are_found_by_concept_labels_in_any_language_and_by_phrase(kg) -> None:  # noqa: ANN001
    assert COALITION in {m.iri for m in match_topics(kg, "coalition")}
    assert COALITION in {m.iri for m in match_topics(kg, "التحالف")}
    assert COALITION in {m.iri for m in match_topics(kg, "anti-isis-coalition")}
    assert [m.label for m in match_topics(kg, "SANCTIONS")] == ["the sanctions"]


def test_positions_of_an_actor_named_in_french(kg) -> None:  # noqa: ANN001
    [p] = positions(kg, actor="Poutine")
    assert isinstance(p, Position)
    assert (p.actor_label, p.topic, p.topic_label, p.polarity) == (
        "Vladimir Putin",
        COALITION,
        "coalition against ISIS",
        "support",
    )
    assert p.first == p.last == "2015-11-27" and p.documents == ("seed.txt",)
    assert p.to_json()["support"] == 1


def test_phrases_in_three_languages_are_one_topic_through_their_concept(kg) -> None:  # noqa: ANN001
    found = positions(kg, topic="coalition")
    assert [p.actor_label for p in found] == ["François Hollande", "Vladimir Putin"]
    assert {p.topic for p in found} == {COALITION}
    by_phrase = positions(kg, topic="coalition", topic_by="phrase")
    assert len({p.topic for p in by_phrase}) == 2


def test_polarity_filter(kg) -> None:  # noqa: ANN001
    assert {p.actor_label for p in positions(kg, polarity="oppose")} == {
        "Iran", "Iranian Foreign Ministry"}  # fmt: skip
    assert positions(kg, topic="coalition", polarity="oppose") == []
    with pytest.raises(QueryError, match="available: support, oppose, mixed"):
        positions(kg, polarity="neutral")


def test_positions_labels_in_another_language(kg) -> None:  # noqa: ANN001
    [p] = positions(kg, actor="Putin", lang="fr")
    assert (p.actor_label, p.topic_label) == (
        "Vladimir Poutine",
        "coalition contre l'État islamique",
    )


def _history(*items: tuple[str, str, str | None]) -> list[Claim]:
    return [
        make_claim(
            "RUS", pol, f"plan {i}", doc=doc, date=date, concept="peace-process", start=i * 100
        )  # fmt: skip
        for i, (pol, doc, date) in enumerate(items)
    ]


@pytest.mark.parametrize(
    ("history", "kind", "reason", "before", "after", "since", "switches"),
    [
        ([("support", "a", "2015-01-01"), ("support", "b", "2015-02-01"),
          ("oppose", "c", "2015-03-01")], "change", "over time", "support", "oppose", "2015-03-01", 1),
        ([("oppose", "a", "2015-01-01"), ("support", "b", "2016-01-01"),
          ("oppose", "c", "2017-01-01")], "change", "over time", "support", "oppose", "2017-01-01", 2),
        ([("support", "a", "2015-01-01"), ("oppose", "a", "2015-01-01")],
         "contradiction", "same document", None, None, None, 0),
        ([("support", "a", "2015-01-01"), ("oppose", "b", "2015-01-01")],
         "contradiction", "same day", None, None, None, 0),
        ([("support", "a", "2015-01-01"), ("oppose", "b", None)],
         "contradiction", "undated", None, None, None, 0),
    ],
)  # fmt: skip
def test_changes_and_contradictions(history, kind, reason, before, after, since, switches) -> None:  # noqa: ANN001
    kg = build_graph(_history(*history))
    [c] = changes(kg)
    assert isinstance(c, Change)
    assert (c.kind, c.reason, c.before, c.after, c.since, c.switches) == (
        kind, reason, before, after, since, switches)  # fmt: skip
    assert c.topic == CONCEPT + "peace-process" and c.topic_label == "peace process"
    assert len(c.support) + len(c.oppose) == len(history)
    assert [t[1] for t in c.timeline] and c.to_json()["kind"] == kind


def test_consistent_positions_are_no_change() -> None:
    kg = build_graph(_history(("support", "a", "2015-01-01"), ("support", "b", "2016-01-01")))
    assert changes(kg) == []
    [p] = positions(kg)
    assert (p.polarity, p.first, p.last, len(p.support)) == (
        "support",
        "2015-01-01",
        "2016-01-01",
        2,
    )


def test_a_time_window_can_hide_a_change() -> None:
    kg = build_graph(_history(("support", "a", "2015-01-01"), ("oppose", "b", "2016-06-01")))
    assert len(changes(kg)) == 1
    assert changes(kg, until="2015") == [] and changes(kg, since="2016-06") == []
    assert [p.polarity for p in positions(kg, since="2016")] == ["oppose"]


def test_claim_filters() -> None:
    kg = build_graph([
        make_claim("Aa", "oppose", "x", confidence=0.4, start=0),
        make_claim("Bb", "support", "x", conditional=True, start=50),
        make_claim("Cc", "support", "x", date=None, start=100),
    ])  # fmt: skip
    assert len(claim_rows(kg)) == 3
    assert [r.actor_label for r in claim_rows(kg, min_confidence=0.5)] == ["Cc", "Bb"]
    assert {r.actor_label for r in claim_rows(kg, conditional=False)} == {"Aa", "Cc"}
    assert {r.actor_label for r in claim_rows(kg, since="2015")} == {"Aa", "Bb"}
    assert {r.actor_label for r in claim_rows(kg, polarity="support")} == {"Bb", "Cc"}
    with pytest.raises(QueryError, match="since: expected YYYY"):
        claim_rows(kg, since="yesterday")
    with pytest.raises(QueryError, match="unknown topic key"):
        claim_rows(kg, topic_by="word")
