"""Rules of the reported-speech extractor, one phenomenon per test, in each language.

Sentences are written for these tests (none is taken from a corpus).
"""

from __future__ import annotations

import pytest

from extractors import extract_text
from extractors.claims import Claim

from .helpers import has as _has
from .helpers import summary as _summary


def _claims(text: str, lang: str, date: str | None = "2015-08-01") -> list[Claim]:
    return extract_text(text, lang, doc_id="t.txt", date=date)


# A call to stop something opposes that thing; a call for a ceasefire supports the ceasefire.
STOP_DEMANDED = [
    ("en", "Kerry urged China to halt land reclamation in the disputed waters.", "John Kerry", "land reclamation"),
    ("en", "Germany called on Russia to stop the bombing of hospitals.", "DEU", "bombing"),
    ("fr", "Paris a appelé Israël à cesser la colonisation.", "FRA", "colonisation"),
    ("fr", "L'Allemagne a demandé à la Russie de cesser les bombardements.", "DEU", "bombardements"),
    ("ar", "وطالبت فرنسا إسرائيل بوقف الاستيطان في الضفة الغربية", "FRA", "الاستيطان"),
    ("ar", "وطالبت ألمانيا بوقف القصف على المستشفيات", "DEU", "القصف"),
    ("ar", "وطلبت واشنطن من موسكو وقف الغارات على المدنيين", "USA", "الغارات"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "actor", "word"), STOP_DEMANDED)
def test_a_call_to_stop_something_opposes_it(lang: str, text: str, actor: str, word: str) -> None:
    claims = _claims(text, lang)
    assert _has(claims, actor, "oppose", word), _summary(claims)
    assert not _has(claims, actor, "support", word), _summary(claims)


@pytest.mark.parametrize(
    ("lang", "text", "actor", "word"),
    [
        ("ar", "ودعت تركيا إلى وقف إطلاق النار في حلب", "TUR", "وقف إطلاق النار"),
        ("en", "Turkey called for a ceasefire in Aleppo.", "TUR", "ceasefire"),
        ("fr", "La Turquie a appelé à un cessez-le-feu à Alep.", "TUR", "cessez-le-feu"),
    ],
)
def test_a_call_for_a_ceasefire_supports_it(lang: str, text: str, actor: str, word: str) -> None:
    claims = _claims(text, lang)
    assert _has(claims, actor, "support", word), _summary(claims)


def test_arabic_addressee_between_commas_is_skipped() -> None:
    # «دعا X، الدول ...، إلى Y»: the topic is what the addressee is called to do
    text = (
        "دعا وزير الخارجية الفرنسي، لوران فابيوس، الدول الأوروبية التي وقعت الاتفاق، "
        "إلى التدخل لحماية المدنيين"
    )
    claims = _claims(text, "ar")
    assert any(c.topic.label.startswith("التدخل") for c in claims), _summary(claims)


def test_a_call_does_not_reach_past_its_quotation() -> None:
    # the modal inside the quotation keeps its topic; «إلى» after the quote is another clause
    text = 'وقال بوتين: "مستقبل البلاد يجب أن يكون في يد شعبها" ، لكن هناك حاجة إلى دعم دولي.'
    claims = _claims(text, "ar")
    assert any("يد شعبها" in c.topic.label for c in claims), _summary(claims)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("وقال لافروف إن الخطة التي تقترحها موسكو ستنهي الأزمة", "الخطة"),
        ("وأكد الوزير لافروف أن الحكومة التي تدعمها بلاده تبقى الحل الوحيد", "الحكومة"),
    ],
)
def test_arabic_relative_clause_with_object_pronoun_takes_its_antecedent(text: str,
                                                                         word: str) -> None:  # fmt: skip
    claims = _claims(text, "ar")
    assert any(c.topic.label == word for c in claims), _summary(claims)


