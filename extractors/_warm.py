"""Imported by the fork server of :mod:`extractors.parallel` before it forks the workers:
builds the pipeline of every language once, so that each worker starts ready and shares the
language data with the others (copy-on-write) instead of loading its own copy.

A language whose data cannot be loaded is left cold here; the worker that needs it raises
the error where it can be reported.
"""

from __future__ import annotations

import contextlib

from .lexicon import LANGUAGES
from .pipeline import make_nlp
from .registry import DEFAULT, get

for _lang in LANGUAGES:
    with contextlib.suppress(Exception):
        make_nlp(_lang)
with contextlib.suppress(Exception):
    get(DEFAULT)
