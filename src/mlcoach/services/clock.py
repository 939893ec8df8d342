"""Time for services: injected in tests, the real clock otherwise. Days roll over at 04:00 local time,
as in Anki, so a late-night session counts toward the day it belongs to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

DAY_STARTS_AT_HOUR = 4


def utcnow() -> datetime:
    return datetime.now(UTC)


def day_start(now: datetime) -> datetime:
    local = now.astimezone()
    start = local.replace(hour=DAY_STARTS_AT_HOUR, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return start.astimezone(UTC)
