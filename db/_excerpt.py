"""Snippets for SQLite search results, built in Python from the start of each text.

FTS5's ``snippet()`` tokenizes the whole of every column of every hit, and a
bill's summary or action list runs to hundreds of kilobytes (the NDAA's), which
made one search cost tens of milliseconds. The ranking stays FTS5's; only the
excerpt is made here, from the titles, subjects and the first few thousand
characters of the summary and actions, highlighting words that begin like the
query's words (a rough stand-in for the Porter stemmer: "assault" marks
"assaults"). PostgreSQL uses ``ts_headline`` on the same bounded text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters of the summary and of the actions that snippets look at.
EXCERPT_CHARS = 4000
_BEFORE, _LENGTH = 60, 240


def excerpt(parts: Sequence[str], words: Sequence[str], *, start: str, end: str) -> str:
    """A window of the part richest in ``words``, each match between ``start`` and ``end``."""
    pattern = _pattern(words)
    texts = [p for p in parts if p]
    if not texts:
        return ""
    if pattern is None:
        return _window(texts[0], 0)
    best = max(texts, key=lambda t: len({m.group().casefold()[:4] for m in pattern.finditer(t)}))
    first = pattern.search(best)
    if first is None:
        return _window(texts[0], 0)
    window = _window(best, first.start())
    return pattern.sub(lambda m: f"{start}{m.group()}{end}", window)


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    stems = sorted({_stem(w) for w in words if w}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)


def _stem(word: str) -> str:
    # Short words match whole ("IX", "tax"); longer ones by their first letters, so
    # "assault" marks "assaulted" and "harassment" marks "harassing".
    return word if len(word) <= 4 else word[: max(4, len(word) - 3)]


def _window(text: str, at: int) -> str:
    begin = max(0, at - _BEFORE)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < at else begin
    stop = min(len(text), begin + _LENGTH)
    if stop < len(text):
        space = text.rfind(" ", begin, stop)
        stop = space if space > at else stop
    head = "…" if begin else ""
    tail = "…" if stop < len(text) else ""
    return head + text[begin:stop].strip() + tail
