"""The registry of extractors: namespaced, versioned names, open to entry points.

Third-party packages register extractors under the entry-point group
``stancegraph.extractors``. A registered name never changes behaviour; new behaviour gets
a new version.

>>> "stancegraph.reported_speech.v1" in available()
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import catalogue
from spacy.tokens import Doc

from .claims import Claim

Extractor = Callable[[Doc], Iterable[Claim]]
extractors = catalogue.create("stancegraph", "extractors", entry_points=True)

DEFAULT = "stancegraph.reported_speech.v1"


def register(name: str) -> Callable[[Callable[..., Extractor]], Callable[..., Extractor]]:
    """Decorator registering an extractor factory; registering a name twice is an error."""

    def deco(factory: Callable[..., Extractor]) -> Callable[..., Extractor]:
        if name in extractors:
            raise ValueError(f"extractor {name!r} is already registered")
        extractors.register(name, func=factory)
        return factory

    return deco


def available() -> list[str]:
    """Registered extractor names, sorted."""
    _load_builtin()
    return sorted(extractors.get_all())


def get(name: str = DEFAULT, **options: Any) -> Extractor:
    """Build the extractor registered under ``name`` with keyword-only options."""
    _load_builtin()
    if name not in extractors:
        raise KeyError(f"unknown extractor {name!r}; available: {', '.join(available())}")
    factory = extractors.get(name)
    return factory(**options)  # type: ignore[no-any-return,unused-ignore]


def _load_builtin() -> None:
    from . import reported_speech  # noqa: F401  (registers on import)
