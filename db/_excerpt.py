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
    """A window of the part richest in ``words``, each match between ``start`` and ``end``.

    Where the words occur together, in the query's order ("title ix"), that phrase is
    what the window shows and marks, not each word apart ("This title provides").
    """
    texts = [p for p in parts if p]
    if not texts:
        return ""
    phrase = _phrase_pattern(words)
    if phrase is not None:
        for text in texts:
            found = phrase.search(text)
            if found is not None:
                window = _window(text, found.start())
                return phrase.sub(lambda m: f"{start}{m.group()}{end}", window)
    pattern = _pattern(words)
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


def _phrase_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    stems = [_stem(w) for w in words if w]
    if len(stems) < 2:
        return None
    # Words of one phrase are separated by anything but a letter or digit, as the
    # tokenizers split them ("Title IX", "title-IX"), within a line.
    joined = r"\w*[^\w\n]+".join(map(re.escape, stems))
    return re.compile(r"\b" + joined + r"\w*", re.IGNORECASE)


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
