"""Loading and validating the language data files in ``extractors/lexicons/``.

Every file is checked against a pydantic schema on load; a mistake raises
:class:`LexiconError` naming the file, the entry and what was expected. Loaded data is
immutable and cached per process.

>>> data = load_language("en")
>>> data.language, len(data.cues) > 20
('en', True)
>>> stance_types()["reject"].polarity
'oppose'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .normalize import clean

LANGUAGES: tuple[str, ...] = ("ar", "en", "fr")
STANCES: tuple[str, ...] = (
    "support", "welcome", "praise", "agree", "propose", "call_for", "demand", "intend",
    "willing", "oppose", "reject", "condemn", "criticize", "warn", "deny", "refuse", "threaten",
)  # fmt: skip
ACTOR_TYPES = Literal["person", "state", "government", "organization", "armed_group", "ministry"]
Side = Literal["after", "before", "either"]


class LexiconError(ValueError):
    """A language data file is missing or malformed; the message names file and entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_forms(forms: list[str]) -> tuple[str, ...]:
    if not forms:
        raise ValueError("'forms' must list at least one string")
    for form in forms:
        if not isinstance(form, str) or not form.strip():
            raise ValueError(f"every form must be a non-empty string, got {form!r}")
        if clean(form) != form:
            raise ValueError(
                f"form {form!r} is not in normal form (NFKC, no Arabic diacritics or tatweel); "
                f"write {clean(form)!r}"
            )
        if "*" in form[:-1]:
            raise ValueError(f"form {form!r}: '*' is only allowed at the very end")
    return tuple(forms)


class WordEntry(_Strict):
    forms: tuple[str, ...]

    @field_validator("forms", mode="before")
    @classmethod
    def _forms(cls, v: Any) -> tuple[str, ...]:
        if isinstance(v, str):
            v = [v]
        return _check_forms(list(v))


class ReportingEntry(WordEntry):
    actor: Side = "either"


class CueEntry(_Strict):
    """A stance cue: listed forms, or regular expressions over folded tokens (morphology)."""

    forms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    unless_next: tuple[str, ...] = ()  # the cue does not count before these words ("it will be")
    stance: Literal[STANCES]  # type: ignore[valid-type]
    topic: Side = "after"
    speech: bool = False

    @field_validator("forms", "exclude", "unless_next", mode="before")
    @classmethod
    def _forms(cls, v: Any) -> tuple[str, ...]:
        if isinstance(v, str):
            v = [v]
        return _check_forms(list(v)) if v else ()

    @field_validator("patterns", mode="before")
    @classmethod
    def _patterns(cls, v: Any) -> tuple[str, ...]:
        out = []
        for p in [v] if isinstance(v, str) else list(v or ()):
            try:
                re.compile(p)
            except (re.error, TypeError) as exc:
                raise ValueError(
                    f"pattern {p!r} is not a valid regular expression: {exc}"
                ) from None
            out.append(p)
        return tuple(out)

    @model_validator(mode="after")
    def _something(self) -> CueEntry:
        if not self.forms and not self.patterns:
            raise ValueError("a cue needs 'forms' or 'patterns'")
        return self


class NegationEntry(WordEntry):
    position: Literal["before", "after"] = "before"
    window: int = Field(default=3, ge=1, le=8)


class TitleEntry(WordEntry):
    role: str
    of: str | None = None  # the state or organization the title implies ("UN chief")


class AnaphorEntry(WordEntry):
    """A definite noun that names an actor mentioned shortly before: «الحركة» after «حركة
    حماس», "the movement", « l'organisation ». ``head`` must be a word of the antecedent's
    name in the same language; ``types`` limits the antecedent's actor type."""

    head: str | None = None
    types: tuple[ACTOR_TYPES, ...] = ()

    @model_validator(mode="after")
    def _constrained(self) -> AnaphorEntry:
        if not self.head and not self.types:
            raise ValueError("an anaphor needs a 'head' word or actor 'types' to resolve to")
        return self


_ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "reporting": ReportingEntry,
    "cues": CueEntry,
    "negation": NegationEntry,
    "conditions": WordEntry,
    "titles": TitleEntry,
    "boundaries": WordEntry,
    "stopwords": WordEntry,
    "prepositions": WordEntry,
    "hedges": WordEntry,
    "anaphors": AnaphorEntry,
}


class StanceType(_Strict):
    id: str
    polarity: Literal["support", "oppose"]
    plover: str
    cameo: str | None = None
    broader: str | None = None
    labels: dict[Literal["en", "fr", "ar"], str]


