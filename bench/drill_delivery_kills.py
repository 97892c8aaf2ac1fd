"""Drill: SIGKILL ``tracker deliver`` again and again; how often does a message go out twice?

The figure behind the README's "repeat window" sentence (issue 13, item 4).
``tracker deliver`` runs as a real process against a real SMTP sink (aiosmtpd)
and a fresh SQLite database (or ``--database-url``); each run is killed once a
few more messages arrived, at a random moment up to ``--max-pause`` seconds
later (``--max-pause 0``: right as the server accepts one, the worst moment).
Then one run finishes the queue, and the Message-IDs at the sink are counted.

    .venv/bin/python bench/drill_delivery_kills.py                 # 30 kills, 1,000 messages
    .venv/bin/python bench/drill_delivery_kills.py --max-pause 0   # every kill at acceptance
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.tracker.mail.conftest import SmtpServer  # noqa: E402
from tests.tracker.mail.delivery_kills import run_kill_drill  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--max-pause", type=float, default=0.2, help="seconds (random, uniform)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--database-url", help="an EMPTY database (default: a new SQLite file)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sink = SmtpServer()
    sink.start()
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite:///{folder}/drill.db"
            drill = run_kill_drill(
                url,
                sink,
                queued=args.messages,
                kills=args.kills,
                messages_before_kill=lambda: rng.randint(5, 25),
                pause_before_kill=lambda: rng.uniform(0, args.max_pause),
            )
    finally:
        sink.stop()
    print(f"messages queued      {drill.queued}")
    print(f"delivered (distinct) {drill.delivered}")
    print(f"kills                {drill.kills}")
    print(f"sent twice           {drill.repeated} ({drill.extra_copies} extra copies)")
    print(f"repeats per kill     {drill.extra_copies / max(drill.kills, 1):.2f}")
    print(f"lost                 {drill.queued - drill.delivered}")
    print(f"wall time            {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
