"""Reading documents: text files, HTML pages, directories and JSON Lines corpora.

Readers yield :class:`Document` objects, or :class:`InputProblem` for an input that cannot
be read (the caller reports it, one line naming the file and line, and goes on). Nothing
is guessed silently and nothing read is ever executed or fetched:

- text is decoded as UTF-8 (or UTF-16/32 with a byte-order mark, or Windows-1256/1252 when
  that is certain, see :mod:`extractors.decoding`), else reported; binary files (PDF,
  images, archives), empty and whitespace-only files are reported;
- an HTML page (``.html``/``.htm``, or a text starting with ``<!DOCTYPE html>``/``<html>``)
  is reduced to its article text (:mod:`extractors.html`); ``Document.format`` is then
  ``"html"`` and the text, to which every offset refers, must be kept with the claims
  (``stancegraph build`` stores it in the graph as the document's ``nif:isString``);
- a document longer than ``max_chars`` characters is refused without being read whole, a
  JSON Lines line longer than the limit is skipped without being held in memory;
- lone surrogates (which no UTF encoding can write) become U+FFFD; every other character
  is kept, so offsets refer to the text as read (BOM removed).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Russia rejected the plan.", encoding="utf-8")
>>> _ = (folder / "b.txt").write_bytes(b"")
>>> _ = (folder / "c.jsonl").write_text('{"id": "1", "text": "Le plan"}\\n{oops\\n')
>>> for item in read_documents([folder]):
...     print(type(item).__name__, str(item.id if isinstance(item, Document) else item).replace(str(folder), "…"))
Document a.txt
InputProblem …/b.txt: empty file; skipped
Document 1
InputProblem …/c.jsonl:2: malformed JSON (Expecting property name enclosed in double quotes at column 2); line skipped
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .claims import Claim
from .decoding import (
    ENGLISH_WORDS,
    FRENCH_WORDS,
    DecodingError,
    clean_text,
    decode_bytes,
    display_name,
    sniff_binary,
)
from .html import extract_article, looks_like_html
from .lexicon import LANGUAGES

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
SIDECAR_SUFFIX = ".meta.json"
#: Longest document read by default, in characters (``--max-chars``): spaCy's own limit
#: (``nlp.max_length``). The pipeline's time grows faster than the length of a document
#: (measured on Arabic news: 100k characters 0.9 s, 400k 9 s, 1M 31 s and 380 MB); a news
#: article is 2–20k characters.
MAX_CHARS = 1_000_000
#: Bytes read from a file for ``max_chars`` characters: UTF-8 takes at most 4 bytes per
#: character; an HTML page also holds its markup.
BYTES_PER_CHAR = {"text": 4, "html": 20}
#: A JSON Lines line may escape every character as ``\\uXXXX`` (6 bytes), plus metadata.
JSONL_BYTES_PER_CHAR = 6
JSONL_EXTRA_BYTES = 65_536
MAX_SIDECAR_BYTES = 1 << 20
#: Problems shown one by one per JSON Lines file; the rest are counted in one line.
MAX_LINE_PROBLEMS = 20


@dataclass(frozen=True)
class Document:
    """One input text with its metadata.

    ``format`` is ``"text"`` when ``text`` is the file (or field) as read, ``"html"`` when
    it was extracted from a page (keep it: offsets refer to it); ``encoding`` is the one
    the file was read in.
    """

    id: str
    text: str
    language: str | None = None
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    encoding: str = "utf-8"
    format: str = "text"


@dataclass(frozen=True)
class InputProblem:
    """An input that was skipped, and why (one line, names the file and line).

    ``count`` is the number of inputs the line stands for (see ``MAX_LINE_PROBLEMS``).
    """

    where: str
    message: str
    count: int = 1

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class JsonlFields:
    """Which JSON Lines fields hold the text, id, date, language and title."""

    text: str = "text"
    id: str = "id"
    date: str = "date"
    language: str = "language"
    title: str = "title"


_ARABIC = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")  # letters
_LATIN = re.compile("[A-Za-zÀ-ÿ]")


def detect_language(text: str) -> str | None:
    """Guess ar, en or fr from the script and frequent function words (None if no letters).

    >>> detect_language("قال الرئيس"), detect_language("The minister said"), detect_language("Le ministre a dit")
    ('ar', 'en', 'fr')
    """
    sample = text[:5000]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if not arabic and not latin:
        return None
    if arabic >= latin:
        return "ar"
    words = re.findall(r"[a-zà-ÿ]+", sample.lower())
    fr = sum(w in FRENCH_WORDS for w in words)
    en = sum(w in ENGLISH_WORDS for w in words)
    return "fr" if fr > en else "en"


def normalize_date(value: Any) -> str | None:
    """An ISO date ``YYYY-MM-DD`` from a string or date-like value, else None.

    >>> normalize_date("2015-11-27T10:00:00Z"), normalize_date("27/11/2015"), normalize_date("x")
    ('2015-11-27', None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value)[:64])
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _where(path: Path | str, line: int | None = None) -> str:
    name = display_name(str(path))
    return f"{name}:{line}" if line is not None else name


