"""A person's view: a real headless browser opens the bill list and a bill page.

Debian's chromium, no JavaScript needed; ``--dump-dom`` gives the DOM as the
browser built it. Console messages go to stderr, so a Content-Security-Policy
violation (a blocked style sheet, an inline style) is caught too. Skipped, with
the reason, where no browser is installed.
"""

from __future__ import annotations

import shutil
import subprocess

import lxml.html
import pytest

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def _open(url, profile):
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Content Security Policy" not in done.stderr, done.stderr[-2000:]
    return lxml.html.fromstring(done.stdout)


def _text(node):
    return " ".join(node.text_content().split())


@pytest.mark.skipif(BROWSER is None, reason="no chromium installed (apt-get install chromium)")
def test_an_advocate_finds_the_bill_and_whom_to_call(served, tmp_path):
    if served.filled.url.startswith("postgresql"):
        pytest.skip("one browser run (on SQLite) is enough: the pages are the same")
    listing = _open(f"{served.base}/", tmp_path / "profile")
    assert _text(listing.cssselect("h1")[0]) == "Tracked bills"
    link = next(a for a in listing.cssselect("li.bill h2 a") if _text(a) == "H.R. 4030")
    assert link.get("href") == "/bills/hr4030-115"

    page = _open(
        f"{served.base}{link.get('href')}?state=CA&district=12&stance=support",
        tmp_path / "profile",
    )
    assert _text(page.cssselect("h1")[0]) == "H.R. 4030 Title IX Protection Act"
    # Seen today, the bill died with the 115th Congress: the page says so and asks nobody
    # (live moments are covered by tests/tracker/people/test_moment_table.py).
    now = _text(page.cssselect("section.now")[0])
    assert "Died at the end of the 115th Congress, January 3, 2019." in now
    assert "it reached: In committee (October 12, 2017)" in now
    assert page.cssselect("figure.chart svg circle")
    assert not page.cssselect("article.official")
    assert "Nobody to call" in _text(page.cssselect("p.nobody")[0])
