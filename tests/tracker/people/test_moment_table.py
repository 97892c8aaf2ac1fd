"""The moment table (issue 18) over real documents, for an advocate in CA-12.

Each row is a real BILLSTATUS file, seen at a fixed clock (the documents' time,
with the officials of the 2017 legislators snapshot; today's data for a bill
seen today). Recorded positions are hand-made on top of the real bill, for real
members (the votes part of the tracker fills them in production). Every row
says who is asked, who is thanked, and that no script asks for a vote that
already happened. The same rows drive the command line (``advocates contacts
--json``), the web page's "whom to call" form and a real alert (bytes read back from a real SMTP
server), and
all three must say the same as the moment module.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from werkzeug.test import Client

from db.engine import make_engine
from db.models import Advocate, Bill
from scrapers.sources.govinfo import parse_billstatus
from tests.db_rows import add_advocate, add_tracked_bill
from tests.db_rows import subscribe as db_subscribe
from tests.tracker.mail.builders import add_event, sample_events
from tests.tracker.mail.conftest import SmtpServer
from tests.tracker.people._legislators import parsed
from tracker.checking.store import apply_snapshot
from tracker.core.app import App
from tracker.core.settings import load_settings
from tracker.mail.alert_email import render_alert
from tracker.mail.calls import CallPlanner
from tracker.mail.compose import latest_actions
from tracker.mail.message import Outgoing, build_message, message_id_for
from tracker.mail.smtp import SmtpMailer
from tracker.people.contacts import ContactAction, call_plan, call_script, script_title
from tracker.people.moment import MomentKind, Position, RecordedVote
from tracker.people.officials import store_officials
from tracker.web import make_web_app

PELOSI, FEINSTEIN, HARRIS = "P000197", "F000062", "H001075"
SNAPSHOT, CURRENT = "snapshot-2017-09-28", "current"
EMAIL = "advocate@example.org"
#: What a script may never say to a member whose chamber already voted.
_VOTE_ASK = re.compile(r"\bvote (?:yes|no)\b|\bcosponsor it\b|\bto support it\b", re.I)


@dataclass(frozen=True)
class Row:
    key: str
    path: str  # under billstatus/
    legislators: str
    on: date  # the clock
    kind: MomentKind
    asked: dict[str, set[str]]  # stance -> bioguide ids asked (incl. "" for the White House)
    thanked: dict[str, set[str]]  # stance -> bioguide ids thanked
    votes: tuple[RecordedVote, ...] = ()
    words: dict[str, str] = field(default_factory=dict)  # stance -> words every ask says


ROWS = [
    Row(
        key="hr1865-115",  # FOSTA, Public Law 115-164; both chambers voted on the record
        path="govinfo-115/BILLSTATUS-115hr1865.xml",
        legislators=SNAPSHOT,
        on=date(2018, 4, 12),
        kind=MomentKind.ENACTED,
        votes=(
            RecordedVote(
                chamber="house",
                on=date(2018, 2, 27),
                question="On Passage",
                result="Passed",
                positions={PELOSI: Position.YEA},
            ),
            RecordedVote(
                chamber="senate",
                on=date(2018, 3, 21),
                question="On Passage of the Bill",
                result="Bill Passed",
                positions={FEINSTEIN: Position.YEA, HARRIS: Position.YEA},
            ),
        ),
        asked={"support": set(), "oppose": set()},
        thanked={"support": {PELOSI, FEINSTEIN, HARRIS}, "oppose": set()},
    ),
    Row(
        key="hr4924-115",  # passed the House 2018-02-06, referred to Senate HSGAC
        path="govinfo-115/BILLSTATUS-115hr4924.xml",
        legislators=SNAPSHOT,
        on=date(2018, 2, 8),
        kind=MomentKind.PASSED_CHAMBER,
        votes=(
            RecordedVote(
                chamber="house",
                on=date(2018, 2, 6),
                question="On Motion to Suspend the Rules and Pass",
                result="Passed",
                positions={PELOSI: Position.YEA},
            ),
        ),
        asked={"support": {FEINSTEIN, HARRIS}, "oppose": {FEINSTEIN, HARRIS}},
        thanked={"support": {PELOSI}, "oppose": set()},
        words={"support": "vote yes on it", "oppose": "vote no on it"},
    ),
    Row(
        key="s2979-115",  # in Senate Appropriations (Feinstein) and Budget (Harris)
        path="usgpo-samples/actions-committees/BILLSTATUS-115s2979.xml",
        legislators=SNAPSHOT,
        on=date(2018, 5, 25),
        kind=MomentKind.IN_COMMITTEE,
        asked={"support": {FEINSTEIN, HARRIS}, "oppose": {FEINSTEIN, HARRIS}},
        thanked={"support": set(), "oppose": set()},
        words={"support": "press for a hearing and a vote", "oppose": "oppose it"},
    ),
    Row(
        key="hr4030-115",  # the Title IX Protection Act, seen today: died with the 115th
        path="govinfo-115/BILLSTATUS-115hr4030.xml",
        legislators=CURRENT,
        on=date(2026, 6, 16),
        kind=MomentKind.DEAD,
        asked={"support": set(), "oppose": set()},
        thanked={"support": set(), "oppose": set()},
    ),
    Row(
        key="hr3762-114",  # vetoed 2016-01-08, the 114th still in session
        path="usgpo-samples/legacy/BILLSTATUS-114hr3762.xml",
        legislators=SNAPSHOT,
        on=date(2016, 1, 9),
        kind=MomentKind.VETOED,
        asked={"support": {PELOSI, FEINSTEIN, HARRIS}, "oppose": {PELOSI, FEINSTEIN, HARRIS}},
        thanked={"support": set(), "oppose": set()},
        words={"support": "override the veto", "oppose": "sustain the veto"},
    ),
    Row(
        key="sres44-115",  # a simple resolution agreed to in the Senate
        path="govinfo-115/BILLSTATUS-115sres44.xml",
        legislators=SNAPSHOT,
        on=date(2017, 2, 11),
        kind=MomentKind.ENACTED,
        asked={"support": set(), "oppose": set()},
        thanked={"support": set(), "oppose": set()},  # set per the file's cosponsors below
    ),
]


@pytest.fixture(params=ROWS, ids=[r.key for r in ROWS])
def row(request):
    return request.param


@pytest.fixture
def filled(row, migrated_url, test_data):
    """A committed database holding the row's bill, its officials and the advocate."""
    engine = make_engine(migrated_url)
    at = datetime.combine(row.on, datetime.min.time(), tzinfo=UTC)
    with Session(engine) as session:
        store_officials(session, parsed(test_data / "legislators" / row.legislators), now=at)
        bill = add_tracked_bill(session, row.key, now=at)
        content = (test_data / "billstatus" / row.path).read_bytes()
        snapshot = parse_billstatus(content, where=row.path)
        apply_snapshot(session, bill, snapshot, fingerprint="real")
        add_advocate(session, EMAIL, state="CA", district=12)
        session.commit()
    engine.dispose()
    return migrated_url


