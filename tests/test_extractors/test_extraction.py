"""Extraction per language: positive and negative cases written for these tests."""

from __future__ import annotations

import pytest

from extractors import extract_text
from extractors.claims import Claim


def _find(claims: list[Claim], actor: str, polarity: str, topic_word: str) -> Claim | None:
    for c in claims:
        names = (c.actor.label, c.actor.wikidata, c.actor.country, c.actor.id.rsplit("/", 1)[-1])
        if actor in names and c.polarity == polarity and topic_word in c.topic.label:
            return c
    return None


POSITIVE = [
    # (lang, date, text, actor (label, QID or country), polarity, word in topic)
    ("en", None, "Russia rejected the American peace plan on Tuesday.", "RUS", "oppose", "peace plan"),
    ("en", None, 'Mr Straw said: "We support Turkish membership of the EU."', "Jack Straw", "support", "membership"),
    ("en", None, "The Kremlin condemned the attack on the embassy.", "RUS", "oppose", "attack"),
    ("en", "2015-11-27", "The French president said he welcomed the agreement.", "FRA", "support", "agreement"),
    ("en", None, "China said it would not accept the resolution.", "CHN", "oppose", "resolution"),
    ("en", None, "Germany called for a ceasefire in Gaza.", "DEU", "support", "ceasefire"),
    ("fr", None, "Le Kremlin a rejeté mardi le plan de paix américain.", "RUS", "oppose", "plan de paix"),
    ("fr", None, "« Nous ne pouvons pas accepter cette résolution », a affirmé Sergueï Lavrov.", "Sergey Lavrov", "oppose", "résolution"),
    ("fr", None, "La France a appelé à un cessez-le-feu immédiat au Yémen.", "FRA", "support", "cessez-le-feu"),
    ("fr", None, "L'Iran a condamné l'assassinat du général.", "IRN", "oppose", "assassinat"),
    ("ar", None, "رفضت موسكو الخطة الأمريكية للسلام", "RUS", "oppose", "الخطة"),
    ("ar", None, "وأكد لافروف أن روسيا مستعدة للتعاون مع الولايات المتحدة", "Sergey Lavrov", "support", "للتعاون"),
    ("ar", "2015-11-27", "قال الرئيس الفرنسي إن بلاده ترحب بالاتفاق النووي", "FRA", "support", "الاتفاق"),
    ("ar", None, "ودعت السعودية إلى وقف إطلاق النار في اليمن", "SAU", "support", "وقف إطلاق النار"),
    ("ar", None, "وأدانت الجامعة العربية الهجوم على السفارة", "arab-league", "oppose", "الهجوم"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "date", "text", "actor", "polarity", "word"), POSITIVE)
def test_finds_the_claim(lang: str, date: str | None, text: str, actor: str, polarity: str,
                         word: str) -> None:  # fmt: skip
    claims = extract_text(text, lang, doc_id="t.txt", date=date)
    found = _find(claims, actor, polarity, word)
    assert found is not None, [(c.actor.label, c.polarity, c.topic.label) for c in claims]
    for ev in found.evidence:
        assert text[ev.start : ev.end] == ev.text
    assert found.language == lang and found.extractor == "stancegraph.reported_speech.v1"


NEGATIVE = [
    ("en", "Russian and Chinese diplomats met in Beijing on Monday."),
    ("en", "Analysts said the plan must be rejected."),
    ("en", "The weather was welcomed by farmers."),
    ("fr", "Le président s'est rendu à Berlin jeudi."),
    ("fr", "Des experts estiment qu'il faut rejeter le texte."),
    ("ar", "زار وزير الخارجية الروسي القاهرة أمس"),
    ("ar", "وقال مسؤولون إنه يجب رفض الاتفاق"),
    ("ar", "وصل الوفد إلى الرياض مساء الثلاثاء"),
]


