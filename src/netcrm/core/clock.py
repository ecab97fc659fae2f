"""Time as the core sees it: one place that tests can set, so nothing ever sleeps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current local time, aware of its offset."""
    return datetime.now(UTC).astimezone()


def today(clock: Clock) -> date:
    """The user's calendar day according to `clock`."""
    return clock().date()


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward, e.g. `advance(days=1)`."""
        from datetime import timedelta

        self.now = self.now + timedelta(**delta)
