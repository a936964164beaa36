"""HTML pages → the text of their article, without the page furniture.

Scraped news pages hold one article among menus, share buttons, comment counters, related
links and scripts. :func:`extract_article` keeps the article: the text of ``<article>``
(or ``itemprop="articleBody"``, ``<main>``; the one with the most text when there are
several), else of the whole page, with its headline (the first ``<h1>``), and drops

- elements that never hold article text (``script``, ``style``, ``nav``, ``aside``,
  ``footer``, ``form``, ``button``, ``figure``, ``iframe``, ``svg``…, anything ``hidden``);
- elements whose ``class``, ``id`` or ``role`` says what they are (share, social,
  comments, menu, breadcrumb, related, advert, newsletter, tags…);
- blocks that are mostly link text (menus without a ``<nav>``);
- short blocks made only of labels such as «شارك», «تعليق», "Share", "Lire aussi" and
  network names (the data file ``extractors/boilerplate.yaml``).

The result is plain text, one block (paragraph, heading, list item) per paragraph separated
by a blank line, whitespace collapsed as a browser shows it, character references decoded.
Claims' offsets refer to this text, so the caller keeps it (the graph stores it as the
document's ``nif:isString``, see docs/input.md). Nothing on the page is fetched or run.
Python's own ``html.parser`` reads the page: it never fails on broken markup.

>>> page = '''<html lang="en"><head><title>Talks</title></head><body>
... <nav><a href="/">Home</a> <a href="/world">World</a></nav>
... <article><h1>Russia rejects the plan</h1>
... <div class="share-buttons"><a>Facebook</a><a>Twitter</a></div>
... <p>Russia rejected the peace plan on Monday.</p><p>Share</p>
... <p>Comments (3)</p></article><footer>© 2015</footer></body></html>'''
>>> a = extract_article(page)
>>> print(a.text)
Russia rejects the plan
<BLANKLINE>
Russia rejected the peace plan on Monday.
>>> a.title, a.language
('Talks', 'en')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .lexicon import LANGUAGES, LexiconError
from .normalize import clean, fold

BOILERPLATE_FILE = "boilerplate.yaml"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Elements whose content is never article text.
SKIP = _set(
    "script style noscript template svg math iframe object embed canvas video audio nav aside "
    "form button select option textarea label menu dialog figure picture map head footer"
)
_VOID = _set("area base br col embed hr img input link meta param source track wbr keygen")
BLOCK = _set(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul br"
)
_CLOSES_P = BLOCK - {"br", "body", "td", "th", "tr", "caption"}
#: Words of page furniture in ``class`` and ``id`` names: any part of a name (split on -, _
#: and case: ``share-buttons``, ``articleComments``) …
BOILERPLATE_PARTS = _set(
    "share sharing sharer social comment comments disqus breadcrumb breadcrumbs navigation "
    "related advert advertisement ads promo sponsored cookie cookies consent newsletter "
    "subscribe subscription signup popup modal toolbar pagination pager outbrain taboola "
    "recommended trending"
)
#: … or a whole name (as parts they are too common: ``has-sidebar``, ``tag-politics``,
#: ``content-sidebar-wrap`` wrap articles).
BOILERPLATE_NAMES = _set("nav navbar menu sidebar ad ads adv tags tag widget banner print login")
#: Structure, never judged by name (CMSs put ``tag-…``, ``has-sidebar`` on them).
_STRUCTURE = _set("html body main article")
_BOILERPLATE_ROLES = _set(
    "navigation banner contentinfo complementary search menu menubar toolbar dialog alert"
)
_BODY_NAMES = re.compile(
    r"article[-_]?(body|content|text)|story[-_]?(body|content)|entry[-_]?content|post[-_]?content",
    re.I,
)
_NAME_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_WORDS = re.compile(r"\w+")


class _Boilerplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: dict[str, tuple[str, ...]]
    networks: tuple[str, ...]
    connectors: dict[str, tuple[str, ...]]

    @field_validator("labels", "connectors")
    @classmethod
    def _languages(cls, v: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for lang, forms in v.items():
            if lang not in LANGUAGES:
                raise ValueError(f"unknown language {lang!r}; available: {', '.join(LANGUAGES)}")
            _check(forms)
        return v

    @field_validator("networks")
    @classmethod
    def _networks(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _check(v)


def _check(forms: tuple[str, ...]) -> tuple[str, ...]:
    for form in forms:
        if not form.strip():
            raise ValueError("every entry must be a non-empty string")
        if clean(form) != form:
            raise ValueError(f"{form!r} is not in normal form; write {clean(form)!r}")
    return forms


@dataclass(frozen=True)
class Boilerplate:
    """The folded words of the labels, networks and connectors (see boilerplate.yaml)."""

    labels: frozenset[str]
    fillers: frozenset[str]


@cache
def load_boilerplate() -> Boilerplate:
    """Load and validate ``extractors/boilerplate.yaml`` (cached); a mistake raises
    :class:`~extractors.lexicon.LexiconError` naming the file and the entry.

    >>> "تعليق" in load_boilerplate().labels
    True
    """
    path = resources.files("extractors").joinpath(BOILERPLATE_FILE)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = _Boilerplate.model_validate(raw)
    except FileNotFoundError:
        raise LexiconError(f"{BOILERPLATE_FILE}: file not found in extractors/") from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"{BOILERPLATE_FILE}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "top level"
        raise LexiconError(f"{BOILERPLATE_FILE}: {where}: {err['msg']}") from None

    def words(forms: Any) -> frozenset[str]:
        return frozenset(w for f in forms for w in _WORDS.findall(fold(f)))

    labels = words(f for forms in data.labels.values() for f in forms)
    fillers = words(data.networks) | words(f for fs in data.connectors.values() for f in fs)
    return Boilerplate(labels, fillers - labels)


@dataclass(frozen=True)
class HtmlArticle:
    """The article of a page: its text and what the page says about it."""

    text: str
    title: str | None = None
    language: str | None = None
    date: str | None = None


_HTML_START = re.compile(
    r"\A(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page (it starts with a doctype or an ``<html>`` tag).

    >>> looks_like_html("<!DOCTYPE html><html>…"), looks_like_html("Russia <b>rejects</b>")
    (True, False)
    """
    return bool(_HTML_START.match(text[:2000]))


