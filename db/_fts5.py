"""Turning what a person types into an SQLite FTS5 query that cannot be a syntax error.

PostgreSQL reads the same text with ``websearch_to_tsquery``; this gives FTS5
the same meaning: words are ANDed, ``"quoted words"`` are a phrase, ``or``
between terms is OR, and ``-term`` excludes. Every term is written as a
quoted FTS5 string, so punctuation (``H.R.``, ``(``, ``*``) is never read as
FTS5 syntax; FTS5 then splits the string into tokens like the indexed text.
"""

from __future__ import annotations

import re

# A quoted phrase (closing quote optional, as websearch_to_tsquery allows), or a run
# of anything else that is not a space or a quote.
_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")


def fts5_query(text: str, *, phrase: bool = False) -> str | None:
    """The FTS5 MATCH expression for ``text``; None when it has nothing to search for.

    With ``phrase`` the whole text is one phrase (its words next to each other).
    """
    if phrase:
        return _quoted(text) if _WORD.search(text) else None
    groups: list[list[tuple[bool, str]]] = [[]]
    for match in _TERM.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        term = match.group(2) if match.group(2) is not None else match.group(4)
        if match.group(4) is not None and term.casefold() == "or" and not negated:
            groups.append([])
            continue
        if _WORD.search(term):
            groups[-1].append((negated, term))
    alternatives = [g for g in (_group(group) for group in groups) if g]
    if len(alternatives) > 1:
        alternatives = [f"({a})" for a in alternatives]
    return " OR ".join(alternatives) or None


def query_words(text: str) -> list[str]:
    """The words a search looks for (not ``or``, not excluded terms), for highlighting."""
    words: list[str] = []
    for match in _TERM.finditer(text):
        term = match.group(2) if match.group(2) is not None else match.group(4)
        negated = bool(match.group(1) or match.group(3))
        if not negated and not (match.group(4) is not None and term.casefold() == "or"):
            words.extend(_WORDS.findall(term))
    return words


def _group(terms: list[tuple[bool, str]]) -> str | None:
    """One AND group: the wanted terms, then ``NOT`` each excluded one (FTS5's NOT is binary)."""
    wanted = [_quoted(t) for negated, t in terms if not negated]
    if not wanted:
        return None  # "-word" alone would mean "every bill": ignore, as an empty search
    expression = "(" + " AND ".join(wanted) + ")"
    for negated, term in terms:
        if negated:
            expression = f"{expression} NOT {_quoted(term)}"
    return expression


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