def _plan(url, row, stance):
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            bill = session.query(Bill).filter_by(key=row.key).one()
            plan = call_plan(session, state="CA", district=12, bill=bill, stance=stance,
                             today=row.on, votes=row.votes)  # fmt: skip
            title = script_title(bill)
            scripts = {
                s.bioguide_id: call_script(s, title, _citation(row.key), stance)
                for s in plan.suggestions
            }
            return plan, scripts
    finally:
        engine.dispose()


def _citation(key):
    from scrapers.refs import citation, parse_federal_ref

    return citation(parse_federal_ref(key))


@pytest.mark.parametrize("stance", ["support", "oppose"])
def test_who_is_asked_and_who_is_thanked(filled, row, stance):
    plan, scripts = _plan(filled, row, stance)
    assert plan.moment.kind is row.kind
    asking = {ContactAction.ASK, ContactAction.URGE_OPPOSE, ContactAction.URGE_WITHDRAW}
    asked = {s.bioguide_id for s in plan.suggestions if s.action in asking}
    thanked = {s.bioguide_id for s in plan.suggestions if s.action is ContactAction.THANK}
    expected_thanks = row.thanked[stance]
    if row.key == "sres44-115" and stance == "support":
        expected_thanks = _ca_backers(filled, row)
    assert asked | (thanked & _asked_chambers(plan, row)) >= row.asked[stance]
    assert {b for b in asked | thanked if b} - row.asked[stance] == expected_thanks - asked
    for s in plan.suggestions:
        script = scripts[s.bioguide_id]
        if s.chamber not in plan.moment.asked:  # voted already, or final: never "vote yes"
            assert not _VOTE_ASK.search(script), script
        if row.words.get(stance) and s.chamber in plan.moment.asked:
            assert row.words[stance] in script, script
        assert ".." not in script and ". ." not in script


def _asked_chambers(plan, row):
    return {s.bioguide_id for s in plan.suggestions if s.chamber in plan.moment.asked}


def _ca_backers(url, row):
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            from db.models import Cosponsor

            bill = session.query(Bill).filter_by(key=row.key).one()
            ids = {c.bioguide_id for c in session.query(Cosponsor).filter_by(bill_id=bill.id)}
            ids.add(bill.sponsor_bioguide_id)
            return ids & {FEINSTEIN, HARRIS}
    finally:
        engine.dispose()


def test_the_rows_say_what_the_issue_says(filled, row):
    """Spot checks in plain words: committee seats named, the dead bill's date."""
    plan, _scripts = _plan(filled, row, "support")
    if row.key == "s2979-115":
        seats = {s.bioguide_id: s.committee for s in plan.suggestions}
        assert "Appropriations" in seats[FEINSTEIN] and "Budget" in seats[HARRIS]
        assert PELOSI not in seats  # the House has nothing to do with it now
    if row.key == "hr4030-115":
        assert plan.suggestions == ()
        assert plan.moment.headline == "Died at the end of the 115th Congress, January 3, 2019."
    if row.key == "hr4924-115":
        assert "voted yes in the House on February 6, 2018" in " ".join(
            next(s for s in plan.suggestions if s.bioguide_id == PELOSI).reasons
        )
        assert plan.suggestions[0].bioguide_id == HARRIS  # sits on HSGAC, which holds it


