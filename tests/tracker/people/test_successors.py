"""Successors on real bills: the same bill reintroduced in a later Congress.

Pairs found in the real documents (shared data and the 115th corpus):

- S. 469 (114th) "Women Veterans and Families Health Services Act of 2015", Sen.
  Murray, came back as S. 700 (115th) "... of 2017", Murray again; Rep. Larsen's
  H.R. 1681 (115th) has the same name (a House companion);
- H.R. 2566 (114th) "Improving Rural Call Quality and Reliability Act of 2015",
  Rep. Young, came back as H.R. 460 (115th), Young again; Sen. Klobuchar's S. 96
  (115th, enacted) has the same name;
- H.R. 6760 (115th) "Protecting Family and Small Business Tax Cuts Act of 2018",
  Rep. Rodney Davis, came back as H.R. 6658 (117th) "... of 2022", Davis again.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from scrapers.sources.govinfo import parse_billstatus
from tests.db_rows import add_tracked_bill
from tracker.checking.store import apply_snapshot
from tracker.people.successors import MatchKind, find_successor, title_stem

SHARED = {
    "s469-114": "usgpo-samples/legacy/BILLSTATUS-114s469.xml",
    "hr2566-114": "usgpo-samples/legacy/BILLSTATUS-114hr2566.xml",
    "hr3762-114": "usgpo-samples/legacy/BILLSTATUS-114hr3762.xml",
    "hr6658-117": "usgpo-samples/formatChange/future/BILLSTATUS-117hr6658.xml",
    "hr4030-115": "govinfo-115/BILLSTATUS-115hr4030.xml",
}
CORPUS = ("hr1681", "s700", "hr460", "s96", "hr6760", "hr4396", "s2159")


@pytest.fixture(scope="module")
def documents(test_data, corpus_tarball) -> dict[str, bytes]:
    found = {key: (test_data / "billstatus" / path).read_bytes() for key, path in SHARED.items()}
    wanted = {f"BILLSTATUS-115{b}.xml": f"{b}-115" for b in CORPUS}
    with tarfile.open(corpus_tarball, "r|xz") as archive:
        for member in archive:
            key = wanted.get(Path(member.name).name)
            if key:
                found[key] = archive.extractfile(member).read()  # type: ignore[union-attr]
            if len(found) == len(SHARED) + len(CORPUS):
                break
    return found


def _store(session, documents, *keys):
    bills = {}
    for key in keys:
        bill = add_tracked_bill(session, key)
        apply_snapshot(session, bill, parse_billstatus(documents[key], where=key), fingerprint="x")
        bills[key] = bill
    session.flush()
    return bills


def test_the_same_sponsor_and_name_wins_over_a_companion(session, documents):
    bills = _store(session, documents, "s469-114", "s700-115", "hr1681-115")
    found = find_successor(session, bills["s469-114"])
    assert (found.key, found.match, found.citation, found.congress) == (
        "s700-115",
        MatchKind.SPONSOR,
        "S. 700",
        "115th",
    )
    assert found.words == "reintroduced as S. 700 in the 115th Congress"


def test_a_name_alone_finds_the_companion(session, documents):
    bills = _store(session, documents, "s469-114", "hr1681-115")
    found = find_successor(session, bills["s469-114"])
    assert (found.key, found.match) == ("hr1681-115", MatchKind.TITLE)


def test_the_house_bill_comes_back_in_the_house(session, documents):
    bills = _store(session, documents, "hr2566-114", "s96-115", "hr460-115")
    found = find_successor(session, bills["hr2566-114"])
    assert (found.key, found.match) == ("hr460-115", MatchKind.SPONSOR)


def test_a_congress_may_be_skipped_and_the_year_differs(session, documents):
    bills = _store(session, documents, "hr6760-115", "hr6658-117")
    found = find_successor(session, bills["hr6760-115"])
    assert (found.key, found.match, found.congress) == ("hr6658-117", MatchKind.SPONSOR, "117th")
    assert find_successor(session, bills["hr6658-117"]) is None  # never backwards


def test_no_successor_in_the_same_congress_or_without_a_name(session, documents):
    bills = _store(
        session, documents, "hr4396-115", "s2159-115", "hr4030-115", "hr3762-114", "hr6658-117"
    )
    # H.R. 4396 and S. 2159 are both the "ME TOO Congress Act", both of the 115th.
    assert find_successor(session, bills["hr4396-115"]) is None
    assert find_successor(session, bills["hr4030-115"]) is None
    # "To provide for reconciliation ..." has no short title: only its sponsor could match.
    assert find_successor(session, bills["hr3762-114"]) is None


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Women Veterans and Families Health Services Act of 2015",
         "Women Veterans and Families Health Services Act of 2017", True),
        ("ME TOO Congress Act", "ME TOO Act", False),
        ("Title IX Protection Act.", "title ix protection act", True),
        ("Act of 1995 Reform Act", "Act of 1995 Reform Act of 2018", True),
    ],
)  # fmt: skip
def test_the_stem_sets_aside_case_punctuation_and_the_year(one, other, same):
    assert (title_stem(one) == title_stem(other)) is same
