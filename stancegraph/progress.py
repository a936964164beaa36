"""A one-line progress report on stderr for long runs: documents, documents/s, claims, ETA.

Silent unless enabled (the CLI enables it when stderr is a terminal and ``-q`` is not
given). The total is optional and may arrive late (it is counted in a background thread),
until then no ETA is shown.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(enabled=True, stream=out, total=10, interval=0)
>>> p.update(docs=5, claims=7)
>>> p.close()
>>> "5/10 documents" in out.getvalue() and "7 claims" in out.getvalue()
True
>>> Progress(enabled=False).update(docs=1)  # writes nothing
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Counts documents and claims and redraws one line at most every ``interval`` seconds."""

    def __init__(self, *, enabled: bool, stream: TextIO | None = None, total: int | None = None,
                 interval: float = 0.25) -> None:  # fmt: skip
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.interval = interval
        self.docs = 0
        self.claims = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False

    @classmethod
    def for_terminal(cls, quiet: bool, count: Callable[[], int] | None = None) -> Progress:
        """Enabled when stderr is a terminal and not ``quiet``; ``count`` (the number of
        documents) is run in a background thread, so a large input starts at once."""
        progress = cls(enabled=not quiet and sys.stderr.isatty())
        if progress.enabled and count is not None:

            def run() -> None:
                try:
                    progress.total = count()
                except Exception:  # an estimate only: the run reports real problems
                    progress.total = None

            threading.Thread(target=run, daemon=True).start()
        return progress

    def update(self, docs: int = 0, claims: int = 0) -> None:
        """Add ``docs`` documents and ``claims`` claims; redraw when it is time."""
        self.docs += docs
        self.claims += claims
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.docs / elapsed
        total = self.total
        done = f"{self.docs:,}/{total:,}" if total else f"{self.docs:,}"
        line = f"stancegraph: {done} documents, {rate:,.1f} docs/s, {self.claims:,} claims"
        if total and rate > 0 and total >= self.docs:
            line += f", ETA {_clock((total - self.docs) / rate)}"
        line += f", {_clock(elapsed)} elapsed"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the line (before another message is written)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def close(self) -> None:
        """Draw the final counts and end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False