def test_arabic_speakers_joined_through_a_relational_noun() -> None:
    # «X وحليفتها Y»: Y speaks too; the negated clause after «ولا» is a claim of its own
    text = "وتقول فرنسا وحليفتها ألمانيا إنه يتعين وقف الحرب ولا تريدان الحوار مع الانقلابيين."
    claims = _claims(text, "ar")
    for actor in ("FRA", "DEU"):
        assert _has(claims, actor, "oppose", "الحرب"), _summary(claims)
        assert _has(claims, actor, "oppose", "الحوار"), _summary(claims)
    assert not any("الحوار" in c.topic.label and "الحرب" in c.topic.label for c in claims)


def test_arabic_verb_with_object_pronoun_after_an_indefinite_noun_has_no_topic() -> None:
    # «جماعات تؤيدها هذه الدول»: what follows the verb is its subject, not what is supported
    text = "وقال لافروف إن جماعات مسلحة تؤيدها هذه الدول تقاتل في الشمال."
    claims = _claims(text, "ar")
    assert not any("الدول" in c.topic.label for c in claims), _summary(claims)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("وقال بوتين: يمكننا العمل معا ضد الإرهاب.", "العمل"),  # a modal's pronoun
        ("والتقى لافروف مشعل ويدعوه لزيارة موسكو.", "زيارة موسكو"),  # the addressee
    ],
)
def test_arabic_pronouns_that_are_no_object_keep_the_topic(text: str, word: str) -> None:
    claims = _claims(text, "ar")
    assert any(word in c.topic.label for c in claims), _summary(claims)


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("ar", "التقى لافروف وفدا من حركة حماس في موسكو. وقبلت الحركة الدعوة إلى الحوار.", "الدعوة"),
        ("en", "Lavrov met a Hamas delegation in Moscow. The movement rejected the interim agreements.", "agreements"),
        ("fr", "Lavrov a reçu le Hamas à Moscou. Le mouvement a rejeté les accords intérimaires.", "accords"),
    ],
)  # fmt: skip
def test_a_definite_noun_refers_to_the_actor_named_before(lang: str, text: str, word: str) -> None:
    claims = _claims(text, lang)
    assert any(c.actor.id.endswith("/hamas") and word in c.topic.label for c in claims), _summary(
        claims
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "وقبلت الحركة الدعوة إلى الحوار."),  # nobody named before
        (
            "ar",
            "التقى لافروف نظيره الصيني في موسكو. وقبلت الحركة الدعوة إلى الحوار.",
        ),  # no movement
        (
            "en",
            "Hamas met Lavrov in 2010. Prices rose. Trade fell. Rain came. The movement rejected it.",
        ),
    ],
)
def test_an_anaphor_without_a_near_antecedent_is_nobody(lang: str, text: str) -> None:
    claims = _claims(text, lang)
    assert not any(c.actor.id.endswith("/hamas") for c in claims), _summary(claims)


def test_an_act_reported_by_an_unnamed_source_is_the_actors() -> None:
    text = 'وقال مسؤول في الحركة إن "حركة حماس رفضت الاتفاق المؤقت".'
    claims = _claims(text, "ar")
    assert any(c.actor.id.endswith("/hamas") and c.polarity == "oppose" for c in claims), _summary(
        claims
    )
    # what the unnamed source says in its own name stays unclaimed
    assert not _claims('وقال مسؤول في الحركة: "يجب رفض الاتفاق".', "ar")


def test_arabic_future_verbs_need_the_speaker_as_subject() -> None:
    # «ستيفان» is a name, not «س» + verb; «المحادثات ستركز» is what the talks will do
    text = "وقال لافروف إن المبعوث ستيفان دي ميستورا يزور موسكو وإن المحادثات ستركز على الأزمة."
    assert not [c for c in _claims(text, "ar") if c.stance == "intend"]
    claims = _claims("وقال لافروف إن بلاده ستواصل دعم الحكومة السورية.", "ar")
    assert _has(claims, "Sergey Lavrov", "support", "الحكومة السورية"), _summary(claims)


def test_arabic_modal_verb_before_its_subject() -> None:
    text = (
        "والتقى الرئيس محمود عباس وفدا أوروبيا. ويريد عباس تحديد موعد للانتخابات قبل نهاية العام."
    )
    claims = _claims(text, "ar")
    assert _has(claims, "Mahmoud Abbas", "support", "موعد للانتخابات"), _summary(claims)