@pytest.mark.parametrize(("lang", "text"), NEGATIVE)
def test_finds_no_claim(lang: str, text: str) -> None:
    claims = extract_text(text, lang, doc_id="t.txt")
    assert claims == [], [(c.actor.label, c.polarity, c.topic.label) for c in claims]


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        ("en", "Iran said it would not accept any new sanctions.", "IRN"),
        ("fr", "Moscou ne soutient pas ce projet de résolution, a déclaré le Kremlin.", "RUS"),
        ("ar", "وقالت إيران إنها لن تقبل أي عقوبات جديدة", "IRN"),
    ],
)
def test_negation_flips_support_to_oppose(lang: str, text: str, actor: str) -> None:
    claims = [c for c in extract_text(text, lang, doc_id="t") if c.actor.country == actor]
    assert claims and all(c.polarity == "oppose" and c.negated for c in claims)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russia said it was ready to join the coalition even if the US led it."),
        (
            "fr",
            "La Russie est prête à rejoindre la coalition même si elle est dirigée par Washington.",
        ),
        ("ar", "وقالت روسيا إنها مستعدة للانضمام إلى التحالف حتى لو كان بقيادة الولايات المتحدة"),
    ],
)
def test_conditions_are_marked(lang: str, text: str) -> None:
    claims = [c for c in extract_text(text, lang, doc_id="t") if c.actor.country == "RUS"]
    assert claims and all(c.conditional for c in claims)


def test_carried_over_speaker() -> None:
    text = 'Lavrov said Russia backs the talks. "We also want a ceasefire," he added.'
    claims = extract_text(text, "en", doc_id="t")
    assert _find(claims, "Sergey Lavrov", "support", "ceasefire")


def test_offsets_refer_to_the_original_text_with_diacritics() -> None:
    text = "وَأَكَّدَ لافروف أنَّ روسيا مُسْتَعِدَّة لِلتَّعَاوُنِ"
    claims = extract_text(text, "ar", doc_id="t")
    assert claims
    for c in claims:
        for ev in c.evidence:
            assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        ("en", "Germany and France said they support the deal.", {"DEU", "FRA"}),
        ("ar", "وتقول الولايات المتحدة والسعودية إنه يتعين رحيل الأسد", {"USA", "SAU"}),
        ("fr", "L'Allemagne et la France ont appelé à un cessez-le-feu.", {"DEU", "FRA"}),
    ],
)
def test_conjoined_actors_all_take_the_position(lang: str, text: str, actors: set[str]) -> None:
    claims = extract_text(text, lang, doc_id="t")
    assert {c.actor.country for c in claims if c.polarity == "support"} >= actors


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("en", "Russia's foreign minister said Moscow would not accept the plan.", "RUS"),
        (
            "fr",
            "« Nous refusons ce plan », a déclaré mardi, à Paris, le ministre russe Sergueï Lavrov.",
            "RUS",
        ),
        ("ar", "وقال وزير الخارجية الروسي سيرغي لافروف إن بلاده ترفض الخطة", "RUS"),
    ],
)
def test_speaker_is_found_across_titles_and_fillers(lang: str, text: str, speaker: str) -> None:
    claims = extract_text(text, lang, doc_id="t", date="2015-06-01")
    assert claims and all(c.actor.country == speaker for c in claims), [
        (c.actor.label, c.topic.label) for c in claims
    ]


def test_unnamed_sources_are_not_speakers() -> None:
    text = 'Lavrov spoke on Monday. "We must reject this plan," a senior diplomat said.'
    assert extract_text(text, "en", doc_id="t") == []


def test_places_are_not_governments() -> None:
    claims = extract_text("The talks in Moscow welcomed the plan.", "en", doc_id="t")
    assert all(c.actor.country != "RUS" for c in claims)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "If it joins, Turkey may have to accept restrictions on migration."),
        ("fr", "La Chine pourrait rejeter le texte au Conseil de sécurité."),
        ("ar", "قد ترفض الصين مشروع القرار في مجلس الأمن"),
    ],
)
def test_hedged_acts_are_no_positions(lang: str, text: str) -> None:
    assert extract_text(text, lang, doc_id="t") == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", " خادم الحرمين الرئيس الفرنسي"),
        ("ar", "الرئيس"),
        ("en", "President"),
        ("fr", "le président"),
    ],
)
def test_a_title_at_the_very_end_is_harmless(lang: str, text: str) -> None:
    assert extract_text(text, lang, doc_id="t", date="2015-01-01") == []
