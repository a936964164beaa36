"""Reading documents: text files, directories and JSON Lines corpora.

Readers yield :class:`Document` objects, or :class:`InputProblem` for an input that cannot
be read (the caller reports it and goes on). Text is kept exactly as read (UTF-8, BOM
removed): every offset in a claim refers to it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lexicon import LANGUAGES

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Document:
    """One input text with its metadata."""

    id: str
    text: str
    language: str | None = None
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class InputProblem:
    """An input that was skipped, and why (one line, names the file and line)."""

    where: str
    message: str

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


_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-zÀ-ÿ]")
_FR = {
    "le",
    "la",
    "les",
    "des",
    "du",
    "est",
    "et",
    "une",
    "dans",
    "pour",
    "pas",
    "qui",
    "sur",
    "au",
    "aux",
    "l",
    "d",
    "a",
    "été",
    "avec",
    "ne",
}  # noqa: E501
_EN = {
    "the",
    "of",
    "and",
    "to",
    "is",
    "in",
    "that",
    "was",
    "for",
    "on",
    "with",
    "has",
    "have",
    "said",
    "by",
    "it",
    "are",
    "be",
    "will",
    "not",
}  # noqa: E501


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
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    return "fr" if fr > en else "en"


def normalize_date(value: Any) -> str | None:
    """An ISO date ``YYYY-MM-DD`` from a string or date-like value, else None.

    >>> normalize_date("2015-11-27T10:00:00Z"), normalize_date("27/11/2015"), normalize_date("x")
    ('2015-11-27', None, None)
    """
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _read_sidecar(path: Path) -> tuple[dict[str, Any], InputProblem | None]:
    side = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not side.exists():
        return {}, None
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, InputProblem(str(side), f"unreadable metadata sidecar ({exc}); ignored")
    if not isinstance(meta, dict):
        return {}, InputProblem(str(side), "metadata sidecar is not a JSON object; ignored")
    return meta, None


def read_text_file(path: Path, *, doc_id: str | None = None) -> Document | InputProblem:
    """Read one UTF-8 text file and its ``.meta.json`` sidecar."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InputProblem(str(path), f"cannot read file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputProblem(str(path), f"not valid UTF-8 (byte {exc.start}); convert it to UTF-8")
    text = text.lstrip("\ufeff")
    if not text.strip():
        return InputProblem(str(path), "empty document; skipped")
    if "\x00" in text:
        return InputProblem(str(path), "binary file (contains NUL bytes); skipped")
    meta, _problem = _read_sidecar(path)
    return Document(
        id=doc_id or path.name,
        text=text,
        language=meta.get("language") if meta.get("language") in LANGUAGES else None,
        date=normalize_date(meta.get("date")),
        title=meta.get("title") if isinstance(meta.get("title"), str) else None,
        source=meta.get("source") if isinstance(meta.get("source"), str) else None,
        url=meta.get("url") if isinstance(meta.get("url"), str) else None,
        path=str(path),
        meta=meta,
    )


def _open_lines(path: Path) -> Iterator[tuple[int, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator,unused-ignore]
        yield from enumerate(fh, 1)


def read_jsonl(
    path: Path, fields: JsonlFields = JsonlFields()
) -> Iterator[Document | InputProblem]:
    """Stream documents from a JSON Lines corpus (plain or gzip), one per line."""
    try:
        for lineno, line in _open_lines(path):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputProblem(where, f"malformed JSON ({exc.msg}); line skipped")
                continue
            if not isinstance(rec, dict):
                yield InputProblem(where, "line is not a JSON object; skipped")
                continue
            text = rec.get(fields.text)
            if not isinstance(text, str) or not text.strip():
                yield InputProblem(where, f"no text in field {fields.text!r}; line skipped")
                continue
            rid = rec.get(fields.id)
            doc_id = (
                str(rid) if isinstance(rid, (str, int)) and str(rid) else f"{path.name}:{lineno}"
            )
            lang = rec.get(fields.language)
            title = rec.get(fields.title)
            yield Document(
                id=doc_id,
                text=text.lstrip("\ufeff"),
                language=lang if lang in LANGUAGES else None,
                date=normalize_date(rec.get(fields.date)),
                title=title if isinstance(title, str) else None,
                path=str(path),
            )
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        yield InputProblem(str(path), f"corpus could not be read to the end ({exc}); rest skipped")


def is_claims_file(path: Path) -> bool:
    """True for a JSON Lines file of claims (its first record has ``actor`` and ``polarity``)."""
    if not path.name.endswith(JSONL_SUFFIXES):
        return False
    try:
        for _, line in _open_lines(path):
            if line.strip():
                rec = json.loads(line)
                return isinstance(rec, dict) and "actor" in rec and "polarity" in rec
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return False


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | InputProblem]:
    """Expand files and directories (recursively, sorted); sidecars are never documents."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                name = child.name
                if (
                    child.is_file()
                    and not name.endswith(SIDECAR_SUFFIX)
                    and not name.startswith(".")
                ) and name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputProblem(str(path), "no such file or directory")


def read_documents(
    paths: Iterable[str | Path],
    *,
    fields: JsonlFields = JsonlFields(),
    language: str | None = None,
    date: str | None = None,
) -> Iterator[Document | InputProblem]:
    """All documents of the inputs; ``language``/``date`` override what the files say."""
    for item in iter_input_files(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        if item.name.endswith(SIDECAR_SUFFIX):
            continue
        docs: Iterable[Document | InputProblem]
        if item.name.endswith(JSONL_SUFFIXES):
            docs = read_jsonl(item, fields)
        else:
            docs = [read_text_file(item)]
        for d in docs:
            if isinstance(d, Document) and (language or date):
                d = Document(**{**d.__dict__, "language": language or d.language,
                                "date": normalize_date(date) or d.date})  # fmt: skip
            yield d