def test_a_colleagues_own_act_inside_reported_speech_is_the_colleagues() -> None:
    text = (
        "وذكر لافروف أن لدى الأمم المتحدة أفكارا لتشكيل جبهة واسعة ضد الإرهاب، كتلك التي "
        "اقترح الرئيس الروسي فلاديمير بوتين تشكيلها."
    )
    claims = _claims(text, "ar")
    assert any(
        c.actor.label == "Vladimir Putin" and c.stance == "propose" and "جبهة" in c.topic.label
        for c in claims
    ), _summary(claims)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("وتطالب ماليزيا وسلطنة بروناي بالسيادة على الجزر.", "BRN"),
        ("ورحبت مملكة البحرين بالاتفاق.", "BHR"),
        ("ورحبت دولة قطر بالاتفاق.", "QAT"),
    ],
)
def test_arabic_form_of_government_joins_the_state(text: str, actor: str) -> None:
    claims = _claims(text, "ar")
    assert any(c.actor.country == actor for c in claims), _summary(claims)
    assert not any("سلطنة" in c.topic.label or "مملكة" in c.topic.label for c in claims)


def test_arabic_as_is_no_reporting_verb_and_names_are_no_verbs() -> None:
    # «بوصفه» is "as", not «وصف» "described"; «كيري» (Kerry) is no «ك + يرى»
    text = "وقال لافروف إن واشنطن ترفض الاعتراف بالأسد بوصفه شريكا في الحرب على الإرهاب."
    claims = _claims(text, "ar")
    assert _has(claims, "Sergey Lavrov", "oppose", "الاعتراف"), _summary(claims)
    from extractors.pipeline import process

    doc = process("التقى كيري نظيره الروسي ووصف المحادثات بأنها بناءة", "ar")
    assert [s.text for s in doc.spans["stancegraph_reporting"]] == ["ووصف"]


def test_arabic_title_before_a_name_that_folds_like_a_preposition() -> None:
    # «علي» (Ali) folds like «على» (on); the title still joins the name
    claims = _claims("وأشاد المرشد الأعلى علي خامنئي بالاتفاق لكنه شكر المفاوضين.", "ar")
    assert _has(claims, "Ali Khamenei", "support", "بالاتفاق"), _summary(claims)
    assert _has(claims, "Ali Khamenei", "support", "المفاوضين"), _summary(claims)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "وقال الرئيس الأمريكي السابق إنه يرفض الحرب."),
        ("en", "The former French president said he rejected the war."),
    ],
)
def test_a_former_office_holder_is_not_the_holder(lang: str, text: str) -> None:
    claims = _claims(text, lang, date="2015-07-24")
    assert not any(c.actor.label in ("Barack Obama", "François Hollande") for c in claims)


def test_arabic_thanking_is_praise_but_a_name_is_not() -> None:
    assert _has(
        _claims("وشكر لافروف الوسطاء على جهودهم.", "ar"), "Sergey Lavrov", "support", "الوسطاء"
    )
    claims = _claims("وقال وزير الخارجية المصري سامح شكري إن الاجتماع عقد أمس.", "ar")
    assert not claims, _summary(claims)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "هل ترفض روسيا الخطة الأمريكية؟"),
        ("en", "Will Russia reject the American plan?"),
        ("fr", "La Russie va-t-elle rejeter le plan américain ?"),
    ],
)
def test_a_question_takes_no_side(lang: str, text: str) -> None:
    claims = _claims(text, lang)
    assert not claims, _summary(claims)


def test_arabic_imperfect_threaten_needs_what_is_threatened() -> None:
    # «يهدد إسرائيل» (endangers Israel) is no threat by Israel; «تهدد بالانسحاب» is a threat
    text = 'وقال معارضون إن الاتفاق "سيمنح إيران قوة ويهدد إسرائيل".'
    assert not any(c.stance == "threaten" for c in _claims(text, "ar"))
    claims = _claims("وتهدد إيران بإغلاق مضيق هرمز.", "ar")
    assert any(c.stance == "threaten" and c.actor.country == "IRN" for c in claims), _summary(
        claims
    )