@dataclass
class _Block:
    text: str
    containers: tuple[int, ...]
    link_chars: int
    heading: str


@dataclass
class _Open:
    tag: str
    skip: bool
    containers: tuple[int, ...]
    in_link: bool


class _Parser(HTMLParser):
    """Collects the text blocks of a page with the article containers they are in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.lang: str | None = None
        self.ranks: dict[int, int] = {}  # container id -> rank
        self.stack: list[_Open] = []
        self.buf: list[str] = []
        self.link_chars = 0
        self.in_title = False
        self.first_time: str | None = None

    # -- the open elements -------------------------------------------------------------
    @property
    def top(self) -> _Open:
        return self.stack[-1] if self.stack else _Open("", False, (), False)

    def _boilerplate(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in SKIP:
            return True
        if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
            return True
        if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", attrs.get("style", ""), re.I):
            return True
        if attrs.get("role", "").lower() in _BOILERPLATE_ROLES:
            return True
        names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
        if tag in _STRUCTURE or _BODY_NAMES.search(names):
            return False
        for name in names.split():
            if name.lower() in BOILERPLATE_NAMES:
                return True
            if {w.lower() for w in _NAME_SPLIT.split(name) if w} & BOILERPLATE_PARTS:
                return True
        return False

    def _container_rank(self, tag: str, attrs: dict[str, str]) -> int:
        if attrs.get("itemprop", "").lower() == "articlebody":
            return 4
        if _BODY_NAMES.search(f"{attrs.get('class', '')} {attrs.get('id', '')}"):
            return 3
        if tag == "article":
            return 2
        if tag == "main" or attrs.get("role", "").lower() == "main":
            return 1
        return 0

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        self._meta(tag, attrs)
        if tag in BLOCK:
            self._flush()
        if tag in _VOID:
            return
        if tag in _CLOSES_P or tag == "li":
            self._implied_end(tag)
        parent = self.top
        rank = self._container_rank(tag, attrs)
        containers = parent.containers
        if rank and not parent.skip:
            cid = len(self.ranks)
            self.ranks[cid] = rank
            containers = (*containers, cid)
        skip = parent.skip or self._boilerplate(tag, attrs)
        self.stack.append(_Open(tag, skip, containers, parent.in_link or tag == "a"))
        if tag == "title":
            self.in_title = True

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def _implied_end(self, tag: str) -> None:
        """``<p>`` ends at the next block; ``<li>`` at the next item of its list."""
        for i in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[i].tag
            if open_tag == "p" or (tag == "li" and open_tag == "li"):
                del self.stack[i:]
                return
            if open_tag in ("div", "ul", "ol", "table", "article", "section", "body", "td"):
                return

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in BLOCK:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        top = self.top
        if top.skip:
            return
        self.buf.append(data)
        if top.in_link:
            self.link_chars += len(data.strip())

    def _flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        if text:
            top = self.top
            self.blocks.append(_Block(text, top.containers, self.link_chars, top.tag))
        self.buf = []
        self.link_chars = 0

    def _meta(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "html" and attrs.get("lang"):
            self.lang = attrs["lang"]
        elif tag == "meta":
            key = (
                attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ""
            ).lower()
            if key and "content" in attrs:
                self.meta.setdefault(key, attrs["content"])
            if attrs.get("http-equiv", "").lower() == "content-language":
                self.meta.setdefault("content-language", attrs.get("content", ""))
        elif tag == "time" and self.first_time is None and attrs.get("datetime"):
            self.first_time = attrs["datetime"]

    def close(self) -> None:
        if self.rawdata.startswith(("<!", "<?")):  # an unterminated comment: not text
            self.rawdata = ""
        super().close()
        self._flush()


def _language(*values: str | None) -> str | None:
    for value in values:
        if value:
            code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
            if code in LANGUAGES:
                return code
    return None


def _is_label(text: str, bp: Boilerplate) -> bool:
    words = _WORDS.findall(fold(text))
    if not words:
        return True  # only punctuation or symbols: "|", "»", "•"
    if len(words) > 8:
        return False
    labels = [w for w in words if w in bp.labels]
    return bool(labels) and all(w in bp.labels or w in bp.fillers or w.isdigit() for w in words)


def extract_article(html: str) -> HtmlArticle:
    """The article text of an HTML page, with its title, language and date when the page
    gives them (see the module docstring); the text is empty when the page has none."""
    from .readers import normalize_date  # readers imports this module

    parser = _Parser()
    parser.feed(html)
    parser.close()
    blocks = parser.blocks
    bp = load_boilerplate()
    text_by_container: dict[int, int] = {}
    for b in blocks:
        for cid in b.containers:
            text_by_container[cid] = text_by_container.get(cid, 0) + len(b.text)
    if text_by_container:
        best = max(text_by_container, key=lambda c: (parser.ranks[c], text_by_container[c], -c))
        headline = next((b for b in blocks if b.heading == "h1"), None)
        kept = [b for b in blocks if best in b.containers]
        if headline is not None and headline not in kept:
            kept.insert(0, headline)
        blocks = kept
    out: list[str] = []
    for b in blocks:
        if b.link_chars >= 0.6 * len(b.text) and b.heading != "h1":
            continue
        if _is_label(b.text, bp):
            continue
        if out and out[-1] == b.text:
            continue
        out.append(b.text)
    meta = parser.meta
    title = meta.get("og:title") or " ".join("".join(parser.title).split()) or None
    date = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("date")
        or parser.first_time
    )
    return HtmlArticle(
        text="\n\n".join(out),
        title=" ".join(title.split()) if title else None,
        language=_language(parser.lang, meta.get("og:locale"), meta.get("content-language")),
        date=normalize_date(date),
    )
