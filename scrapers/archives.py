"""Reading many documents out of a folder, a ZIP or a tar archive, one at a time.

Bulk data comes as archives far larger than memory should hold (GovInfo's
BILLSTATUS of one Congress is 340 MB of XML), so documents are streamed: a tar
(``.tar.xz``, ``.tar.gz``, ``.tar``) is read front to back in stream mode and
never unpacked, a ZIP member is read only when its turn comes. Each
``Document`` says how far through the source it is (``position`` out of
``SourceSize.total``: documents for a folder or ZIP, compressed bytes for a tar),
which is what a progress bar needs.

A member that cannot be read is yielded with its ``error`` (the rest go on); an
archive that cannot be read at all raises ``ArchiveError``. Knows files only:
no HTTP, no parsing, no database.
"""

from __future__ import annotations

import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["ArchiveError", "Document", "SourceSize", "iter_documents", "source_size"]

#: Decides from a member's file name whether to read it at all (``None``: read all).
NameFilter = Callable[[str], bool]
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")


class ArchiveError(Exception):
    """The archive cannot be read (not an archive, truncated, corrupt beyond a member)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    name: str  # the file, or ``archive.zip:member/path.xml``
    content: bytes
    position: int  # how far through the source, in SourceSize units, after this one
    error: str | None = None  # set when the member could not be read (content is empty)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceSize:
    total: int
    unit: str  # "documents" or "bytes"


def source_size(path: Path, *, suffix: str = ".xml") -> SourceSize:
    """How much there is to read in ``path``, cheaply (no decompression)."""
    if path.is_dir():
        return SourceSize(total=sum(1 for _ in _folder_files(path, suffix)), unit="documents")
    if _is_tar(path):
        return SourceSize(total=path.stat().st_size, unit="bytes")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return SourceSize(total=len(_zip_members(archive, suffix)), unit="documents")
    return SourceSize(total=1, unit="documents")


def iter_documents(
    path: Path, *, suffix: str = ".xml", wanted: NameFilter | None = None
) -> Iterator[Document]:
    """Every ``suffix`` file in a folder (sorted), a ZIP (sorted) or a tar (archive order)."""
    if path.is_dir():
        return _from_folder(path, suffix, wanted)
    if not path.is_file():
        raise ArchiveError(str(path), "no such file or folder")
    if _is_tar(path):
        return _from_tar(path, suffix, wanted)
    if zipfile.is_zipfile(path):
        return _from_zip(path, suffix, wanted)
    if path.name.endswith(suffix):
        return iter([Document(name=str(path), content=path.read_bytes(), position=1)])
    raise ArchiveError(str(path), f"not a folder, a ZIP, a tar archive or a {suffix} file")


def _folder_files(folder: Path, suffix: str) -> list[Path]:
    return sorted(p for p in folder.rglob(f"*{suffix}") if p.is_file())


def _from_folder(folder: Path, suffix: str, wanted: NameFilter | None) -> Iterator[Document]:
    for n, path in enumerate(_folder_files(folder, suffix), start=1):
        if wanted is not None and not wanted(path.name):
            continue
        try:
            content, error = path.read_bytes(), None
        except OSError as exc:
            content, error = b"", f"cannot read: {exc.strerror or exc}"
        yield Document(name=str(path), content=content, position=n, error=error)


def _zip_members(archive: zipfile.ZipFile, suffix: str) -> list[zipfile.ZipInfo]:
    members = (m for m in archive.infolist() if not m.is_dir() and m.filename.endswith(suffix))
    return sorted(members, key=lambda m: m.filename)


def _from_zip(path: Path, suffix: str, wanted: NameFilter | None) -> Iterator[Document]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(str(path), f"unreadable ZIP: {exc}") from None
    with archive:
        for n, member in enumerate(_zip_members(archive, suffix), start=1):
            if wanted is not None and not wanted(_base_name(member.filename)):
                continue
            name = f"{path.name}:{member.filename}"
            try:
                content, error = archive.read(member), None
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
                # A bad CRC or a damaged member spoils that member only.
                content, error = b"", f"unreadable ZIP member: {exc}"
            yield Document(name=name, content=content, position=n, error=error)


def _from_tar(path: Path, suffix: str, wanted: NameFilter | None) -> Iterator[Document]:
    with path.open("rb") as raw, _open_tar(raw, path) as archive:
        yield from _tar_members(archive, raw, path, suffix, wanted)


def _open_tar(raw: BinaryIO, path: Path) -> tarfile.TarFile:
    try:
        # Stream mode ("r|*"): strictly front to back, no seeking, no member index.
        return tarfile.open(fileobj=raw, mode="r|*")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ArchiveError(str(path), f"unreadable tar archive: {exc}") from None


def _tar_members(
    archive: tarfile.TarFile, raw: BinaryIO, path: Path, suffix: str, wanted: NameFilter | None
) -> Iterator[Document]:
    while True:
        try:
            member = archive.next()
            if member is None:
                return
            content = _tar_content(archive, member, suffix, wanted)
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            # lzma/zlib errors are OSError or EOFError: the stream cannot go on.
            raise ArchiveError(str(path), f"damaged tar archive: {exc}") from None
        # The tar keeps every header it has read; dropping them keeps memory flat
        # however many members there are (stream mode never looks back).
        archive.members.clear()  # type: ignore[attr-defined]
        if content is not None:
            yield Document(name=f"{path.name}:{member.name}", content=content, position=raw.tell())


def _tar_content(
    archive: tarfile.TarFile, member: tarfile.TarInfo, suffix: str, wanted: NameFilter | None
) -> bytes | None:
    if not member.isfile() or not member.name.endswith(suffix):
        return None
    if wanted is not None and not wanted(_base_name(member.name)):
        return None
    stream = archive.extractfile(member)
    return stream.read() if stream is not None else None


def _is_tar(path: Path) -> bool:
    return path.name.endswith(_TAR_SUFFIXES)


def _base_name(member: str) -> str:
    return member.rsplit("/", 1)[-1]
