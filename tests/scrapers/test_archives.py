"""Reading documents out of folders, ZIPs and tar archives; GovInfo's bulk ZIP names."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from scrapers.archives import ArchiveError, iter_documents, read_deferred, source_size
from scrapers.sources.govinfo.bulk import BILL_TYPES, bulk_zip_url, name_filter
from tests.bulk_archives import make_tar, make_zip, real_files


def test_folder_zip_and_tar_give_the_same_documents(test_data, tmp_path):
    files = real_files(test_data)
    assert len(files) == 42
    root = test_data / "billstatus"
    sources = [
        root,
        make_zip(files, root, tmp_path / "bills.zip"),
        make_tar(files, root, tmp_path / "bills.tar.xz"),
        make_tar(files, root, tmp_path / "bills.tar.gz"),
    ]
    expected = sorted(f.read_bytes() for f in files)
    for source in sources:
        docs = list(iter_documents(source))
        assert sorted(d.content for d in docs) == expected, source.name
        assert all(d.error is None for d in docs)
        positions = [d.position for d in docs]
        assert positions == sorted(positions)
        assert positions[-1] <= source_size(source).total


def test_sizes_are_documents_or_compressed_bytes(test_data, tmp_path):
    files = real_files(test_data)
    root = test_data / "billstatus"
    assert source_size(root).total == 42
    assert source_size(make_zip(files, root, tmp_path / "b.zip")).unit == "documents"
    tar = make_tar(files[:3], root, tmp_path / "b.tar.xz")
    assert source_size(tar).unit == "bytes"
    assert source_size(tar).total == tar.stat().st_size


def test_a_damaged_zip_member_is_reported_and_the_rest_read(test_data, tmp_path):
    files = real_files(test_data)[:3]
    path = make_zip(files, test_data / "billstatus", tmp_path / "b.zip")
    with zipfile.ZipFile(path) as archive:
        victim = archive.infolist()[1]
        offset = victim.header_offset + 30 + len(victim.filename.encode()) + len(victim.extra)
    data = bytearray(path.read_bytes())
    data[offset + 10 : offset + 20] = b"\x00" * 10  # corrupt the compressed bytes
    path.write_bytes(bytes(data))
    docs = list(iter_documents(path))
    assert [d.error is not None for d in docs] == [False, True, False]
    assert victim.filename in docs[1].name


def test_a_truncated_tar_raises_after_what_it_could_read(test_data, tmp_path):
    files = real_files(test_data)
    path = make_tar(files, test_data / "billstatus", tmp_path / "b.tar.gz")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    read = []
    with pytest.raises(ArchiveError, match=r"b\.tar\.gz"):
        read.extend(iter_documents(path))
    assert 0 < len(read) < 42


def test_what_is_not_an_archive_is_refused(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(ArchiveError, match="not a folder, a ZIP"):
        iter_documents(other)
    with pytest.raises(ArchiveError, match="no such file"):
        iter_documents(tmp_path / "missing.zip")


def test_name_filter_reads_gpo_file_names(test_data):
    wanted = name_filter(congress=115, bill_types={"hr"})
    assert wanted is not None
    assert wanted("BILLSTATUS-115hr4030.xml")
    assert not wanted("BILLSTATUS-115s2952.xml")
    assert not wanted("BILLSTATUS-114hr1314.xml")
    assert wanted("DEV-BILLSTATUS-115hr302.xml")
    assert wanted("something-else.xml")  # the parsed bill decides
    assert name_filter() is None
    docs = list(iter_documents(test_data / "billstatus", wanted=wanted))
    assert {Path(d.name).name for d in docs} >= {"BILLSTATUS-115hr4030.xml"}
    assert all("115hr" in d.name for d in docs)


def test_bulk_zip_address_follows_govinfo_layout():
    assert (
        bulk_zip_url("https://www.govinfo.gov/", 115, "hr")
        == "https://www.govinfo.gov/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115-hr.zip"
    )
    assert BILL_TYPES == ("hr", "s", "hjres", "sjres", "hconres", "sconres", "hres", "sres")


def test_deferred_folder_files_read_as_the_eager_ones(test_data, tmp_path):
    """A bulk import's workers read a folder's files (``defer_files``): same documents."""
    folder = tmp_path / "bills"
    folder.mkdir()
    for path in real_files(test_data)[:5]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "BILLSTATUS-115hr9999.xml").write_bytes(b"x" * 2000)  # not XML: still read
    eager = list(iter_documents(folder, max_bytes=1500 * 1000))
    deferred = list(iter_documents(folder, max_bytes=1500 * 1000, defer_files=True))
    assert [d.content for d in deferred] == [b""] * 6
    assert all(d.path is not None for d in deferred)
    read = [read_deferred(d, max_bytes=1500 * 1000) for d in deferred]
    assert [(d.name, d.content, d.position, d.error) for d in read] == [
        (d.name, d.content, d.position, d.error) for d in eager
    ]
    small = [read_deferred(d, max_bytes=1000) for d in deferred]
    assert all(d.error and "1,000 bytes" in d.error and d.content == b"" for d in small)
    for d in eager:  # an archive's documents are read already: returned as they are
        assert read_deferred(d) is d