def test_arabic_surname_alone_after_the_full_name() -> None:
    text = (
        "وقال وزير الخارجية المصري سامح شكري إن بلاده ترحب بالاتفاق. وأضاف شكري أن مصر ترفض التدخل."
    )
    claims = _claims(text, "ar")
    assert _has(claims, "Sameh Shoukry", "oppose", "التدخل"), _summary(claims)
    # before the full name, the word is no name
    claims = _claims("وأضاف شكري أن مصر ترفض التدخل.", "ar")
    assert not any(c.actor.label == "Sameh Shoukry" for c in claims), _summary(claims)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قال وزير النفط الإيراني بيجن نامدار زنكنه اليوم إن بلاده ترفض خفض الإنتاج.", "بيجن نامدار زنكنه"),
        ("وقال المتحدث باسم الحركة سامي أبو زهري إن الحركة ترفض المبادرة.", "سامي أبو زهري"),
    ],
)  # fmt: skip
def test_arabic_unknown_name_after_a_title_is_the_speaker(text: str, name: str) -> None:
    claims = _claims(text, "ar")
    assert any(c.actor.label == name and c.actor.wikidata is None for c in claims), _summary(claims)


def test_an_official_in_a_place_is_no_name() -> None:
    claims = _claims("وكان مسؤول في إقليم كردستان قد طالب تركيا بوقف غاراتها الجوية.", "ar")
    assert not claims, _summary(claims)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le tribunal a condamné jeudi l'ancien ministre à 20 ans de réclusion criminelle."),
        ("en", "A court in Tehran condemned the journalist to death on Sunday."),
        ("ar", "وأدانت المحكمة المتهم بالسجن عشر سنوات."),
    ],
)
def test_a_courts_sentence_is_no_condemnation(lang: str, text: str) -> None:
    claims = _claims(text, lang)
    assert not [c for c in claims if c.stance == "condemn"], _summary(claims)


def test_a_first_name_is_no_state() -> None:
    claims = _claims("Dominique a dénoncé la réforme des retraites.", "fr")
    assert not any(c.actor.country == "DMA" for c in claims), _summary(claims)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Donald Trump a régulièrement été accusé de racisme."),
        ("en", "Donald Trump has often been accused of racism."),
    ],
)
def test_the_target_of_a_passive_criticism_does_not_criticize(lang: str, text: str) -> None:
    claims = _claims(text, lang)
    assert not any(c.actor.label == "Donald Trump" for c in claims), _summary(claims)


def test_what_another_actor_does_in_a_quotation_is_no_stance_of_the_speaker() -> None:
    # the Saudi minister accuses Iran: no "Jubeir supports terrorism"
    text = "وقال الجبير «إن إيران تدعم الإرهاب في المنطقة»."
    claims = _claims(text, "ar")
    assert not any(c.actor.label == "Adel al-Jubeir" and c.polarity == "support" for c in claims)


def test_a_title_alone_is_the_office_holder_named_before() -> None:
    text = (
        "التقى وزير الخارجية السعودي عادل الجبير نظيره المصري في القاهرة. "
        "وشدد وزير الخارجية خلال المؤتمر على أهمية إيجاد حل سياسي في سوريا."
    )
    claims = _claims(text, "ar", date="2015-07-24")
    assert _has(claims, "Adel al-Jubeir", "support", "حل سياسي"), _summary(claims)
    # with nobody holding the office named before, the title alone is nobody
    claims = _claims("وشدد وزير الخارجية خلال المؤتمر على أهمية إيجاد حل سياسي.", "ar")
    assert not claims, _summary(claims)


def test_arabic_verbal_noun_after_an_actor_is_that_actors() -> None:
    # «موقف مصر الداعم للشرعية»: Egypt's position, not the speaker's
    text = "وقال الجبير إنه بحث الأوضاع اليمنية وموقف مصر الداعم للشرعية."
    claims = _claims(text, "ar")
    assert not any(c.actor.label == "Adel al-Jubeir" and "الشرعية" in c.topic.label
                   for c in claims), _summary(claims)  # fmt: skip