def short(value: str, width: int = 60) -> str:
    """A value quoted for a message: escaped (``repr``), and cut when long.

    >>> short("a1"), short("x" * 100)[-3:]
    ("'a1'", 'xx…')
    """
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _string(value: Any) -> str | None:
    """A metadata string (lone surrogates replaced), else None."""
    return clean_text(value) if isinstance(value, str) and value.strip() else None


def _language(value: Any) -> str | None:
    return value if isinstance(value, str) and value in LANGUAGES else None


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n:,} bytes"


def _too_long(n_chars: int, max_chars: int) -> str:
    return (
        f"{n_chars:,} characters, more than the limit of {max_chars:,} (--max-chars); "
        "skipped: split it, or raise --max-chars"
    )


def _read_sidecar(path: Path) -> tuple[dict[str, Any], InputProblem | None]:
    side = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not side.is_file():
        return {}, None
    try:
        with side.open("rb") as fh:
            raw = fh.read(MAX_SIDECAR_BYTES + 1)
        if len(raw) > MAX_SIDECAR_BYTES:
            raise ValueError(f"larger than {_size(MAX_SIDECAR_BYTES)}")
        meta = json.loads(raw.decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:
        reason = " ".join(str(exc).split())[:200]
        return {}, InputProblem(_where(side), f"unreadable metadata sidecar ({reason}); ignored")
    if not isinstance(meta, dict):
        return {}, InputProblem(_where(side), "metadata sidecar is not a JSON object; ignored")
    return meta, None


def read_file(path: Path, *, doc_id: str | None = None, max_chars: int = MAX_CHARS,
              fmt: str | None = None) -> Iterator[Document | InputProblem]:  # fmt: skip
    """One text or HTML file (``fmt`` "text" or "html", else from the suffix and the
    content) with its ``.meta.json`` sidecar: the document, or the problem; a sidecar
    problem comes first, the document is still read."""
    where = _where(path)
    html = fmt == "html" or (fmt is None and path.name.lower().endswith(HTML_SUFFIXES))
    limit = max_chars * BYTES_PER_CHAR["html" if html else "text"] + 4
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        yield InputProblem(where, f"cannot read file: {exc.strerror or exc}")
        return
    if len(raw) > limit:
        yield InputProblem(where, f"{_size(max(size, len(raw)))}, too large for the limit of "
                                  f"{max_chars:,} characters (--max-chars); skipped: split it, "
                                  "or raise --max-chars")  # fmt: skip
        return
    if not raw:
        yield InputProblem(where, "empty file; skipped")
        return
    html = html or (fmt is None and looks_like_html(raw[:2000].decode("latin-1")))
    try:
        text, encoding = decode_bytes(raw, html=html)
    except DecodingError as exc:
        yield InputProblem(where, f"{exc}; skipped")
        return
    del raw
    if not html and fmt is None and looks_like_html(text):
        html = True
    meta, problem = _read_sidecar(path)
    if problem is not None:
        yield problem
    page_title = page_lang = page_date = None
    if html:
        article = extract_article(text)
        text = article.text
        page_title, page_lang, page_date = article.title, article.language, article.date
        if not text.strip():
            yield InputProblem(where, "HTML page without article text; skipped")
            return
    text = clean_text(text).lstrip("\ufeff")
    if not text.strip():
        yield InputProblem(where, "only whitespace; skipped")
        return
    if len(text) > max_chars:
        yield InputProblem(where, _too_long(len(text), max_chars))
        return
    yield Document(
        id=doc_id or clean_text(display_name(path.name)),
        text=text,
        language=_language(meta.get("language")) or page_lang,
        date=normalize_date(meta.get("date")) or page_date,
        title=_string(meta.get("title")) or page_title,
        source=_string(meta.get("source")),
        url=_string(meta.get("url")),
        path=str(path),
        meta=meta,
        encoding=encoding,
        format="html" if html else "text",
    )


def read_text_file(path: Path, *, doc_id: str | None = None,
                   max_chars: int = MAX_CHARS) -> Document | InputProblem:  # fmt: skip
    """Read one text (or HTML) file and its ``.meta.json`` sidecar; a sidecar problem is
    ignored here (:func:`read_file` reports it)."""
    items = list(read_file(path, doc_id=doc_id, max_chars=max_chars))
    return next((d for d in items if isinstance(d, Document)), items[-1])


def iter_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` of a plain or gzip file, in bounded memory: a line longer
    than ``max_bytes`` is passed over in pieces and given as None. Raises ``OSError`` /
    ``EOFError`` / ``zlib.error`` for a truncated or corrupt file (lines before it are
    yielded first)."""
    with path.open("rb") as raw:
        fh: IO[bytes] = raw
        if raw.peek(2)[:2] == b"\x1f\x8b":
            fh = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        n = 0
        while True:
            line = fh.readline(max_bytes + 1)
            if not line:
                return
            n += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while True:
                    rest = fh.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield n, None
            else:
                yield n, line


def _jsonl_head(path: Path) -> str | None:
    """Why a JSON Lines file cannot be read at all (binary, UTF-16), else None."""
    try:
        with path.open("rb") as raw:
            head = raw.read(8192)
            if head[:2] == b"\x1f\x8b":
                raw.seek(0)
                with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                    head = gz.read(8192)
    except (OSError, EOFError, zlib.error):
        return None  # reported with its line number when the lines are read
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "JSON Lines must be UTF-8, this file is UTF-16; convert it to UTF-8"
    kind = sniff_binary(head)
    if kind is not None:
        return f"binary file ({kind}), not JSON Lines; skipped"
    return None


def _json_kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null", int: "a number", float: "a number"}.get(type(value), "a value")  # fmt: skip


def _jsonl_records(path: Path, max_bytes: int) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """``(line, record)`` for each JSON object line, ``(line, reason)`` for a bad line."""
    for lineno, line in iter_lines(path, max_bytes):
        if line is None:
            yield lineno, f"line longer than {_size(max_bytes)} (--max-chars); skipped"
            continue
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, f"not valid UTF-8 (byte {exc.start} of the line); line skipped"
            continue
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as exc:
            yield lineno, f"malformed JSON ({exc.msg} at column {exc.colno}); line skipped"
            continue
        except (ValueError, RecursionError) as exc:
            yield lineno, f"malformed JSON ({' '.join(str(exc).split())[:120]}); line skipped"
            continue
        if not isinstance(rec, dict):
            yield lineno, f"line is {_json_kind(rec)}, not a JSON object; skipped"
            continue
        yield lineno, rec


def _truncated(path: Path, lineno: int, exc: BaseException) -> InputProblem:
    reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    return InputProblem(
        _where(path, lineno),
        f"file is truncated or corrupt ({reason}); lines 1-{lineno - 1} were read, the rest skipped",
    )


def read_jsonl(path: Path, fields: JsonlFields = JsonlFields(), *,
               max_chars: int = MAX_CHARS) -> Iterator[Document | InputProblem]:  # fmt: skip
    """Stream documents from a JSON Lines corpus (plain or gzip), one per line.

    Each bad line is one problem naming ``file:line`` (after ``MAX_LINE_PROBLEMS`` of them,
    one line counts the rest); a truncated ``.gz`` gives the documents before the cut and
    one problem. A text field holding an HTML page is reduced to its article.
    """
    reason = _jsonl_head(path)
    if reason is not None:
        yield InputProblem(_where(path), reason)
        return
    shown = hidden = 0
    lineno = 0

    def problem(line: int, message: str) -> Iterator[InputProblem]:
        nonlocal shown, hidden
        if shown < MAX_LINE_PROBLEMS:
            shown += 1
            yield InputProblem(_where(path, line), message)
        else:
            hidden += 1

    max_bytes = max_chars * JSONL_BYTES_PER_CHAR + JSONL_EXTRA_BYTES
    records = _jsonl_records(path, max_bytes)
    ids: dict[str, int] = {}
    while True:
        try:
            lineno, rec = next(records)
        except StopIteration:
            break
        except (OSError, EOFError, zlib.error) as exc:
            yield _truncated(path, lineno + 1, exc)
            break
        if isinstance(rec, str):
            yield from problem(lineno, rec)
            continue
        text = rec.get(fields.text)
        if fields.text not in rec:
            keys = ", ".join(display_name(clean_text(k))[:40] for k in sorted(rec)[:8])
            yield from problem(lineno, f"no field {fields.text!r} (fields: {keys or 'none'}); "
                                       "line skipped (see --text-field)")  # fmt: skip
            continue
        if not isinstance(text, str):
            yield from problem(lineno, f"field {fields.text!r} is {_json_kind(text)}, "
                                       "not a string; line skipped")  # fmt: skip
            continue
        fmt, page_lang = "text", None
        if looks_like_html(text):
            article = extract_article(text)
            text, fmt, page_lang = article.text, "html", article.language
        text = clean_text(text).lstrip("\ufeff")
        if not text.strip():
            yield from problem(lineno, f"field {fields.text!r} is empty; line skipped")
            continue
        if len(text) > max_chars:
            yield from problem(lineno, _too_long(len(text), max_chars))
            continue
        rid = rec.get(fields.id)
        doc_id = (
            clean_text(str(rid))
            if isinstance(rid, (str, int)) and not isinstance(rid, bool)
            else ""
        )
        if not doc_id.strip():
            doc_id = f"{clean_text(display_name(path.name))}:{lineno}"
        first = ids.setdefault(doc_id, lineno)
        if first != lineno:
            yield from problem(lineno, f"id {short(doc_id)} repeats line {first}; line skipped")
            continue
        yield Document(
            id=doc_id,
            text=text,
            language=_language(rec.get(fields.language)) or page_lang,
            date=normalize_date(rec.get(fields.date)),
            title=_string(rec.get(fields.title)),
            path=str(path),
            format=fmt,
        )
    if hidden:
        yield InputProblem(_where(path), f"{hidden} more bad line(s) skipped, not shown", hidden)


def _clean_json(value: Any) -> Any:
    """A parsed JSON value with lone surrogates replaced in every string."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(k): _clean_json(v) for k, v in value.items()}
    return value


def is_claims_file(path: Path) -> bool:
    """True for a JSON Lines file of claims (its first record has ``actor`` and ``polarity``)."""
    if not path.name.lower().endswith(JSONL_SUFFIXES) or not path.is_file():
        return False
    try:
        for _, line in iter_lines(path, 1 << 20):
            if line is None:
                return False
            if line.strip():
                rec = json.loads(line.decode("utf-8-sig"))
                return isinstance(rec, dict) and "actor" in rec and "polarity" in rec
    except (OSError, EOFError, zlib.error, ValueError, RecursionError):
        return False
    return False


def read_claims(path: Path, *, max_bytes: int = 64 << 20) -> Iterator[Claim | InputProblem]:
    """The claims of a claims JSON Lines file (plain or gzip); each bad record is a problem
    naming ``file:line`` (the contract is checked by :meth:`Claim.from_json`)."""
    lineno = 0
    records = _jsonl_records(path, max_bytes)
    while True:
        try:
            lineno, rec = next(records)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield _truncated(path, lineno + 1, exc)
            return
        if isinstance(rec, str):
            yield InputProblem(_where(path, lineno), rec)
            continue
        try:
            yield Claim.from_json(_clean_json(rec))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            reason = " ".join(str(exc).split())[:200]
            yield InputProblem(_where(path, lineno), f"not a claim record ({reason}); skipped")


def _supported(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)


def _walk(top: Path) -> list[Path | InputProblem]:
    found: list[Path | InputProblem] = []

    def unreadable(exc: OSError) -> None:
        found.append(InputProblem(_where(exc.filename or top),
                                  f"cannot read folder: {exc.strerror or exc}"))  # fmt: skip

    for folder, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            child = Path(folder) / name
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            if _supported(name):
                found.append(child)
            elif child.is_file():
                found.append(InputProblem(_where(child), _unsupported(child)))
    return sorted(found, key=lambda x: x.where if isinstance(x, InputProblem) else _where(x))


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | InputProblem]:
    """Expand files and directories (recursively, sorted, symbolic links to folders not
    followed); sidecars and hidden files are never documents. In a folder, a file that is
    not text, HTML or JSON Lines is reported (nothing is passed over in silence)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputProblem(_where(path), "not a regular file or folder; skipped")
        else:
            yield InputProblem(_where(path), "no such file or directory")


def _unsupported(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            kind = sniff_binary(fh.read(8192))
    except OSError:
        kind = None
    what = (
        f"binary file ({kind})" if kind else f"not a supported input ({path.suffix or 'no suffix'})"
    )
    return (f"{what}; skipped (stancegraph reads {', '.join(TEXT_SUFFIXES + HTML_SUFFIXES)} "
            f"and JSON Lines {', '.join(JSONL_SUFFIXES)})")  # fmt: skip


def read_documents(
    paths: Iterable[str | Path],
    *,
    fields: JsonlFields = JsonlFields(),
    language: str | None = None,
    date: str | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Document | InputProblem]:
    """All documents of the inputs; ``language``/``date`` override what the files say.

    Two documents with the same id (two files of the same name in different folders, or a
    repeated JSON Lines id) would be one node of the graph: the second is reported and
    skipped.
    """
    seen: dict[str, str] = {}
    for item in iter_input_files(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        docs: Iterable[Document | InputProblem]
        if item.name.lower().endswith(JSONL_SUFFIXES):
            docs = read_jsonl(item, fields, max_chars=max_chars)
        else:
            docs = read_file(item, max_chars=max_chars)
        for d in docs:
            if isinstance(d, Document):
                first = seen.setdefault(d.id, d.path or "")
                if first != (d.path or ""):
                    yield InputProblem(_where(d.path or d.id), f"document id {short(d.id)} is already "
                                       f"used by {_where(first)}; skipped")  # fmt: skip
                    continue
                if language or date:
                    d = replace(
                        d, language=language or d.language, date=normalize_date(date) or d.date
                    )
            yield d