# --- the same table through the three faces ---------------------------------------------


def _faces_of(plan, scripts):
    """(who, script lines) per call, as the moment module gives them."""
    return [(s.name, tuple(scripts[s.bioguide_id].splitlines())) for s in plan.suggestions]


@pytest.mark.parametrize("stance", ["support", "oppose"])
def test_cli_web_and_email_say_the_same(filled, row, stance, run_cli, monkeypatch):
    # The faces have no recorded votes yet (the votes part of the tracker will store
    # them): they fall back to sponsors and cosponsors, and so does the expectation.
    plan, scripts = _plan(filled, replace(row, votes=()), stance)
    expected = _faces_of(plan, scripts)

    shown = run_cli("advocates", "contacts", EMAIL, row.key, "--stance", stance, "--as-of",
                    row.on.isoformat(), "--json", env={"TRACKER_DATABASE_URL": filled})  # fmt: skip
    assert shown.exit_code == 0, shown.stderr
    import json

    data = json.loads(shown.stdout)
    assert data["moment"] == row.kind.value
    assert [(c["name"], tuple(c["script"].splitlines())) for c in data["calls"]] == expected

    assert _web(filled, row, stance) == expected
    assert _email(filled, row, stance) == [script for _, script in expected if script]


def _web(url, row, stance):
    settings = load_settings(config_path=None)
    settings = type(settings)(**{**_fields(settings), "database_url": url})
    at = datetime.combine(row.on, datetime.min.time(), tzinfo=UTC)
    app = App.from_settings(settings, clock=lambda: at)
    try:
        client = Client(make_web_app(app))
        page = client.get(f"/bills/{row.key}?state=CA&district=12&stance={stance}").text
    finally:
        app.close()
    calls = re.findall(r'<article class="official">(.*?)</article>', page, re.S)
    found = []
    for call in calls:
        head = re.search(r"<h3>\d+\. (.*?)</h3>", call, re.S).group(1)
        name = html.unescape(re.sub(r"<[^>]+>|\([^)]*\)", "", head)).split(" ", 1)
        script = re.search(r'<pre class="script">(.*?)</pre>', call, re.S)
        lines = tuple(html.unescape(script.group(1)).splitlines()) if script else ()
        found.append((_strip_title(" ".join(name)), lines))
    return found


def _strip_title(text):
    text = " ".join(text.split())
    for title in ("Sen. ", "Rep. ", "Del. "):
        if text.startswith(title):
            return text[len(title) :]
    return text


def _fields(settings):
    from dataclasses import fields

    return {f.name: getattr(settings, f.name) for f in fields(settings)}


def _email(url, row, stance):
    """The scripts of a real alert about the row's bill, read from the bytes that reached
    a real SMTP server."""
    engine = make_engine(url)
    server = SmtpServer()
    server.start()
    try:
        with Session(engine) as session:
            rendered, advocate, at = _alert(session, row, stance)
            message = build_message(
                Outgoing(to_email=advocate.email, to_name=advocate.name,
                         subject=rendered.subject, text=rendered.text, html=rendered.html,
                         message_id=message_id_for(f"alert:{row.key}", "t@tracker.example"),
                         created_at=at, unsubscribe_url="https://tracker.example/u"),
                mail_from="Bill Tracker <t@tracker.example>",
            )  # fmt: skip
            session.rollback()
        with SmtpMailer.from_url(server.url, mail_from="t@tracker.example") as mailer:
            mailer.send(message)
        (received,) = server.messages
    finally:
        server.stop()
        engine.dispose()
    text = received.message.get_body(preferencelist=("plain",)).get_content()
    text = text.replace("\r\n", "\n")
    blocks = re.findall(r"What to say:\n((?:    .*\n)+)", text)
    return [tuple(line.strip() for line in b.splitlines()) for b in blocks]


def _alert(session, row, stance):
    bill = session.query(Bill).filter_by(key=row.key).one()
    advocate = session.query(Advocate).filter_by(email=EMAIL).one()
    at = datetime.combine(row.on, datetime.min.time(), tzinfo=UTC)
    sub = db_subscribe(session, advocate, bill, stance=stance)
    event = add_event(session, bill, sample_events(row.key)["stage_changed"], detected_at=at)
    rendered = render_alert(
        advocate=advocate, events=[event], bill=bill, subscription=sub, reason=None,
        actions=latest_actions(session, [bill.id]).get(bill.id, ()),
        calls=CallPlanner(session, today=row.on), public_url="https://tracker.example",
        secret_key="test-secret",
    )  # fmt: skip
    return rendered, advocate, at


def test_the_moment_module_is_the_one_place(test_data):
    """No face re-derives the ask: only tracker/people decides the words."""
    root = Path(__file__).resolve().parents[3] / "tracker"
    for face in ("cli", "web", "mail"):
        for path in (root / face).rglob("*.py"):
            text = path.read_text()
            assert "vote yes" not in text and "vote no" not in text, path
