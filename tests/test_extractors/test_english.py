"""English constructions: titles, coordinated subjects, passives, nominal cues, pro-forms.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from extractors import extract_text
from extractors.claims import Claim


def _claims(text: str, date: str = "2005-03-01") -> list[Claim]:
    return extract_text(text, lang="en", date=date)


def _has(claims: list[Claim], actor: str, polarity: str, word: str) -> bool:
    return any(
        actor in (c.actor.label, c.actor.country)
        and c.polarity == polarity
        and word in c.topic.label
        for c in claims
    )


POSITIVE = [
    # stance verbs and phrases
    ("Canada pressed the case for new sanctions on the regime.", "CAN", "support", "sanctions"),
    ("Norway is making the case for a UN peacekeeping force.", "NOR", "support", "peacekeeping"),
    ("Spain threw its weight behind the Moroccan autonomy plan.", "ESP", "support", "autonomy"),
    ("Sweden came out in favour of a two-state solution.", "SWE", "support", "two-state"),
    ("Egypt is making every effort to end the fighting in Gaza.", "EGY", "support", "fighting"),
    # a titled name after a state is the person, not the state
    (
        "US Secretary of State Condoleezza Rice condemned the bombing in Baghdad.",
        "Condoleezza Rice",
        "oppose",
        "bombing",
    ),
    (
        "US Undersecretary of State John Bolton pressed for a vote in the council.",
        "John Bolton",
        "support",
        "vote",
    ),
    # the agent of a passive acts, also a capital standing for its government
    ("The new offer was welcomed by Moscow on Tuesday.", "RUS", "support", "offer"),
    ("The proposal was rejected by Beijing.", "CHN", "oppose", "proposal"),
    # the owner of a stance noun holds the position, also inside someone else's claim
    (
        "Turkey dismissed Armenia's denials that it had shelled the border villages.",
        "ARM",
        "oppose",
        "shelled",
    ),
    (
        "The vote went ahead despite an Iranian demand for Iraq to close the border.",
        "IRN",
        "support",
        "close the border",
    ),
    (
        "The summit opened with a French call for a ceasefire in Darfur.",
        "FRA",
        "support",
        "ceasefire",
    ),
    (
        "The talks stalled over a Russian refusal to withdraw its troops.",
        "RUS",
        "oppose",
        "withdraw",
    ),
    ("The plan stalled over Japan's refusal to cut its whaling quota.", "JPN", "oppose", "whaling"),
    (
        "Observers praised the EU's decision to send monitors.",
        "European Union",
        "support",
        "monitors",
    ),
    (
        "The talks resumed after an EU offer of fresh aid to the region.",
        "European Union",
        "support",
        "aid",
    ),
    # after "despite" or "over", a stance noun without complement is about the main clause
    (
        "The troops will be withdrawn by June despite US objections, the minister said.",
        "USA",
        "oppose",
        "troops will be withdrawn",
    ),
]


@pytest.mark.parametrize(("text", "actor", "polarity", "word"), POSITIVE)
def test_english_positions(text: str, actor: str, polarity: str, word: str) -> None:
    claims = _claims(text)
    assert _has(claims, actor, polarity, word), [
        (c.actor.label, c.polarity, c.topic.label) for c in claims
    ]


def test_subjects_joined_by_and_each_with_a_demonym_and_title_all_count() -> None:
    claims = _claims(
        "German Chancellor Gerhard Schroeder and French President Jacques Chirac "
        "called for talks with Tehran."
    )
    actors = {c.actor.label for c in claims if c.polarity == "support"}
    assert {"Gerhard Schröder", "Jacques Chirac"} <= actors, actors


NEGATIVE = [
    # an outcome in the future tense is no intention
    "We will end up with tighter controls than before, the minister said.",
    # a capital after a preposition other than "by" is a place
    "Talks on the plan were held in Moscow and welcomed.",
    # market demand is no call; a verb after an object is no noun of stance
    "Prices rose on strong Chinese demand for steel and copper.",
    "Analysts see little prospect of America agreeing to the cuts.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_english_non_positions(text: str) -> None:
    claims = _claims(text)
    assert not claims, [(c.actor.label, c.polarity, c.topic.label) for c in claims]


def test_a_state_before_a_titled_name_after_the_verb_is_no_second_speaker() -> None:
    claims = _claims("The attack must be stopped, said US Secretary of State Condoleezza Rice.")
    assert {c.actor.label for c in claims} == {"Condoleezza Rice"}, claims
