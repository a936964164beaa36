"""French constructions: participles, appositions, relative clauses, coordinated calls.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from extractors import extract_text
from extractors.pipeline import process

from .helpers import has as _has
from .helpers import summary as _pairs

POSITIVE = [
    # an unknown name right before a verb in the present tense or a participle
    ("Jean Dupont condamne l'attaque contre le convoi.", "Jean Dupont", "oppose", "attaque"),
    (
        "Le Canada a exprimé sa « vive inquiétude », le porte-parole du gouvernement, "
        "Paul Lefort appelant à la reprise du dialogue.",
        "Paul Lefort",
        "support",
        "reprise du dialogue",
    ),
    # an apposition between the name and its verb; « à » is no auxiliary
    (
        "Marie Durand, exilée au Canada, avait appelé les Européens à rejeter le référendum.",
        "Marie Durand",
        "oppose",
        "référendum",
    ),
    # the antecedent of a relative clause that closes before the verb acts, all conjuncts
    (
        "Le Japon, l'Inde et la Chine, qui siègent au comité, contestent à la Turquie le droit "
        "de bloquer le projet.",
        "IND",
        "oppose",
        "droit",
    ),
    ("La Turquie a menacé de fermer sa frontière avec l'Arménie.", "TUR", "oppose", "frontière"),
    # a cue whose topic comes first: its subject is the topic, not a speaker of its own
    (
        "« Le régime de M. Petrov est responsable de la famine », a déclaré Sergueï Lavrov.",
        "Sergey Lavrov",
        "oppose",
        "régime",
    ),
    # « qui » + verb: the actor just before « qui » speaks
    (
        "La Chine est le premier partenaire du Japon qui dit redouter une nouvelle crise.",
        "JPN",
        "oppose",
        "crise",
    ),
    # government nouns with a demonym stand for the state
    (
        "Le régime syrien a dénoncé une « agression » contre son territoire.",
        "SYR",
        "oppose",
        "agression",
    ),
    ("Les autorités russes ont condamné l'attentat.", "RUS", "oppose", "attentat"),
    # coordinated calls: two claims; an opposing act in the second one is an opposition
    (
        "La Norvège a appelé à un cessez-le-feu et à la reprise des négociations.",
        "NOR",
        "support",
        "cessez-le-feu",
    ),
    (
        "La Norvège a appelé à un cessez-le-feu et à la reprise des négociations.",
        "NOR",
        "support",
        "reprise des négociations",
    ),
    (
        "Le Canada a appelé la Turquie à « respecter ses engagements et à s'abstenir de toute "
        "opération militaire ».",
        "CAN",
        "oppose",
        "opération militaire",
    ),
    # « éviter » in speech; « et » before a second act ends the first topic
    (
        "« Il faut éviter une guerre régionale et appeler les parties au dialogue », a déclaré le "
        "Canada.",
        "CAN",
        "oppose",
        "guerre régionale",
    ),
    (
        "« Il faut éviter une guerre régionale et appeler les parties au dialogue », a déclaré le "
        "Canada.",
        "CAN",
        "support",
        "dialogue",
    ),
    # a participle after a comma continues the subject, « que » opens what was said
    (
        "Marie Durand a salué la décision des juges, jugeant que M. Petrov avait "
        "« perdu toute légitimité ».",
        "Marie Durand",
        "oppose",
        "Petrov",
    ),
]


@pytest.mark.parametrize(("text", "actor", "polarity", "word"), POSITIVE)
def test_finds_the_claim(text: str, actor: str, polarity: str, word: str) -> None:
    claims = extract_text(text, "fr", doc_id="t.txt", date="2020-01-01")
    assert _has(claims, actor, polarity, word), _pairs(claims)


def test_a_name_after_que_is_not_the_speaker() -> None:
    text = (
        "Marie Durand a salué la décision, jugeant que M. Petrov avait « perdu toute légitimité »."
    )
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert all(c.actor.label != "M. Petrov" for c in claims), _pairs(claims)


def test_closed_quotation_is_no_parenthesis() -> None:
    text = (
        "Le Canada a exprimé sa « vive inquiétude », le porte-parole du gouvernement, "
        "Paul Lefort appelant à la reprise du dialogue."
    )
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert all("Lefort" not in c.topic.label for c in claims), _pairs(claims)


@pytest.mark.parametrize(
    "text",
    [
        # « appeler quelqu'un » (to phone) is no call for anything
        "Il a rencontré M. Petrov, qu'il a appelé plusieurs fois au téléphone.",
        # an actor inside a relative clause is not the subject of the main verb
        "Ce comité, qui compte parmi ses membres l'écrivaine Marie Durand, a appelé à la grève.",
    ],
)
def test_finds_no_claim(text: str) -> None:
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert claims == [], _pairs(claims)


def _quotes(text: str) -> list[str]:
    doc = process(text, "fr")
    return [q.text for q in doc.spans["stancegraph_quotes"]]


def test_straight_quotes_glued_to_the_next_sentence_close() -> None:
    text = 'Il a parlé d\'une "faute".Selon lui, "rien ne change".Le Canada a répondu.'
    assert _quotes(text) == ["faute", "rien ne change"]


def test_a_lost_quotation_mark_does_not_turn_the_text_inside_out() -> None:
    # the closing mark after « (...) » is missing; the next opening mark starts a new quote
    text = (
        'Pour Paul Lefort, "le comité se sent obligé (...) "Mais cela ne tient pas", '
        "estime-t-il. Le Canada a salué la décision."
    )
    assert _quotes(text) == ["le comité se sent obligé (...)", "Mais cela ne tient pas"]
    # a closing mark with no quotation open opens none
    text = 'cela ne tient pas", estime-t-il. Le Canada a salué la décision.'
    assert _quotes(text) == []


def test_a_quotation_inside_a_sentence_is_not_the_last_speaker_s() -> None:
    text = (
        "« Nous condamnons cette attaque », a déclaré Marie Durand. Une association a ensuite "
        "porté plainte pour « incitation à la haine »."
    )
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert all("haine" not in c.topic.label for c in claims), _pairs(claims)
    # a quotation that opens its sentence goes on with the same speech
    text = (
        "« Nous condamnons cette attaque », a déclaré Marie Durand. « Nous rejetons toute "
        "violence. »"
    )
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert _has(claims, "Marie Durand", "oppose", "violence"), _pairs(claims)


@pytest.mark.parametrize(
    "text",
    [
        # a verb whose subject is nobody known: what follows is that subject's, not the last
        # named speaker's
        "Marie Durand a salué l'accord. Le porte-parole du comité a déclaré qu'il espérait "
        "une reprise rapide des négociations.",
        "Marie Durand a salué l'accord. Le tribunal a estimé mercredi que la plainte était "
        "fondée, rejetant la demande de la défense.",
        # the target of a criticism does not criticize
        "Ce n'est pas la première fois que Marie Durand est accusée de mépris envers les élus.",
        "Depuis son élection, Marie Durand s'est vu reprocher son silence sur la réforme.",
        "Critiquée pour ses liens avec le groupe, Marie Durand est restée silencieuse.",
    ],
)
def test_nobody_named_takes_the_position(text: str) -> None:
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert all(c.stance not in ("criticize", "call_for", "reject") for c in claims), _pairs(claims)
    assert all(c.topic.label not in ("mépris", "silence") for c in claims), _pairs(claims)


def test_a_reflexive_verb_is_no_passive() -> None:
    claims = extract_text("Marie Durand s'est félicitée de l'accord.", "fr", doc_id="t.txt")
    assert _has(claims, "Marie Durand", "support", "accord"), _pairs(claims)


def _actor_labels(text: str) -> list[str]:
    doc = process(text, "fr")
    names = doc.user_data.get("stancegraph_unknown", {})
    return [names.get(a.label_, a.label_) for a in doc.spans["stancegraph_actors"]]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a capitalized noun after an article is no unknown person
        ("Le Secours populaire a lancé un appel aux dons.", "Secours"),
        # a name does not open or end with « de »/« du »
        ("La Banque de France a dénoncé ces propos.", "Banque de"),
        ("Le député du Rassemblement national a dénoncé la réforme.", "du Rassemblement"),
    ],
)
def test_no_unknown_name_from_common_words(text: str, label: str) -> None:
    assert label not in _actor_labels(text)


def test_an_honorific_and_a_surname_are_a_name() -> None:
    assert "Durand" in _actor_labels("M. Durand a dénoncé la réforme.")


def test_a_participle_opening_its_sentence_takes_the_subject_after_it() -> None:
    text = (
        "Marie Durand a salué l'accord. Dénonçant la répression, le chef de l'opposition a "
        "estimé que le régime devait tomber."
    )
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert all("répression" not in c.topic.label for c in claims), _pairs(claims)
    text = "Marie Durand a salué l'accord. Dénonçant la répression, elle a réclamé des sanctions."
    claims = extract_text(text, "fr", doc_id="t.txt")
    assert _has(claims, "Marie Durand", "support", "sanctions"), _pairs(claims)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "La délégation de l'Union européenne à Kaboul a dénoncé un acte désespéré.",
            "European Union",
        ),
        ("Le ministère français des Affaires étrangères a condamné l'attentat.", "France"),
    ],
)
def test_a_delegation_or_ministry_speaks_for_its_body(text: str, actor: str) -> None:
    claims = extract_text(text, lang="fr", date="2020-09-09")
    assert any(c.actor.label == actor and c.polarity == "oppose" for c in claims), _pairs(claims)
    # a ministry without its country is nobody
    assert not extract_text(
        "Le ministère des Affaires étrangères a condamné l'attentat.", lang="fr"
    )


def test_evidence_of_a_topic_before_its_cue_in_a_long_sentence() -> None:
    """A sentence of over 400 characters gives as evidence the cue and its topic, even when
    the topic comes first (« "...", a averti l'OMS »)."""
    text = (
        "Au niveau mondial, la crise des réfugiés, qui touche désormais des millions de familles "
        "dans une vingtaine de pays d'Afrique, d'Asie et d'Europe, et qui a déjà coûté des "
        "milliards aux budgets publics comme aux organisations humanitaires présentes sur le "
        'terrain depuis plusieurs années, "est loin d\'être terminée" et même "s\'aggrave", '
        "avait averti lundi l'Organisation mondiale de la santé (OMS), dans un rapport publié à "
        "Genève devant les représentants de nombreux États membres réunis en session "
        "extraordinaire."
    )
    claims = extract_text(text, "fr")
    assert _has(claims, "who", "oppose", "crise des réfugiés")
    (evidence,) = claims[0].evidence
    assert "crise des réfugiés" in evidence.text and "averti" in evidence.text
    assert text[evidence.start : evidence.end] == evidence.text
    assert len(evidence.text) < len(text)