class Role(_Strict):
    role: str
    of: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        """True when the office was held on ``day`` (or at any time, if ``day`` is None)."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


PerLanguage = dict[Literal["en", "fr", "ar"], tuple[str, ...]]


class ActorEntry(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.:-]+$")
    qid: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    type: ACTOR_TYPES
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    names: PerLanguage = Field(default_factory=dict)
    metonyms: PerLanguage = Field(default_factory=dict)
    demonyms: PerLanguage = Field(default_factory=dict)
    ambiguous: PerLanguage = Field(default_factory=dict)
    roles: tuple[Role, ...] = ()

    @field_validator("names", "metonyms", "demonyms", "ambiguous", mode="before")
    @classmethod
    def _per_language(cls, v: Any) -> Any:
        if v is None:
            return {}
        if not isinstance(v, dict):
            raise ValueError("expected a mapping of language (en, fr, ar) to a list of names")
        return {k: _check_forms(list(x or [])) if x else () for k, x in v.items()}

    def label(self, lang: str = "en") -> str:
        """The first name in ``lang``, else in English, else the id."""
        for code in (lang, "en", "fr", "ar"):
            if self.names.get(code):  # type: ignore[call-overload]
                return self.names[code][0]  # type: ignore[index]
        return self.id


class TopicEntry(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    qid: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    labels: dict[Literal["en", "fr", "ar"], str]
    forms: PerLanguage

    @field_validator("forms", mode="before")
    @classmethod
    def _forms(cls, v: Any) -> Any:
        return {k: _check_forms(list(x)) for k, x in (v or {}).items()}


KINDS: tuple[str, ...] = tuple(_ENTRY_MODELS)


class LanguageData(BaseModel):
    """Everything one language contributes, validated and frozen."""

    model_config = ConfigDict(frozen=True)
    language: str
    reporting: tuple[ReportingEntry, ...]
    cues: tuple[CueEntry, ...]
    negation: tuple[NegationEntry, ...]
    conditions: tuple[WordEntry, ...]
    titles: tuple[TitleEntry, ...]
    boundaries: tuple[WordEntry, ...]
    stopwords: tuple[WordEntry, ...]
    prepositions: tuple[WordEntry, ...]
    hedges: tuple[WordEntry, ...]
    anaphors: tuple[AnaphorEntry, ...]


def _read_yaml(rel: str) -> Any:
    path = resources.files("extractors.lexicons").joinpath(rel)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"{rel}: file not found in extractors/lexicons") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{rel}: not valid YAML: {exc}") from exc


def _entry_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict):
        for key in ("id", "forms"):
            val = raw.get(key)
            if isinstance(val, list) and val:
                return f"entry {index} ({val[0]!r})"
            if isinstance(val, str):
                return f"entry {index} ({val!r})"
    return f"entry {index}"


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    return "; ".join(parts)


def parse_entries(rel: str, raw: Any, model: type[BaseModel], kind: str) -> list[Any]:
    """Validate the parsed YAML of one file; errors name the file and the entry."""
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise LexiconError(f"{rel}: expected a mapping with 'kind' and an 'entries' list")
    if raw.get("kind") != kind:
        raise LexiconError(f"{rel}: expected kind {kind!r}, found {raw.get('kind')!r}")
    extra = set(raw) - {"kind", "language", "entries"}
    if extra:
        raise LexiconError(f"{rel}: unknown top-level keys {sorted(extra)}")
    out = []
    for i, item in enumerate(raw["entries"], 1):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            raise LexiconError(f"{rel}: {_entry_name(item, i)}: {_explain(exc)}") from None
    return out


def _load_kind(lang: str, kind: str) -> tuple[Any, ...]:
    rel = f"{lang}/{kind}.yaml"
    raw = _read_yaml(rel)
    if isinstance(raw, dict) and raw.get("language") not in (None, lang):
        raise LexiconError(f"{rel}: declares language {raw.get('language')!r}, expected {lang!r}")
    return tuple(parse_entries(rel, raw, _ENTRY_MODELS[kind], kind))


@cache
def load_language(lang: str) -> LanguageData:
    """Load and validate all files of one language (cached).

    >>> load_language("de")
    Traceback (most recent call last):
    ...
    extractors.lexicon.LexiconError: unknown language 'de'; available: ar, en, fr
    """
    if lang not in LANGUAGES:
        raise LexiconError(f"unknown language {lang!r}; available: {', '.join(LANGUAGES)}")
    return LanguageData(language=lang, **{k: _load_kind(lang, k) for k in _ENTRY_MODELS})


@cache
def stance_types() -> dict[str, StanceType]:
    """The stance types of ``stances.yaml`` by id."""
    raw = _read_yaml("stances.yaml")
    items = parse_entries("stances.yaml", raw, StanceType, "stances")
    out = {s.id: s for s in items}
    missing = set(STANCES) - set(out)
    if missing:
        raise LexiconError(f"stances.yaml: missing stance types {sorted(missing)}")
    return out


@cache
def load_topics() -> tuple[TopicEntry, ...]:
    """The canonical topics of ``topics.yaml``."""
    return tuple(parse_entries("topics.yaml", _read_yaml("topics.yaml"), TopicEntry, "topics"))


def actor_files() -> Iterator[str]:
    """Relative paths of the gazetteer files, sorted."""
    folder = resources.files("extractors.lexicons").joinpath("actors")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            yield f"actors/{item.name}"


@cache
def load_actors() -> tuple[ActorEntry, ...]:
    """All gazetteer entries; duplicate ids across files are an error."""
    seen: dict[str, str] = {}
    out: list[ActorEntry] = []
    for rel in actor_files():
        for entry in parse_entries(rel, _read_yaml(rel), ActorEntry, "actors"):
            if entry.id in seen:
                raise LexiconError(
                    f"{rel}: actor id {entry.id!r} already defined in {seen[entry.id]}"
                )
            seen[entry.id] = rel
            out.append(entry)
    for entry in out:
        for role in entry.roles:
            if role.of not in seen:
                raise LexiconError(
                    f"{seen[entry.id]}: actor {entry.id!r}: role {role.role!r} is 'of' "
                    f"{role.of!r}, which is no actor id (use an ISO 3166-1 alpha-3 state id or "
                    f"an organization id such as 'united-nations')"
                )
    return tuple(out)
