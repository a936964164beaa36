"""HTML pages → article text without page furniture, in ar, en and fr."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.html import extract_article, load_boilerplate, looks_like_html

PAGES = [
    (
        "ar",
        """<html lang="ar"><body><header><a href="/">الرئيسية</a></header>
        <main><h1>فرنسا تدين الهجوم</h1><ul class="share"><li>شارك</li><li>واتساب</li></ul>
        <p>أدانت فرنسا الهجوم الإرهابي على الطائرة الروسية.</p>
        <p>شارك على فيسبوك</p><p>تعليق (12)</p><p>اقرأ أيضا</p>
        <p>وقال الرئيس الفرنسي إنه يدعم التحالف.</p></main></body></html>""",
        [
            "فرنسا تدين الهجوم",
            "أدانت فرنسا الهجوم الإرهابي على الطائرة الروسية.",
            "وقال الرئيس الفرنسي إنه يدعم التحالف.",
        ],
    ),
    (
        "en",
        """<!DOCTYPE html><html><head><meta property="og:title" content="Russia rejects plan">
        <title>Russia rejects plan | News</title></head><body>
        <div id="cookie-consent">We use cookies. Accept</div>
        <div class="menu"><a href="/">Home</a> | <a href="/world">World</a></div>
        <article><h1>Russia rejects plan</h1><time datetime="2015-11-27">Friday</time>
        <p>Russia rejected the peace plan, the minister said.<br>He added that talks would go on.</p>
        <div class="related-articles"><article><h2>Older story</h2><p>Other text here.</p></article></div>
        <p>Share this article</p><p>Comments</p>
        <ul><li><a href="/a">Link one</a></li><li><a href="/b">Link two</a></li></ul>
        </article><footer>Copyright</footer></body></html>""",
        [
            "Russia rejects plan",
            "Friday",
            "Russia rejected the peace plan, the minister said.",
            "He added that talks would go on.",
        ],
    ),
    (
        "fr",
        """<html lang="fr-FR"><body><div itemprop="articleBody">
        <p>La France a condamn&eacute; l&#39;attaque&nbsp;!</p><p>Partager</p><p>Lire aussi</p>
        <p>Le pr&eacute;sident a d&eacute;clar&eacute; qu'il soutenait la coalition.
        <p>Commentaires (4)</p></div>
        <aside>Publicité</aside><div class="newsletter">Abonnez-vous</div></body></html>""",
        [
            "La France a condamné l'attaque !",
            "Le président a déclaré qu'il soutenait la coalition.",
        ],
    ),
]


@pytest.mark.parametrize(("lang", "page", "blocks"), PAGES, ids=[p[0] for p in PAGES])
def test_article_text_without_boilerplate(lang: str, page: str, blocks: list[str]) -> None:
    article = extract_article(page)
    assert article.text.split("\n\n") == blocks
    assert looks_like_html(page) == page.lstrip().lower().startswith(("<html", "<!doctype"))


def test_cms_class_names_do_not_hide_the_article() -> None:
    """WordPress/Genesis put furniture words on the elements around the article."""
    page = """<html><body class="single has-sidebar tag-politics menu-open">
    <div class="site-container"><div class="content-sidebar-wrap"><main class="content">
    <article class="post-1 post type-post tag-politics category-world entry">
    <header class="entry-header"><h1 class="entry-title">Russia rejects the plan</h1></header>
    <div class="entry-content"><p>Russia rejected the peace plan on Monday.</p>
    <div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3></div></div>
    <footer class="entry-footer"><span class="tags-links">Tags: Russia</span></footer>
    </article><section id="comments" class="comments-area"><p>Great!</p></section>
    </main><aside class="sidebar"><p>Popular posts</p></aside></div></div></body></html>"""
    assert (
        extract_article(page).text
        == "Russia rejects the plan\n\nRussia rejected the peace plan on Monday."
    )


def test_metadata() -> None:
    en = extract_article(PAGES[1][1])
    assert (en.title, en.date, en.language) == ("Russia rejects plan", "2015-11-27", None)
    assert extract_article(PAGES[2][1]).language == "fr"


def test_a_page_without_article_container_keeps_its_text_blocks() -> None:
    page = "<html><body><div><p>Russia rejected the plan.</p><p>Share</p></div></body></html>"
    assert extract_article(page).text == "Russia rejected the plan."


def test_broken_markup_and_scripts() -> None:
    page = (
        "<html><body><p>Russia <b>rejected<p>the plan.<script>alert('<p>x</p>')</script>"
        "<style>p{}</style><!-- <p>hidden</p> --><div hidden>secret</div>"
        "<p style='display: none'>invisible</p><p>End &amp; &lt;done&gt; &#0; &#xD800;"
    )
    text = extract_article(page).text
    assert text.split("\n\n") == ["Russia rejected", "the plan.", "End & <done> \ufffd \ufffd"]


def test_boilerplate_data_is_validated() -> None:
    bp = load_boilerplate()
    assert {"شارك", "تعليق", "share", "partager"} <= bp.labels
    assert "facebook" in bp.fillers and "on" in bp.fillers


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<div class='share'>",
                    "</div>",
                    "<article>",
                    "<br/>",
                    "<script>",
                    "</script>",
                    "<nav>",
                    "<a href=x>",
                    "</a>",
                    "<h1>",
                    "&amp;",
                    "&#0;",
                    "<!--",
                    "-->",
                    "<",
                    ">",
                    "شارك",
                    "Share",
                ]
            ),  # fmt: skip
            st.text(max_size=20),
        ),
        max_size=40,
    ).map("".join)
)
def test_any_markup_gives_plain_text(page: str) -> None:
    """Any markup, however broken, gives paragraphs of collapsed text (never an error)."""
    text = extract_article("<html><body>" + page).text
    assert isinstance(text, str) and "\n\n\n" not in text
    assert all(block and block == " ".join(block.split()) for block in text.split("\n\n") if text)
