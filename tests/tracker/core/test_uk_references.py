"""UK Parliament references: the key offline, bills.parliament.uk addresses through the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracker.core.errors import UnknownReference
from tracker.core.references import resolve_reference
from tracker.core.setting_checks import BadSetting
from tracker.core.settings import Settings, load_settings


def _settings(base: str = "http://127.0.0.1:9") -> Settings:
    return Settings(uk_bills_base_url=base, min_request_interval=0, http_max_retries=0)


@pytest.mark.parametrize("text", ["uk-35-bill2818", "UK-35-BILL2818", "  uk-35-bill2818 "])
def test_the_key_needs_no_request(text: str) -> None:
    # The base URL answers nothing: a request would fail.
    found = resolve_reference(text, _settings())

    assert (found.ref.key, found.source) == ("uk-35-bill2818", "uk_parliament")


@pytest.mark.parametrize(
    "text",
    [
        "https://bills.parliament.uk/bills/2818",
        "https://bills.parliament.uk/bills/2818/stages",
        "bills.parliament.uk/bills/2818/publications",
        "uk bill 2818",
    ],
)
def test_addresses_read_the_session_from_the_api(text: str, httpserver: Any, test_data: Path):
    detail = json.loads((test_data / "uk-parliament" / "snommoc-bill-2818.json").read_text())
    httpserver.expect_request("/api/v1/Bills/2818").respond_with_json(detail)

    found = resolve_reference(text, _settings(httpserver.url_for("/").rstrip("/")))

    assert (found.ref.key, found.source) == ("uk-35-bill2818", "uk_parliament")


def test_an_address_the_api_cannot_answer_is_one_line_naming_the_key_form(httpserver: Any):
    httpserver.expect_request("/api/v1/Bills/3370").respond_with_data("busy", status=503)

    with pytest.raises(UnknownReference) as caught:
        resolve_reference(
            "https://bills.parliament.uk/bills/3370", _settings(httpserver.url_for("/"))
        )
    message = str(caught.value)
    assert "\n" not in message and "UK bill 3370" in message and "uk-SESSION-bill3370" in message


def test_federal_forms_and_refusals_are_unchanged() -> None:
    assert resolve_reference("hr4030-115", _settings()).source == "govinfo"
    with pytest.raises(UnknownReference, match="which Congress"):
        resolve_reference("H.R. 4030", _settings())


def test_the_uk_source_is_not_a_federal_source() -> None:
    with pytest.raises(BadSetting, match="congress_gov or govinfo"):
        load_settings(env={"TRACKER_FEDERAL_SOURCE": "uk_parliament"})