def test_a_surname_after_another_first_name_is_someone_else() -> None:
    claims = _claims("Labour's Alan Johnson said he rejected the plan.", "en")
    assert not any(c.actor.label == "Boris Johnson" for c in claims), _summary(claims)
    claims = _claims(
        "On Monday, Prime Minister Johnson rejected the plan.", "en", date="2020-03-01"
    )
    assert any(c.actor.label == "Boris Johnson" for c in claims), _summary(claims)


@pytest.mark.parametrize(
    "text",
    [
        "وكان في استقبال خادم الحرمين الشريفين لدى وصوله - أيده الله - كبار المسؤولين.",
        "وقالت مصادر دبلوماسية غربية إن المحادثات ستستأنف.",
        "وثمن المهندس السلطان دعم الجهات الراعية لاحتفالات عيد الرياض في دعم البرامج.",
    ],
)
def test_arabic_formulas_unnamed_sources_and_festivals_are_no_actors(text: str) -> None:
    claims = _claims(text, "ar")
    assert not claims, _summary(claims)


def test_arabic_head_of_state_title_with_another_name_is_not_the_holder() -> None:
    text = "وقال الرئيس الأمريكي جون اف كينيدي إنه يرفض التجارب النووية."
    claims = _claims(text, "ar", date="2015-08-06")
    assert not any(c.actor.label == "Barack Obama" for c in claims), _summary(claims)
    assert any(c.actor.label == "جون اف كينيدي" for c in claims), _summary(claims)


def test_arabic_envoy_to_a_state_is_the_envoy() -> None:
    text = "ودعا المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ إلى تمديد الهدنة الإنسانية."
    claims = _claims(text, "ar", date="2015-07-20")
    assert _has(claims, "Ismail Ould Cheikh Ahmed", "support", "الهدنة"), _summary(claims)
    assert not any(c.actor.country == "YEM" and c.actor.type == "state" for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "وأكد الضابط رافضا الكشف عن هويته وجود تنسيق مع المقاتلين.",
        "وغادرت بعثة الفريق إلى أبوظبي استعدادا لملاقاة فريق الجزيرة.",
        "وكان التأمين ينتقل بشكل فوري مع نقل ملكية المركبة.",
    ],
)
def test_arabic_idioms_and_common_words_are_no_claims(text: str) -> None:
    claims = _claims(text, "ar")
    assert not claims, _summary(claims)


def test_arabic_feminine_demonym_is_no_state_name() -> None:
    # «سورية» is a name of Syria, «السورية» the adjective "Syrian"
    claims = _claims("وقالت المعارضة السورية إنها ترفض الحل العسكري.", "ar")
    assert not any(c.actor.country == "SYR" for c in claims), _summary(claims)
    assert any(c.actor.country == "SYR" for c in _claims("ورحبت سورية بالاتفاق.", "ar"))


def test_arabic_act_continuing_a_claim_keeps_its_actor() -> None:
    text = "وأكدت واشنطن التزامها البحث عن حل سياسي للأزمة، مع الإبقاء على دعم المعارضة المعتدلة."
    claims = _claims(text, "ar")
    assert _has(claims, "USA", "support", "المعارضة"), _summary(claims)


def test_a_straight_quote_glued_to_a_word_never_opens_a_quotation() -> None:
    from extractors.pipeline import process

    # the stray closing mark after «مباشر» must not put the later quotations out of step
    text = (
        'وأفادت شبكة سوريا مباشر" بسقوط قتلى. '
        'وقال الضابط "لم يعد لداعش أي وجود هنا". ثم قال جندي "لا يمكننا أن نقاتل وحدنا".'
    )
    doc = process(text, "ar")
    quotes = [q.text for q in doc.spans["stancegraph_quotes"]]
    assert quotes == ["لم يعد لداعش أي وجود هنا", "لا يمكننا أن نقاتل وحدنا"], quotes


def test_a_sentence_opening_conjunction_is_no_part_of_a_name() -> None:
    claims = _claims("But Andrew Hogg said he rejected the plan.", "en")
    assert any(c.actor.label == "Andrew Hogg" for c in claims), _summary(claims)
