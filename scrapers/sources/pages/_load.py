"""Reading a definition file (TOML) into a checked ``Definition``.

Every mistake is one line naming the file and the key (``types.s.chamber: unknown
chamber 'upper'``); a TOML syntax error names the file and the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from scrapers.model import Chamber
from scrapers.sources.pages.definition import (
    FEDERAL,
    STAGE_NAMES,
    ActionsSpec,
    BillType,
    ChamberPattern,
    Definition,
    DefinitionError,
    FieldSpec,
    PageSpec,
    StageRule,
)

_TOP = {
    "name",
    "jurisdiction",
    "covers",
    "types",
    "pages",
    "url_pattern",
    "fields",
    "rest_are_cosponsors",
    "actions",
    "stages",
    "stage_rules",
}
_FIELD_KEYS = {
    "selector",
    "page",
    "attr",
    "own_text",
    "exclude",
    "regex",
    "split",
    "required",
    "since",
    "withdrawn",
}
_FIELD_NAMES = {"bill", "session", "title", "sponsor", "cosponsors"}
#: Fields whose absence is always an error: without them the page is not a bill page.
_ALWAYS_REQUIRED = {"title"}
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


def load_definition_file(path: Path) -> Definition:
    """Read and check one definition file; ``DefinitionError`` names the file (and line)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 12, column 5)": put the line up front, one line.
        message = str(exc)
        if m := re.search(r"\(at line (\d+), column (\d+)\)", message):
            what = message[: m.start()].strip()
            raise DefinitionError(f"{path}:{m.group(1)}: TOML syntax error: {what}") from None
        raise DefinitionError(f"{path}: TOML syntax error: {message}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"{path}: cannot read: {exc}") from None
    return definition_from_dict(raw, where=str(path))


def load_definitions_dir(directory: Path) -> list[Definition]:
    """Every ``*.toml`` in ``directory``, in name order."""
    if not directory.is_dir():
        raise DefinitionError(f"{directory}: page definitions directory not found")
    return [load_definition_file(p) for p in sorted(directory.glob("*.toml"))]


def definition_from_dict(raw: Mapping[str, Any], *, where: str) -> Definition:
    r = _Reader(where)
    r.known(raw, _TOP, "")
    name = r.text(raw, "name")
    if not _NAME.match(name):
        r.fail("name", "must be lower case letters, digits and '-' (e.g. 'mo-senate')")
    types = _types(r, raw.get("types"))
    pages = _pages(r, raw.get("pages"))
    fields = _fields(r, raw.get("fields"), pages)
    stages = raw.get("stages", "rules")
    if stages not in ("rules", FEDERAL):
        r.fail("stages", "must be 'rules' or 'federal'")
    rules = tuple(_stage_rule(r, i, x) for i, x in enumerate(r.list(raw, "stage_rules")))
    if stages == "rules" and not rules:
        r.fail("stage_rules", "needed unless stages = 'federal'")
    pattern = raw.get("url_pattern")
    return Definition(
        name=name,
        jurisdiction=r.text(raw, "jurisdiction").lower(),
        covers=r.text(raw, "covers"),
        path=where,
        types=types,
        pages=pages,
        url_pattern=r.regex(pattern, "url_pattern") if pattern is not None else None,
        fields=fields,
        rest_are_cosponsors=bool(raw.get("rest_are_cosponsors", False)),
        actions=_actions(r, raw.get("actions"), pages),
        stages=stages,
        stage_rules=rules,
    )


class _Reader:
    """Small checks with messages that name the file and the key."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, key: str, problem: str) -> NoReturn:
        raise DefinitionError(f"{self.where}: {key}: {problem}")

    def known(self, table: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                self.fail(f"{prefix}{key}", f"unknown key (known: {', '.join(sorted(allowed))})")

    def table(self, value: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
        assert isinstance(value, dict)
        return value

    def text(self, table: Mapping[str, Any], key: str, prefix: str = "") -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{prefix}{key}", "must be a non-empty string")
        assert isinstance(value, str)
        return value

    def list(self, table: Mapping[str, Any], key: str) -> list[Any]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.fail(key, "must be an array")
        assert isinstance(value, list)
        return value

    def regex(self, value: Any, key: str) -> re.Pattern[str]:
        if not isinstance(value, str):
            self.fail(key, "must be a regular expression in a string")
        try:
            return re.compile(value)
        except re.error as exc:
            self.fail(key, f"bad regular expression: {exc}")

    def chamber(self, value: Any, key: str) -> Chamber:
        try:
            return Chamber(value)
        except ValueError:
            self.fail(key, f"unknown chamber {value!r} (one of {', '.join(c for c in Chamber)})")


def _types(r: _Reader, raw: Any) -> dict[str, BillType]:
    table = r.table(raw, "types")
    if not table:
        r.fail("types", "name at least one bill type")
    out: dict[str, BillType] = {}
    for key, spec in table.items():
        spec = r.table(spec, f"types.{key}")
        r.known(spec, {"code", "chamber"}, f"types.{key}.")
        if not re.fullmatch(r"[a-z]+", key):
            r.fail(f"types.{key}", "a bill type is lower-case letters (as in keys: 'sb')")
        chamber = spec.get("chamber")
        out[key] = BillType(
            type=key,
            code=spec.get("code", key.upper()),
            chamber=r.chamber(chamber, f"types.{key}.chamber") if chamber else None,
        )
    return out


def _pages(r: _Reader, raw: Any) -> dict[str, PageSpec]:
    table = r.table(raw, "pages")
    if "bill" not in table:
        r.fail("pages", "needs [pages.bill] with a url")
    out: dict[str, PageSpec] = {}
    for role, spec in table.items():
        spec = r.table(spec, f"pages.{role}")
        r.known(spec, {"url", "link", "find", "find_text", "optional"}, f"pages.{role}.")
        url, link = spec.get("url"), spec.get("link")
        if role != "bill" and ("find" in spec or "find_text" in spec):
            r.fail(f"pages.{role}.find", "only the bill page is found in a list")
        if role == "bill" and not url:
            r.fail("pages.bill.url", "must be a URL template")
        if (url is None) == (link is None) and role != "bill":
            r.fail(f"pages.{role}", "give exactly one of url (a template) or link (a selector)")
        if url is not None:
            _check_template(r, url, f"pages.{role}.url")
        out[role] = PageSpec(
            role=role,
            url=url,
            link=link,
            find=spec.get("find"),
            find_text=spec.get("find_text", "{code} {number}"),
            optional=bool(spec.get("optional", False)),
        )
    return out


#: ``hundreds``: the number rounded down to a hundred (Oregon's "hb3600.dir" folders);
#: ``yy``: the session's year in two digits (the Missouri Senate's "11info").
_PLACEHOLDERS = {"session", "type", "code", "number", "hundreds", "yy"}


def _check_template(r: _Reader, url: str, key: str) -> None:
    try:
        url.format(session="2011", type="sb", code="SB", number=1, hundreds=0, yy="11")
    except (KeyError, IndexError, ValueError) as exc:
        r.fail(key, f"bad URL template ({exc}); placeholders: {', '.join(sorted(_PLACEHOLDERS))}")


def _field(
    r: _Reader, name: str, raw: Any, default_page: str, pages: Mapping[str, Any]
) -> FieldSpec:
    key = f"fields.{name}" if "." not in name else name
    if isinstance(raw, str):
        raw = {"selector": raw}
    spec = r.table(raw, key)
    r.known(spec, _FIELD_KEYS, f"{key}.")
    if not isinstance(spec.get("selector"), str):
        r.fail(f"{key}.selector", "must be a CSS selector in a string")
    page = spec.get("page", default_page)
    if page not in pages:
        r.fail(f"{key}.page", f"no [pages.{page}]")
    return FieldSpec(
        name=name,
        selector=spec["selector"].strip(),
        page=page,
        attr=spec.get("attr"),
        own_text=bool(spec.get("own_text", False)),
        since=r.regex(spec["since"], f"{key}.since") if "since" in spec else None,
        withdrawn=r.regex(spec["withdrawn"], f"{key}.withdrawn") if "withdrawn" in spec else None,
        exclude=spec.get("exclude"),
        regex=r.regex(spec["regex"], f"{key}.regex") if "regex" in spec else None,
        split=r.regex(spec["split"], f"{key}.split") if "split" in spec else None,
        required=bool(spec.get("required", name in _ALWAYS_REQUIRED)),
        many=name == "cosponsors" or "split" in spec,
    )


def _fields(r: _Reader, raw: Any, pages: Mapping[str, PageSpec]) -> dict[str, FieldSpec]:
    table = r.table(raw, "fields")
    out: dict[str, FieldSpec] = {}
    for name, spec in table.items():
        if name not in _FIELD_NAMES:
            r.fail(f"fields.{name}", f"unknown field (known: {', '.join(sorted(_FIELD_NAMES))})")
        out[name] = _field(r, name, spec, "bill", pages)
    if "title" not in out:
        r.fail("fields.title", "missing: every definition needs the title's selector")
    return out


_ACTION_KEYS = {
    "page",
    "rows",
    "date",
    "text",
    "chamber",
    "time",
    "date_formats",
    "order",
    "chamber_names",
    "chamber_patterns",
}


def _actions(r: _Reader, raw: Any, pages: Mapping[str, PageSpec]) -> ActionsSpec:
    table = r.table(raw, "actions")
    r.known(table, _ACTION_KEYS, "actions.")
    page = table.get("page", "bill")
    if page not in pages:
        r.fail("actions.page", f"no [pages.{page}]")

    def row_field(name: str, required: bool) -> FieldSpec | None:
        if name not in table:
            if required:
                r.fail(f"actions.{name}", "missing")
            return None
        spec = table[name]
        spec = {"selector": spec} if isinstance(spec, str) else dict(r.table(spec, name))
        spec.setdefault("required", required)
        return _field(r, f"actions.{name}", spec, page, pages)

    formats = table.get("date_formats")
    if not isinstance(formats, list) or not formats or not all(isinstance(f, str) for f in formats):
        r.fail("actions.date_formats", "must be a non-empty array of strptime formats")
    order = table.get("order", "oldest_first")
    if order not in ("oldest_first", "newest_first"):
        r.fail("actions.order", "must be 'oldest_first' or 'newest_first'")
    names = r.table(table.get("chamber_names", {}), "actions.chamber_names")
    patterns = []
    for i, item in enumerate(table.get("chamber_patterns", [])):
        item = r.table(item, f"actions.chamber_patterns[{i}]")
        r.known(item, {"pattern", "chamber"}, f"actions.chamber_patterns[{i}].")
        patterns.append(
            ChamberPattern(
                pattern=r.regex(item.get("pattern"), f"actions.chamber_patterns[{i}].pattern"),
                chamber=r.chamber(item.get("chamber"), f"actions.chamber_patterns[{i}].chamber"),
            )
        )
    date_spec = row_field("date", True)
    text_spec = row_field("text", True)
    assert date_spec is not None and text_spec is not None
    return ActionsSpec(
        page=page,
        rows=r.text(table, "rows", "actions."),
        date=date_spec,
        text=text_spec,
        chamber=row_field("chamber", False),
        time=row_field("time", False),
        date_formats=tuple(str(f) for f in formats),
        newest_first=order == "newest_first",
        chamber_names={
            str(k).lower(): r.chamber(v, f"actions.chamber_names.{k}") for k, v in names.items()
        },
        chamber_patterns=tuple(patterns),
    )


def _stage_rule(r: _Reader, i: int, raw: Any) -> StageRule:
    key = f"stage_rules[{i}]"
    spec = r.table(raw, key)
    r.known(spec, {"pattern", "stage", "chamber", "detail"}, f"{key}.")
    stage = spec.get("stage")
    if stage not in STAGE_NAMES:
        r.fail(f"{key}.stage", f"unknown stage {stage!r} (one of {', '.join(sorted(STAGE_NAMES))})")
    chamber = spec.get("chamber")
    return StageRule(
        pattern=r.regex(spec.get("pattern"), f"{key}.pattern"),
        stage=str(stage),
        chamber=r.chamber(chamber, f"{key}.chamber") if chamber else None,
        detail=spec.get("detail"),
    )
