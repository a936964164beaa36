"""English constructions: titles, coordinated subjects, passives, nominal cues, pro-forms.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from extractors import extract_text
from extractors.claims import Claim

from .helpers import has as _has


def _claims(text: str, date: str = "2005-03-01") -> list[Claim]:
    return extract_text(text, lang="en", date=date)


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
    # a government noun after a demonym stands for the state
    ("The Norwegian government rejected the new border plan.", "NOR", "oppose", "border plan"),
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


def _pairs(text: str) -> list[tuple[str, str, str]]:
    return [(c.actor.label, c.polarity, c.topic.label) for c in _claims(text)]


SAID = [
    # an evaluation of what follows "it is ... to/that/if" (extraposition)
    ("Jack Straw said it was wrong to sell arms to the junta.", "oppose", "sell arms to the junta"),
    ("Jack Straw said it would be a mistake to lift sanctions now.", "oppose", "lift sanctions"),
    ("Jack Straw said it was vital that the talks resume.", "support", "talks resume"),
    (
        "Jack Straw said it is important for Iran to respect the deal.",
        "support",
        "respect the deal",
    ),
    ("Jack Straw said it would be unwise to speculate about a deal.", "oppose", "speculate"),
    # an evaluation after a copula is no passive; a negated one is an opposition
    ("Jack Straw said the meeting was productive.", "support", "meeting"),
    ("Jack Straw said the proposal was not appropriate.", "oppose", "proposal"),
    # the subject of the evaluation follows "that"
    (
        "Jack Straw said he believed that tighter controls were essential.",
        "support",
        "tighter controls",
    ),
    # a pro-form stands for the topic of the claim just before
    (
        "Jack Straw backed lifting the embargo but said he was not ready to do so yet.",
        "oppose",
        "lifting the embargo",
    ),
]


@pytest.mark.parametrize(("text", "polarity", "topic"), SAID)
def test_what_jack_straw_said(text: str, polarity: str, topic: str) -> None:
    pairs = _pairs(text)
    assert any(p[:2] == ("Jack Straw", polarity) and topic in p[2] for p in pairs), pairs


def test_an_object_pronoun_stands_for_the_topic_before() -> None:
    pairs = _pairs("Russia rejected the peace plan. China also opposed it.")
    assert ("China", "oppose", "peace plan") in pairs, pairs


def test_a_possessor_after_the_verb_is_no_speaker() -> None:
    pairs = _pairs("An aide said Jack Straw's remark was unacceptable.")
    assert not [p for p in pairs if p[0] == "Jack Straw"], pairs


def test_a_spokesman_for_an_actor_speaks_for_it() -> None:
    pairs = _pairs("A spokesman for Mr Putin said the sanctions were illegal.")
    assert ("Vladimir Putin", "oppose", "sanctions") in pairs, pairs


def test_an_act_supposed_in_an_if_clause_is_no_position() -> None:
    pairs = _pairs("The deal would be void even if Iran signed the protocol, he said.")
    assert not [p for p in pairs if p[0] == "Iran"], pairs


def test_an_attribute_in_a_relative_clause_is_no_evaluation() -> None:
    pairs = _pairs("Jack Straw said Iran would get the help that is appropriate.")
    assert not [p for p in pairs if p[2] == "help" or "appropriate" in p[2]], pairs


def test_a_verb_after_a_quotation_takes_no_name_from_before_it() -> None:
    pairs = _pairs(
        "Talks on the proposed enlargement of the European Union (EU) have been "
        '"very constructive", say people close to them.'
    )
    assert not pairs, pairs


def test_what_is_against_someones_interests_is_judged_harmful() -> None:
    pairs = _pairs("Jack Straw said the tariffs were against the interests of British farmers.")
    assert ("Jack Straw", "oppose", "tariffs") in pairs, pairs


def test_a_list_of_actors_does_not_end_the_topic() -> None:
    claims = _claims(
        "Jack Straw said it would be reckless if we, the Americans, or the Europeans "
        "let the truce collapse."
    )
    assert [c.topic.label for c in claims if c.polarity == "oppose"] == [
        "Americans, or the Europeans let the truce collapse"
    ], claims
    assert not any(c.conditional for c in claims)  # the if-clause is what is judged


def test_a_capital_modifying_a_noun_after_by_is_no_agent() -> None:
    pairs = _pairs("The bid was turned down by the London exchange in March.")
    assert not [p for p in pairs if p[0] == "United Kingdom"], pairs
