"""SIGKILL during delivery, again and again: how many messages go out twice.

Shared by the test (a few kills) and ``bench/drill_delivery_kills.py`` (the
README figure). ``tracker deliver`` runs as a real process against a real
SMTP sink (aiosmtpd); it is killed once some new messages arrived, its leases
are left to run out, and the next run carries on. In the end every message
must be at the sink, and a Message-ID seen twice is a repeat.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path

from db import migrate
from db.engine import make_engine, make_session_factory
from tests.tracker.mail.builders import add_advocate, add_alert, add_bill, add_event, passed_house
from tests.tracker.mail.builders import subscribe as add_subscription
from tests.tracker.mail.conftest import SECRET, SmtpServer

REPO = Path(__file__).resolve().parents[3]
#: The shortest lease there is: a killed run's messages are free again 1 s later.
LEASE_SECONDS = 1
_CODE = "import sys; from tracker.cli import main; main(sys.argv[1:])"


@dataclass(frozen=True)
class KillDrill:
    queued: int
    kills: int
    message_ids: Counter[str]  # Message-ID -> copies the sink received

    @property
    def delivered(self) -> int:
        return len(self.message_ids)

    @property
    def repeated(self) -> int:
        """Messages that arrived more than once."""
        return sum(1 for copies in self.message_ids.values() if copies > 1)

    @property
    def extra_copies(self) -> int:
        return sum(copies - 1 for copies in self.message_ids.values())


def queue_alerts(url: str, count: int) -> None:
    """``count`` pending alerts, one per advocate, about one bill's move (a fresh database)."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    try:
        with sessions.begin() as s:
            bill = add_bill(s)
            event = add_event(s, bill, passed_house())
            for i in range(count):
                advocate = add_advocate(s, email=f"advocate{i}@example.org")
                add_alert(s, advocate, event, add_subscription(s, advocate, bill))
    finally:
        engine.dispose()


def deliver_env(url: str, smtp_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    return env | {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_SMTP_URL": smtp_url,
        "TRACKER_SECRET_KEY": SECRET,
        "TRACKER_MAIL_FROM": "Bill Tracker <alerts@tracker.example.org>",
        "TRACKER_PUBLIC_URL": "https://tracker.example.org",
        "TRACKER_LEASE_SECONDS": str(LEASE_SECONDS),
        "TRACKER_CHECK_BILL_TIMEOUT": str(LEASE_SECONDS / 2),  # within the short lease
    }


def _deliver(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", _CODE, "deliver"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_kill_drill(
    url: str,
    sink: SmtpServer,
    *,
    queued: int,
    kills: int,
    messages_before_kill: Callable[[], int],
    pause_before_kill: Callable[[], float] = lambda: 0.0,
) -> KillDrill:
    """Kill ``tracker deliver`` up to ``kills`` times, then let one run finish.

    Each run is killed once ``messages_before_kill()`` more messages reached the
    sink, after ``pause_before_kill()`` seconds more (0: at once, right when the
    server has just accepted one, the worst moment). Fewer kills are made when
    the mail is all out before.
    """
    queue_alerts(url, queued)
    env = deliver_env(url, sink.url)
    made = 0
    for _ in range(kills):
        target = len(sink.messages) + messages_before_kill()
        run = _deliver(env)
        while len(sink.messages) < target and run.poll() is None:
            time.sleep(0.001)
        time.sleep(pause_before_kill())
        if run.poll() is not None:
            break  # everything went out before the kill
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        made += 1
        time.sleep(LEASE_SECONDS + 0.1)  # the dead run's claims expire
    last = _deliver(env)
    if last.wait(timeout=120) != 0:
        raise AssertionError(f"the last delivery run exited {last.returncode}")
    ids: Counter[str] = Counter(
        str(message_from_bytes(m.content, policy=policy.default)["Message-ID"])
        for m in sink.messages
    )
    return KillDrill(queued=queued, kills=made, message_ids=ids)
