"""Bounded reading: oversized and bomb-like members are named and skipped, memory stays flat.

Real BILLSTATUS documents beside hostile members made here: a 48 MiB ZIP member
and a 96 MiB tar member of zeros (a few hundred KB compressed), a member whose
name holds a newline. A skipped ZIP member is never inflated; a tar stream
must be inflated to skip a member, which Python's tarfile does a block at a
time, so its peak stays far below the member's size.
"""

from __future__ import annotations

import io
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from scrapers.archives import iter_documents, printable
from tests.bulk_archives import real_files

BIG = 48 * 1024 * 1024
HUGE = 96 * 1024 * 1024
LIMIT = 32 * 1024 * 1024


class _Zeros(io.RawIOBase):
    """``size`` zero bytes, produced as they are read (never held whole)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


def _hostile_zip(path: Path, real: Path) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(real, real.name)
        with archive.open("bomb.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(BIG // len(chunk)):
                member.write(chunk)
    return path


def _hostile_tar(path: Path, real: Path) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        archive.add(real, real.name)
        info = tarfile.TarInfo("huge.xml")
        info.size = HUGE
        archive.addfile(info, io.BufferedReader(_Zeros(HUGE)))
        name = tarfile.TarInfo("evil\nfailed: everything.xml")
        data = real.read_bytes()
        name.size = len(data)
        archive.addfile(name, io.BytesIO(data))
    return path


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_an_oversized_member_is_named_and_skipped_with_memory_bounded(test_data, tmp_path, kind):
    real = real_files(test_data)[0]
    make = _hostile_zip if kind == "zip" else _hostile_tar
    archive = make(tmp_path / f"hostile.{kind}", real)
    assert archive.stat().st_size < 1024 * 1024  # a small archive that inflates past the limit
    tracemalloc.start()
    try:
        docs = list(iter_documents(archive, max_bytes=LIMIT))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    by_name = {d.name.split(":", 1)[1]: d for d in docs}
    assert by_name[real.name].content == real.read_bytes() and by_name[real.name].error is None
    bad = by_name["bomb.xml" if kind == "zip" else "huge.xml"]
    assert bad.content == b"" and "over the limit of 33,554,432 bytes per document" in bad.error
    bound = 8 * 1024 * 1024 if kind == "zip" else HUGE * 2 // 3
    assert peak < bound, f"peak {peak:,} bytes"  # the member was never held whole


def test_a_member_that_inflates_too_much_is_refused_unread(tmp_path):
    path = tmp_path / "ratio.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.xml", bytes(4 * 1024 * 1024))
    (doc,) = iter_documents(path, max_bytes=LIMIT)
    assert doc.content == b"" and "a decompression bomb?" in (doc.error or "")


def test_a_newline_in_a_member_name_cannot_fake_a_line(test_data, tmp_path):
    archive = _hostile_tar(tmp_path / "names.tar.gz", real_files(test_data)[0])
    names = [d.name for d in iter_documents(archive)]
    assert "names.tar.gz:evil\\nfailed: everything.xml" in names
    assert all("\n" not in n for n in names)
    assert printable("a\tb\x1bc") == "a\\tb\\x1bc"


def test_a_folder_file_over_the_limit_is_skipped(test_data, tmp_path):
    (tmp_path / "big.xml").write_bytes(b"<x/>" * 1000)
    (doc,) = iter_documents(tmp_path, max_bytes=1024)
    assert doc.content == b"" and "4,000 bytes, over the limit of 1,024" in (doc.error or "")
