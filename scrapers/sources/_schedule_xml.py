"""Small lxml helpers shared by the schedule parsers (House docs, Senate hearings).

A safe parser (no entities, no network) and text lookups that collapse
whitespace. Imports lxml only; the parsers name the document in their errors.
"""

from __future__ import annotations

import re

from lxml import etree

Element = etree._Element
_SPACES = re.compile(r"\s+")


def parse_root(content: bytes) -> Element:
    """The root element; raises ``etree.LxmlError`` when the bytes are not well-formed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_pis=True)
    root: Element = etree.fromstring(content, parser)
    return root


def clean(text: str | None) -> str:
    """Text with runs of whitespace (incl. no-break spaces) made one space, trimmed."""
    return _SPACES.sub(" ", (text or "").replace("\xa0", " ")).strip()


def text_of(element: Element | None, path: str) -> str:
    """Cleaned text at ``path`` under ``element`` ("" when absent)."""
    if element is None:
        return ""
    found = element.find(path)
    return clean("".join(found.itertext())) if found is not None else ""


def root_tag(content: bytes) -> str | None:
    """The root element's name, read from the first kilobytes without a full parse."""
    head = content[:4096].decode("utf-8", "replace")
    for match in re.finditer(r"<([A-Za-z_][\w.-]*)", head):
        return match.group(1)
    return None
