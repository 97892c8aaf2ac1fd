"""Definition files: a legislature's bill page described in TOML, read into frozen values.

A definition names the pages of one bill (the bill page, and where a site keeps them
apart, an actions page and a co-sponsors page), how a bill reference becomes their URLs,
the CSS selectors of each field, the date formats, and the table of action wording ->
stage. The format is documented in the README ("Any legislature's page (definitions)")
and by the shipped files in ``definitions/``; ``_load`` reads and checks the files.
Nothing here fetches or parses HTML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from scrapers.model import Chamber, Stage

#: Stage names a rule may give besides the ladder's: ``passed`` is a passage by the
#: action's chamber (the first chamber -> passed_one_chamber, the other -> both).
PASSED = "passed"
STAGE_NAMES = frozenset({s.value for s in Stage} | {PASSED})
#: ``stages = "federal"``: Congress's own rules (``scrapers.stages.federal``).
FEDERAL = "federal"


class DefinitionError(ValueError):
    """A definition file that cannot be used; the message starts with the file."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldSpec:
    """Where one value sits on a page: a CSS selector and how to read what it matches.

    ``selector`` starting with ``+`` (in an action row) means the element right after
    the row, when it matches the rest (THOMAS puts an action's text in the ``<dd>``
    after its ``<dt>``). ``""`` means the row itself.
    """

    name: str
    selector: str
    page: str = "bill"
    attr: str | None = None  # read this attribute instead of the text
    own_text: bool = False  # only the element's own text, not its children's
    exclude: str | None = None  # drop descendants matching this before reading the text
    regex: re.Pattern[str] | None = None  # group "value", else group 1, else the match
    split: re.Pattern[str] | None = None  # one text holding several names
    required: bool = False
    many: bool = False  # every match, not only the first
    # Co-sponsors: the text right after each name (up to the next element) may say
    # since when and whether withdrawn: "[TN] - 5/25/2011(withdrawn - 1/23/2012)".
    since: re.Pattern[str] | None = None
    withdrawn: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PageSpec:
    """One page of a bill: a URL template, or a link on the bill page to follow."""

    role: str
    url: str | None = None
    link: str | None = None  # CSS selector of an <a> on the bill page
    # The bill page only: ``url`` is a list of bills, and the bill's own page is the
    # link (matching ``find``) whose text is ``find_text`` ("{code} {number}"): for
    # sites whose bill URLs carry an internal id (the Missouri Senate's BillID).
    find: str | None = None
    find_text: str = "{code} {number}"
    optional: bool = False  # a link that may be absent (no co-sponsors, no page)


@dataclass(frozen=True, slots=True, kw_only=True)
class BillType:
    type: str  # as in keys: "sb"
    code: str  # as the site writes it: "SB"
    chamber: Chamber | None  # where bills of this type start


@dataclass(frozen=True, slots=True, kw_only=True)
class ChamberPattern:
    pattern: re.Pattern[str]
    chamber: Chamber


@dataclass(frozen=True, slots=True, kw_only=True)
class StageRule:
    pattern: re.Pattern[str]
    stage: str  # a ``Stage`` value or ``passed``
    chamber: Chamber | None = None  # who acted, when the wording says more than the row
    detail: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionsSpec:
    page: str
    rows: str
    date: FieldSpec
    text: FieldSpec
    chamber: FieldSpec | None
    time: FieldSpec | None
    date_formats: tuple[str, ...]
    newest_first: bool
    chamber_names: Mapping[str, Chamber]
    chamber_patterns: tuple[ChamberPattern, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    name: str
    jurisdiction: str
    covers: str
    path: str  # the file it was read from, for messages
    types: Mapping[str, BillType]  # by key type ("sb")
    pages: Mapping[str, PageSpec]  # "bill" always
    url_pattern: re.Pattern[str] | None  # a pasted bill page URL -> session, code, number
    fields: Mapping[str, FieldSpec]  # bill, session, title, sponsor, cosponsors, ...
    rest_are_cosponsors: bool  # names after the first sponsor are co-sponsors
    actions: ActionsSpec
    stages: str  # "rules" or "federal"
    stage_rules: tuple[StageRule, ...]

    @property
    def bill_url(self) -> str:
        url = self.pages["bill"].url
        assert url is not None
        return url

    def type_for_code(self, code: str) -> BillType | None:
        wanted = _code_key(code)
        for t in self.types.values():
            if wanted in (_code_key(t.code), t.type):
                return t
        return None

    def year_of(self, session: str) -> int | None:
        """The calendar year a session starts in, for dates printed without one.

        The first four-digit number in the session ("2011", "2011-2012"), else two
        leading digits ("10ss1" -> 2010).
        """
        if m := re.search(r"(?<!\d)(\d{4})(?!\d)", session):
            return int(m.group(1))
        if m := re.match(r"(\d{2})(?!\d)", session):
            return 2000 + int(m.group(1))
        return None

    def parse_date(self, text: str, session: str) -> date | None:
        """``text`` read with the first format that fits; the session gives a missing year."""
        year = self.year_of(session)
        for fmt in self.actions.date_formats:
            try:
                if "%Y" in fmt or "%y" in fmt:
                    return datetime.strptime(text, fmt).date()
                if year is not None:
                    # The year goes into the string: strptime without one fails on 02/29.
                    return datetime.strptime(f"{text} {year}", f"{fmt} %Y").date()
            except ValueError:
                continue
        return None


def _code_key(code: str) -> str:
    return re.sub(r"[^a-z]", "", code.lower())
