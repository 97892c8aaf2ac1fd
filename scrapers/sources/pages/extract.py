"""Reading a bill out of its pages with a definition's selectors (BeautifulSoup, lxml).

``extract`` is a pure function of the definition and the pages' bytes. A required
selector that matches nothing raises ``ParseError`` naming the definition, the selector
and the URL (``strict``), so a page that changed shape fails the check and leaves the
stored bill alone, never an empty bill or a spurious "stage changed". Without
``strict`` (``tracker sources test``) every miss is collected and reported instead.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import soupsieve
from bs4 import BeautifulSoup, Tag

from scrapers.errors import ParseError
from scrapers.model import Action, BillRef, BillSnapshot, Chamber, Cosponsor, Member
from scrapers.sources.pages.definition import FEDERAL, Definition, FieldSpec
from scrapers.sources.pages.stages import compute_table_stage
from scrapers.stages.federal import compute_federal_stage

_SPACE = re.compile(r"\s+")
_AFTER_PAREN = re.compile(r"\(\s+")
_BEFORE_PUNCT = re.compile(r"\s+([.,;:)])")


@dataclass(frozen=True, slots=True)
class Page:
    role: str  # "bill", "actions", ... as in the definition's [pages]
    url: str
    soup: BeautifulSoup


def read_page(role: str, url: str, content: bytes) -> Page:
    return Page(role=role, url=url, soup=BeautifulSoup(content, "lxml"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Miss:
    """A selector that matched nothing (or whose text did not fit its regex or format)."""

    field: str
    selector: str
    url: str
    required: bool
    problem: str = "matched nothing"


@dataclass(slots=True, kw_only=True)
class Extraction:
    snapshot: BillSnapshot
    misses: list[Miss] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # fields on pages not given


class _Run:
    """One extraction: the definition, the pages at hand, and what went missing."""

    def __init__(self, defn: Definition, pages: Mapping[str, Page], strict: bool) -> None:
        self.defn = defn
        self.pages = pages
        self.strict = strict
        self.misses: list[Miss] = []
        self.skipped: list[str] = []

    def miss(self, spec: FieldSpec, url: str, problem: str = "matched nothing") -> None:
        if spec.required and self.strict:
            raise ParseError(
                self.defn.name, url, f"selector {spec.selector!r} ({spec.name})", problem
            )
        self.misses.append(
            Miss(
                field=spec.name,
                selector=spec.selector,
                url=url,
                required=spec.required,
                problem=problem,
            )
        )

    def values(
        self, spec: FieldSpec | None, root: Tag | None = None, *, quiet: bool = False
    ) -> list[str] | None:
        """Every value ``spec`` reads (one unless ``many``); None when its page is absent.

        ``quiet``: an optional cell of one action row may well be empty (no chamber on
        a clerk's note); such misses are counted over all rows by the caller.
        """
        if spec is None:
            return []
        page = self.pages.get(spec.page)
        if page is None:
            return self._elsewhere(spec)
        elements = _select(root if root is not None else page.soup, spec.selector)
        out = self._read_all(spec, elements)
        if not out and not (quiet and not spec.required):
            problem = "matched nothing" if not elements else "matched, but its text did not fit"
            self.miss(spec, page.url, problem)
        return out

    def _elsewhere(self, spec: FieldSpec) -> list[str] | None:
        """A field whose page was not given (``sources test`` on one saved page): sites
        repeat the bill's number and title on every page, so the pages at hand are
        tried; nothing found is "not checked", not a miss."""
        for page in self.pages.values():
            found = self._read_all(spec, _select(page.soup, spec.selector))
            if found:
                return found if spec.many else found[:1]
        self.skipped.append(spec.name)
        return None

    def _read_all(self, spec: FieldSpec, elements: list[Tag]) -> list[str]:
        if not spec.many:
            elements = elements[:1]
        out: list[str] = []
        for element in elements:
            value = _read(element, spec)
            if value is None:
                continue
            out += [p.strip() for p in spec.split.split(value)] if spec.split else [value]
        return [v for v in out if v]

    def one(
        self, spec: FieldSpec | None, root: Tag | None = None, *, quiet: bool = False
    ) -> str | None:
        found = self.values(spec, root, quiet=quiet)
        return found[0] if found else None


def extract(
    defn: Definition,
    pages: Mapping[str, Page],
    *,
    ref: BillRef | None = None,
    session: str | None = None,
    strict: bool = True,
) -> Extraction:
    """The bill ``pages`` show. ``ref`` (when fetched for one) is checked against the page."""
    run = _Run(defn, pages, strict)
    bill_page = pages.get("bill") or next(iter(pages.values()))
    ref = _ref(run, bill_page.url, ref, session)
    bill_type = defn.types.get(ref.bill_type)
    origin = bill_type.chamber if bill_type else None
    title = run.one(defn.fields["title"]) or ""
    sponsors = run.values(defn.fields.get("sponsor")) or []
    named_after = sponsors[1:] if defn.rest_are_cosponsors else []
    cosponsors = [Cosponsor(member=_member(n), sponsored_on=None) for n in named_after]
    cosponsors += _cosponsors(run, ref.session)
    actions = _actions(run, ref.session)
    if defn.stages == FEDERAL:
        stage = compute_federal_stage(actions, bill_type=ref.bill_type)
    else:
        stage = compute_table_stage(actions, defn.stage_rules, origin=origin)
    snapshot = BillSnapshot(
        ref=ref,
        source=defn.name,
        source_url=bill_page.url,
        title=title,
        official_title=title or None,
        origin_chamber=origin,
        introduced_on=actions[0].on if actions else None,
        sponsor=_member(sponsors[0]) if sponsors else None,
        cosponsors=_first_of_each(cosponsors),
        actions=tuple(actions),
        stage=stage,
    )
    return Extraction(snapshot=snapshot, misses=run.misses, skipped=sorted(set(run.skipped)))


def _cosponsors(run: _Run, session: str) -> list[Cosponsor]:
    spec = run.defn.fields.get("cosponsors")
    if spec is None or (spec.since is None and spec.withdrawn is None):
        return [Cosponsor(member=_member(n), sponsored_on=None) for n in run.values(spec) or []]
    page = run.pages.get(spec.page)
    if page is None:
        run.skipped.append(spec.name)
        return []
    found: list[Cosponsor] = []
    for element in _select(page.soup, spec.selector):
        name = _read(element, spec)
        if name is None:
            continue
        after = _text_after(element)
        found.append(
            Cosponsor(
                member=_member(name),
                sponsored_on=_date_in(run, spec.since, after, session),
                withdrawn_on=_date_in(run, spec.withdrawn, after, session),
            )
        )
    if not found:
        run.miss(spec, page.url)
    return found


def _first_of_each(cosponsors: list[Cosponsor]) -> tuple[Cosponsor, ...]:
    """One entry per name, in page order (a name listed twice is one co-sponsor)."""
    seen: dict[str, Cosponsor] = {}
    for c in cosponsors:
        seen.setdefault(c.member.name, c)
    return tuple(seen.values())


def _text_after(element: Tag) -> str:
    """The loose text between an element and the next element (THOMAS: " [TN] - 5/25/2011")."""
    parts: list[str] = []
    for sibling in element.next_siblings:
        if isinstance(sibling, Tag):
            break
        parts.append(str(sibling))
    return _SPACE.sub(" ", "".join(parts)).strip()


def _date_in(run: _Run, pattern: re.Pattern[str] | None, text: str, session: str) -> date | None:
    m = pattern.search(text) if pattern is not None else None
    return run.defn.parse_date(m.group(1), session) if m is not None else None


def _member(name: str) -> Member:
    return Member(bioguide_id=None, name=name)


def _ref(run: _Run, url: str, ref: BillRef | None, session: str | None) -> BillRef:
    """The bill the page shows; with ``ref``, a page for another bill is an error."""
    defn = run.defn
    spec = defn.fields.get("bill")
    shown = run.one(spec) if spec is not None else None
    if shown is not None and spec is not None:
        m = re.search(r"([A-Za-z][A-Za-z. ]*?)\s*0*(\d+)", shown) if spec.regex is None else None
        code, number = (m.group(1), m.group(2)) if m else _code_number(spec, shown)
        bill_type = defn.type_for_code(code) if code else None
        if bill_type is None or number is None:
            raise ParseError(defn.name, url, "bill", f"{shown!r} is not a bill type of {defn.name}")
        if ref is not None and (ref.bill_type, ref.number) != (bill_type.type, int(number)):
            raise ParseError(defn.name, url, "bill", f"is {shown}, not {ref.key}")
        if ref is None:
            found_session = session or run.one(defn.fields.get("session"))
            if not found_session:
                raise ParseError(
                    defn.name, url, "session", "not on the page (give the session, e.g. --session)"
                )
            ref = BillRef(
                jurisdiction=defn.jurisdiction,
                session=found_session,
                bill_type=bill_type.type,
                number=int(number),
            )
    if ref is None:
        raise ParseError(defn.name, url, "bill", "no bill number found on the page")
    return ref


def _code_number(spec: FieldSpec, shown: str) -> tuple[str | None, str | None]:
    """The bill field's regex keeps ``code`` and ``number`` groups (the value is the match)."""
    assert spec.regex is not None
    m = spec.regex.search(shown)
    if m is None or "code" not in spec.regex.groupindex or "number" not in spec.regex.groupindex:
        return None, None
    return m.group("code"), m.group("number")


def _actions(run: _Run, session: str) -> list[Action]:
    spec = run.defn.actions
    page = run.pages.get(spec.page)
    if page is None:
        if run.strict:
            where = next(iter(run.pages.values())).url
            raise ParseError(
                run.defn.name, where, f"pages.{spec.page}", "missing: the actions are on that page"
            )
        run.skipped.append("actions")
        return []
    rows = _select(page.soup, spec.rows)
    if not rows:
        rows_spec = FieldSpec(
            name="actions.rows", selector=spec.rows, page=spec.page, required=True
        )
        run.miss(rows_spec, page.url)
        return []
    actions: list[Action] = []
    for row in rows:
        day_text = run.one(spec.date, row)
        text = run.one(spec.text, row)
        if day_text is None or text is None:
            continue
        day = run.defn.parse_date(day_text, session)
        if day is None:
            run.miss(spec.date, page.url, f"{day_text!r} fits no date format")
            continue
        time = run.one(spec.time, row, quiet=True)
        actions.append(Action(on=day, text=text, chamber=_chamber(run, row, text), time=time))
    for optional, seen in (
        (spec.chamber, any(a.chamber for a in actions)),
        (spec.time, any(a.time for a in actions)),
    ):
        if optional is not None and actions and not seen:
            run.miss(optional, page.url)
    if spec.newest_first:
        actions.reverse()
    # Sub-actions (THOMAS nests committee steps under their referral) come later in
    # the page than younger actions: order by date, keeping the page's order per day.
    actions.sort(key=lambda a: a.on)
    return actions


def _chamber(run: _Run, row: Tag, text: str) -> Chamber | None:
    spec = run.defn.actions
    if spec.chamber is not None:
        named = run.one(spec.chamber, row, quiet=True)
        if named is not None and (chamber := spec.chamber_names.get(named.lower())) is not None:
            return chamber
    for pattern in spec.chamber_patterns:
        if pattern.pattern.search(text):
            return pattern.chamber
    return None


def _select(root: Tag, selector: str) -> list[Tag]:
    if selector == "":
        return [root]
    if selector.startswith("+"):
        # The element right after the row (a <dd> after its <dt>), if it matches.
        sibling = root.find_next_sibling()
        rest = selector[1:].strip()
        if isinstance(sibling, Tag) and (not rest or soupsieve.match(rest, sibling)):
            return [sibling]
        return []
    return list(root.select(selector))


def _read(element: Tag, spec: FieldSpec) -> str | None:
    if spec.attr is not None:
        raw = element.get(spec.attr)
        value = " ".join(raw) if isinstance(raw, list) else (raw or "")
    else:
        if spec.exclude:
            element = copy.copy(element)
            for dropped in element.select(spec.exclude):
                dropped.decompose()
        if spec.own_text:
            value = " ".join(str(s) for s in element.find_all(string=True, recursive=False))
        else:
            value = element.get_text(" ")
    # get_text(" ") keeps words of neighbouring elements apart, but also puts a space
    # inside "(<a>Roll no. 2</a>)" and before a full stop after a link: taken out again.
    value = _BEFORE_PUNCT.sub(r"\1", _AFTER_PAREN.sub("(", _SPACE.sub(" ", value))).strip()
    if spec.regex is not None and spec.name != "bill":
        m = spec.regex.search(value)
        if m is None:
            return None
        if "value" in spec.regex.groupindex:
            value = m.group("value") or ""
        elif spec.regex.groups:
            value = m.group(1) or ""
        else:
            value = m.group(0)
    return value.strip() or None
