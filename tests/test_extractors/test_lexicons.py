from __future__ import annotations

from importlib import resources

import pytest
import yaml

from extractors.lexicon import (
    KINDS,
    LANGUAGES,
    ActorEntry,
    CueEntry,
    LexiconError,
    load_actors,
    load_language,
    load_topics,
    parse_entries,
    stance_types,
)
from extractors.normalize import clean


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_loads_with_all_kinds(lang: str) -> None:
    data = load_language(lang)
    for kind in KINDS:
        assert getattr(data, kind), f"{lang}/{kind}.yaml is empty"


def _all_strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _all_strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _all_strings(v)]
    return []


def _lexicon_files() -> list[str]:
    root = resources.files("extractors.lexicons")
    out = []
    for item in root.iterdir():
        if item.name.endswith(".yaml"):
            out.append(item.name)
        elif item.is_dir() and not item.name.startswith("_"):
            out.extend(f"{item.name}/{f.name}" for f in item.iterdir() if f.name.endswith(".yaml"))
    return sorted(out)


@pytest.mark.parametrize("rel", _lexicon_files())
def test_every_entry_is_in_normal_form(rel: str) -> None:
    text = resources.files("extractors.lexicons").joinpath(rel).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    for s in _all_strings(raw):
        assert clean(s) == s, f"{rel}: {s!r} is not in normal form"


@pytest.mark.parametrize("rel", _lexicon_files())
def test_no_bare_yaml_booleans_in_word_lists(rel: str) -> None:
    raw = yaml.safe_load(resources.files("extractors.lexicons").joinpath(rel).read_text("utf-8"))
    for entry in raw["entries"]:
        for key in ("forms",):
            for form in entry.get(key, []) if isinstance(entry, dict) else []:
                assert isinstance(form, str), f"{rel}: {form!r} read as {type(form).__name__}"


def test_error_names_file_entry_and_expectation() -> None:
    raw = {"kind": "cues", "language": "en",
           "entries": [{"forms": ["back"], "stance": "support"}, {"forms": ["x"], "stance": "love"}]}  # fmt: skip
    with pytest.raises(LexiconError) as err:
        parse_entries("en/cues.yaml", raw, CueEntry, "cues")
    msg = str(err.value)
    assert "en/cues.yaml" in msg and "entry 2" in msg and "'x'" in msg and "stance" in msg


def test_yaml_no_is_rejected_as_a_form() -> None:
    raw = yaml.safe_load('kind: "negation"\nentries:\n  - forms: [no]\n')
    from extractors.lexicon import NegationEntry

    with pytest.raises(LexiconError, match="forms"):
        parse_entries("en/negation.yaml", raw, NegationEntry, "negation")


def test_unnormalized_entry_is_rejected() -> None:
    raw = {"kind": "cues", "entries": [{"forms": ["قائلاً"], "stance": "support"}]}
    with pytest.raises(LexiconError, match="normal form"):
        parse_entries("ar/cues.yaml", raw, CueEntry, "cues")


def test_unknown_language_lists_available() -> None:
    with pytest.raises(LexiconError, match="available: ar, en, fr"):
        load_language("de")


def test_stance_types_have_polarity_and_plover() -> None:
    st = stance_types()
    assert st["reject"].polarity == "oppose" and st["reject"].plover == "REJECT"
    assert st["call_for"].plover == "REQUEST" and st["threaten"].plover == "THREATEN"
    assert st["welcome"].polarity == "support"


def test_gazetteer_covers_un_members_and_key_people() -> None:
    actors = {a.id: a for a in load_actors()}
    states = [a for a in actors.values() if a.type == "state"]
    assert len(states) >= 193
    for a in actors.values():
        assert isinstance(a, ActorEntry)
    ids_by_qid = {a.qid: a for a in actors.values() if a.qid}
    assert ids_by_qid["Q7747"].names["ar"]  # Putin
    assert ids_by_qid["Q159"].country == "RUS"


def test_topics_load() -> None:
    assert any(t.id == "iran-nuclear-deal" for t in load_topics())
