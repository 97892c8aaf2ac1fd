"""Issue 13, item 4: SIGKILL during a 200-message delivery, repeated, repeats at most
one message per kill and loses none (Message-IDs counted at a real SMTP sink)."""

from __future__ import annotations

import random

import pytest

from tests.tracker.mail.delivery_kills import run_kill_drill

pytestmark = pytest.mark.slow

MESSAGES = 200
KILLS = 4


def test_killed_deliveries_repeat_at_most_one_message_per_kill(database_url, smtp):
    rng = random.Random(13)
    drill = run_kill_drill(
        database_url,
        smtp,
        queued=MESSAGES,
        kills=KILLS,
        # Killed right as the server accepts a message: the moment a repeat is likeliest.
        messages_before_kill=lambda: rng.randint(5, 30),
    )
    assert drill.kills == KILLS  # each kill landed mid-delivery
    assert drill.delivered == MESSAGES  # nothing lost
    assert drill.extra_copies <= drill.kills
