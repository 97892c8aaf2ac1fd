"""The signed unsubscribe link of every email: GET confirms, POST applies, forgeries fail."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from werkzeug.test import Client

from db.models import Advocate
from tests.db_rows import add_advocate, add_tracked_bill, subscribe
from tracker.core.app import App
from tracker.core.settings import Settings
from tracker.mail.tokens import make_unsubscribe_token
from tracker.web.app import make_web_app

KEY = "test-signing-key-0123456789"


@pytest.fixture
def setup(migrated_url):
    app = App.from_settings(Settings(database_url=migrated_url, secret_key=KEY))
    with app.transaction() as s:
        advocate = add_advocate(s, "private.person@example.org", name="Private Person")
    yield app, advocate.id
    app.close()


def test_get_confirms_post_unsubscribes_and_shows_no_personal_data(setup):
    app, advocate_id = setup
    client = Client(make_web_app(app))
    token = make_unsubscribe_token(KEY, advocate_id)
    page = client.get(f"/unsubscribe?token={token}")
    assert page.status_code == 200 and b'method="post"' in page.data
    with app.sessions.begin() as s:
        assert s.get(Advocate, advocate_id).unsubscribed_at is None  # a GET changes nothing

    done = client.post("/unsubscribe", data={"token": token})
    assert done.status_code == 200 and b"no more" in done.data
    for body in (page.data, done.data):
        assert b"private.person" not in body and b"Private Person" not in body
    with app.sessions.begin() as s:
        assert s.scalars(select(Advocate.unsubscribed_at)).one() is not None


def test_one_click_post_with_the_token_in_the_url(setup):
    app, advocate_id = setup
    token = make_unsubscribe_token(KEY, advocate_id)
    response = Client(make_web_app(app)).post(
        f"/unsubscribe?token={token}", data={"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_token_is_refused(setup, method):
    app, advocate_id = setup
    forged = make_unsubscribe_token("another-key", advocate_id)
    client = Client(make_web_app(app))
    response = getattr(client, method)(f"/unsubscribe?token={forged}")
    assert response.status_code == 400 and b"not valid" in response.data
    with app.sessions.begin() as s:
        assert s.get(Advocate, advocate_id).unsubscribed_at is None


def test_without_a_signing_key_the_page_says_so(setup):
    app, _ = setup
    web = make_web_app(replace(app, settings=Settings(database_url=app.settings.database_url)))
    assert Client(web).get("/unsubscribe?token=x").status_code == 503


def test_the_confirmation_names_the_masked_address_and_what_stops(setup):
    app, advocate_id = setup
    with app.transaction() as s:
        bill = add_tracked_bill(s, "hr4030-115")
        sub = subscribe(s, s.get(Advocate, advocate_id), bill)
    client = Client(make_web_app(app))
    everything = client.get(f"/unsubscribe?token={make_unsubscribe_token(KEY, advocate_id)}")
    one_bill = client.get(f"/unsubscribe?token={make_unsubscribe_token(KEY, advocate_id, sub.id)}")
    for page in (everything, one_bill):
        assert page.status_code == 200
        assert b"p***@example.org" in page.data and b"private.person" not in page.data
    assert b"all email" in everything.data and b"Stop all email" in everything.data
    assert b"no alerts, no digests" in everything.data
    assert b"Stop email about H.R. 4030" in one_bill.data
    assert b"the other bills you follow goes on" in one_bill.data
    with app.sessions.begin() as s:
        assert s.get(Advocate, advocate_id).unsubscribed_at is None  # GETs change nothing
