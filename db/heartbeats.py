"""Daemon heartbeats: one row per daemon, touched on every tick."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import DaemonHeartbeat


def start_heartbeat(
    session: Session, *, daemon_id: str, hostname: str, pid: int, now: datetime
) -> None:
    session.add(
        DaemonHeartbeat(id=daemon_id, hostname=hostname, pid=pid, started_at=now, last_tick_at=now)
    )


def beat(session: Session, *, daemon_id: str, kind: str, now: datetime) -> None:
    row = session.get(DaemonHeartbeat, daemon_id)
    if row is not None:
        row.last_tick_at = now
        row.last_tick_kind = kind


def stop_heartbeat(session: Session, *, daemon_id: str, now: datetime) -> None:
    row = session.get(DaemonHeartbeat, daemon_id)
    if row is not None:
        row.stopped_at = now


def recent_daemons(session: Session, *, now: datetime, within: timedelta) -> list[DaemonHeartbeat]:
    """Daemons that ticked within ``within`` or have not said they stopped."""
    query = (
        select(DaemonHeartbeat)
        .where(
            (DaemonHeartbeat.last_tick_at >= now - within) | DaemonHeartbeat.stopped_at.is_(None)
        )
        .order_by(DaemonHeartbeat.last_tick_at.desc())
    )
    return list(session.scalars(query))
