"""One source per definition: fetch a bill's pages politely, read them with the definition.

``page_source_class(defn)`` makes a ``PageSource`` subclass whose ``name`` is the
definition's (``mo-senate``): ``bills.source`` names it, and the registry lists it
beside the API sources. The HTTP client and an optional base URL (a mirror, or a
test server: the definition's scheme and host are replaced by it) come in the
constructor; nothing here reads settings.

Change detection: a conditional GET of the bill page when the bill has one page; a
bill spread over several pages (Missouri's actions page) is fetched whole each time,
since a 304 for one page says nothing of the others. Either way the check compares
the fingerprint of the *extracted* snapshot, never the HTML, so a new ad or timestamp
on the page is no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapers.errors import NotFound, ParseError
from scrapers.http import PoliteClient
from scrapers.model import BillRef, BillSnapshot
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.pages.definition import Definition
from scrapers.sources.pages.extract import Extraction, Page, extract, read_page


@dataclass(frozen=True, slots=True, kw_only=True)
class PagesFetched(Fetched):
    """The bill page as ``Fetched``, with the bill's other pages beside it."""

    others: tuple[tuple[str, str, bytes], ...] = ()  # (role, url, content)


class PageSource:
    """A legislature's bill pages, read with one definition (see the subclasses)."""

    name: ClassVar[str] = "pages"
    covers: ClassVar[str] = "bill pages described by a definition file"
    kind: ClassVar[str] = "page definition"
    definition: ClassVar[Definition]

    def __init__(self, client: PoliteClient, *, base_url: str | None = None) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/") if base_url else None
        self._found: dict[str, str] = {}  # bill key -> its page, found in a bill list

    @staticmethod
    def recognises(content: bytes) -> bool:
        """HTML pages are read only with a named definition (``--source``)."""
        return False

    def resolve(self, text: str) -> BillRef | None:
        return ref_from_url(self.definition, text)

    def page_url(self, ref: BillRef, role: str = "bill") -> str | None:
        """The URL of one of the bill's pages, from its template (None for a followed link)."""
        spec = self.definition.pages[role]
        if spec.url is None:
            return None
        url = spec.url.format(
            session=ref.session,
            type=ref.bill_type,
            code=self._code(ref),
            number=ref.number,
            hundreds=ref.number // 100 * 100,
            yy=f"{(self.definition.year_of(ref.session) or 0) % 100:02d}",
        )
        return self._on_base(url)

    def _on_base(self, url: str) -> str:
        if self._base_url is None:
            return url
        parts, base = urlsplit(url), urlsplit(self._base_url)
        if parts.netloc == base.netloc:
            return url  # already there (a link on a page served from the base)
        return urlunsplit((base.scheme, base.netloc, base.path + parts.path, parts.query, ""))

    def fetch(self, ref: BillRef, prior: Validators | None = None) -> Fetched | NotModified:
        defn = self.definition
        url = self._bill_page_url(ref)
        single = len(defn.pages) == 1 and defn.pages["bill"].find is None
        response = self._client.get(url, validators=prior if single else None, is_html=True)
        if response.status == 304:
            return NotModified(ref=ref, url=response.url, validators=response.validators)
        bill = read_page("bill", response.url, response.content)
        others = tuple(
            page
            for role in defn.pages
            if role != "bill" and (page := self._other(ref, role, bill)) is not None
        )
        return PagesFetched(
            ref=ref,
            url=response.url,
            content=response.content,
            content_type=response.headers.get("Content-Type"),
            validators=response.validators if single else Validators(),
            others=others,
        )

    def _bill_page_url(self, ref: BillRef) -> str:
        url = self.page_url(ref)
        assert url is not None
        spec = self.definition.pages["bill"]
        if spec.find is None:
            return url
        if (known := self._found.get(ref.key)) is not None:
            return known
        listing = read_page("list", url, self._client.get(url, is_html=True).content)
        wanted = _squash(spec.find_text.format(code=self._code(ref), number=ref.number))
        for link in listing.soup.select(spec.find):
            href = link.get("href")
            if isinstance(href, str) and _squash(link.get_text(" ")) == wanted:
                # Kept for this process: the id behind a bill does not change.
                self._found[ref.key] = self._on_base(urljoin(url, href.strip()))
                return self._found[ref.key]
        raise NotFound(f"{self.name}: no link {wanted!r} in the bill list {url}", url=url)

    def _code(self, ref: BillRef) -> str:
        bill_type = self.definition.types.get(ref.bill_type)
        return bill_type.code if bill_type else ref.bill_type.upper()

    def _other(self, ref: BillRef, role: str, bill: Page) -> tuple[str, str, bytes] | None:
        spec = self.definition.pages[role]
        url = self.page_url(ref, role)
        if url is None:
            assert spec.link is not None
            link = bill.soup.select_one(spec.link)
            href = link.get("href") if link is not None else None
            if not isinstance(href, str) or not href.strip():
                if spec.optional:
                    return None
                raise ParseError(
                    self.name,
                    bill.url,
                    f"selector {spec.link!r} (pages.{role}.link)",
                    "matched nothing",
                )
            url = self._on_base(urljoin(bill.url, href.strip()))
        response = self._client.get(url, is_html=True)
        return role, response.url, response.content

    def fetch_page(self, url: str) -> tuple[str, bytes]:
        """One page as it is now (``tracker sources test``): its final URL and bytes."""
        response = self._client.get(url, is_html=True)
        return response.url, response.content

    def fetch_missing(self, doc: PagesFetched, ref: BillRef) -> PagesFetched:
        """``doc`` with the bill's other pages it lacks fetched as a check fetches them."""
        have = {role for role, _, _ in doc.others}
        bill = read_page("bill", doc.url, doc.content)
        added = tuple(
            page
            for role in self.definition.pages
            if role != "bill" and role not in have
            if (page := self._other(ref, role, bill)) is not None
        )
        return PagesFetched(
            ref=doc.ref,
            url=doc.url,
            content=doc.content,
            content_type=doc.content_type,
            others=doc.others + added,
        )

    def parse(self, doc: Fetched) -> BillSnapshot:
        return self.parse_pages(doc).snapshot

    def parse_pages(
        self, doc: Fetched, *, session: str | None = None, strict: bool = True
    ) -> Extraction:
        """Every page of ``doc`` read; ``strict=False`` collects misses instead of raising."""
        pages = {"bill": read_page("bill", doc.url, doc.content)}
        if isinstance(doc, PagesFetched):
            pages |= {role: read_page(role, url, content) for role, url, content in doc.others}
        return extract(self.definition, pages, ref=doc.ref, session=session, strict=strict)


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def ref_from_url(defn: Definition, text: str) -> BillRef | None:
    """The bill a pasted page URL names, when it matches the definition's ``url_pattern``."""
    if defn.url_pattern is None:
        return None
    m = defn.url_pattern.search(text.strip())
    if m is None:
        return None
    groups = m.groupdict()
    code = groups.get("code") or groups.get("type")
    bill_type = defn.type_for_code(code) if code else None
    if bill_type is None or not groups.get("number") or not groups.get("session"):
        return None
    return BillRef(
        jurisdiction=defn.jurisdiction,
        session=groups["session"],
        bill_type=bill_type.type,
        number=int(groups["number"]),
    )


def page_source_class(defn: Definition) -> type[PageSource]:
    """A ``PageSource`` subclass named after ``defn`` (``name`` is a class variable)."""
    cls_name = "PageSource_" + defn.name.replace("-", "_")
    attrs = {"name": defn.name, "covers": defn.covers, "definition": defn}
    return type(cls_name, (PageSource,), attrs)
