"""Relationships as a service subject: strength, its reasons, dates on contacts, and the Today agenda.

The GUI and `netcrm-cli today` both call this; scoring every contact is one SQL pass (a worker's job in the
app), one contact's score after an edit reads that contact only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from netcrm.core import agenda, rules, strength
from netcrm.core.agenda import Agenda, DateOnContact
from netcrm.core.changes import Changed, Changes
from netcrm.core.clock import Clock, system_clock
from netcrm.core.errors import NotFoundError, ValidationError
from netcrm.core.model import LapsedContact
from netcrm.core.store import relationships as sql
from netcrm.core.store import repos
from netcrm.core.store.store import Store
from netcrm.core.strength import Score

SNOOZE_SETTING = "today.snoozed"
BIRTHDAY = "birthday"


@dataclass(frozen=True, slots=True)
class Strength:
    """A contact's strength and the reasons for it, in words."""

    contact_id: int
    score: int
    reasons: str
    going_cold: bool = False


@dataclass(frozen=True, slots=True)
class ContactDate:
    """A date on a contact, as `show --json` lists it: `date` is YYYY-MM-DD, or --MM-DD without a year."""

    id: int
    contact_id: int
    label: str
    month: int
    day: int
    year: int | None = None

    @property
    def text(self) -> str:
        """YYYY-MM-DD, or --MM-DD (vCard's spelling of a date without a year)."""
        return (
            f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            if self.year
            else f"--{self.month:02d}-{self.day:02d}"
        )


def parse_date_text(text: str) -> tuple[int, int, int | None]:
    """'1990-02-28', '--02-29' or '02-29' as (month, day, year or None); a ValidationError otherwise."""
    value = text.strip()
    try:
        if value.startswith("--"):
            value = value[2:]
        if len(value) == 5 and value[2] == "-":
            month, day = int(value[:2]), int(value[3:])
            date(2000, month, day)  # a leap year: Feb 29 is a day of the year
            return month, day, None
        full = date.fromisoformat(value)
        return full.month, full.day, full.year
    except ValueError:
        raise ValidationError("date", f"not a date: {text!r} (use YYYY-MM-DD or --MM-DD)") from None


class RelationshipsService:
    """Strength, dates and Today (issue 19)."""

    def __init__(
        self,
        store: Store,
        clock: Clock = system_clock,
        lapsed: Callable[[], list[LapsedContact]] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self._lapsed = lapsed or (lambda: [])

    def _today(self) -> date:
        return self.clock().date()

    def _offset(self) -> timedelta:
        return self.clock().utcoffset() or timedelta(0)

    # -- strength -----------------------------------------------------------------------------------

    def scores(self) -> dict[int, Score]:
        """Every live contact's score (no entry: 0, nothing logged); one pass over all interactions."""
        with self.store.read() as conn:
            return sql.scores(conn, self._today(), self._offset())

    def scores_of(self, ids: Sequence[int]) -> dict[int, Score]:
        """The given contacts' scores only (after an edit touched them)."""
        with self.store.read() as conn:
            found = sql.tallies(conn, self._today(), ids, self._offset())
        return {cid: t.light() for cid, t in found.items()}

    def strength(self, contact_id: int) -> Strength:
        """One contact's score with its reasons ("3 messages in the last month, you reached out last")."""
        return self.strengths([contact_id])[contact_id]

    def strengths(self, ids: Sequence[int]) -> dict[int, Strength]:
        """Several contacts' scores with their reasons (a contact without events scores 0)."""
        today = self._today()
        with self.store.read() as conn:
            live = set(repos.live_ids(conn, ids))
            found = sql.tallies(conn, today, ids, self._offset())
        missing = sorted(set(ids) - live)
        if missing:
            raise NotFoundError(f"no contact with id {missing[0]}")
        return {
            cid: Strength(cid, t.score, strength.reasons(t, today), t.going_cold(today))
            for cid in ids
            for t in [found.get(cid) or strength.Tally(cid)]
        }

    def going_cold_ids(self) -> list[int]:
        """The "Going cold" smart list: strong half a year ago, silent for months; coldest first."""
        today = self._today()
        cold = [(s.score_then, cid) for cid, s in self.scores().items() if s.going_cold(today)]
        return [cid for _, cid in sorted(cold, key=lambda x: (-x[0], x[1]))]

    # -- dates on contacts ---------------------------------------------------------------------------

    def list_dates(self, contact_id: int | None = None) -> list[ContactDate]:
        """Dates on one contact (or all), by day of the year."""
        with self.store.read() as conn:
            rows = sql.dates_on_contacts(conn, contact_id)
        return [ContactDate(int(r[0]), int(r[1]), r[3], int(r[4]), int(r[5]), r[6]) for r in rows]

    def add_date(self, contact_id: int, label: str, text: str) -> Changed[ContactDate]:
        """Put a date on a contact: `text` is YYYY-MM-DD or --MM-DD (no year); label 'birthday' or any."""
        month, day, year = parse_date_text(text)
        name = rules.clean_text(label).casefold() if rules.clean_text(label).casefold() == BIRTHDAY else None
        clean = name or rules.clean_text(label)
        if not clean:
            raise ValidationError("label", "a date needs a label (birthday, work anniversary, met at...)")
        with self.store.write() as conn:
            if not repos.live_ids(conn, [contact_id]):
                raise NotFoundError(f"no contact with id {contact_id}")
            did = sql.insert_date(conn, contact_id, clean, month, day, year)
        return Changed(
            ContactDate(did, contact_id, clean, month, day, year), Changes.of(contacts=[contact_id])
        )

    def remove_date(self, date_id: int) -> Changes:
        """Take a date off its contact."""
        with self.store.write() as conn:
            cid = sql.delete_date(conn, date_id)
        if cid is None:
            raise NotFoundError(f"no date with id {date_id}")
        return Changes.of(contacts=[cid])

    # -- Today ---------------------------------------------------------------------------------------

    def agenda(self, *, ahead: int = agenda.DATES_AHEAD) -> Agenda:
        """Today's agenda (core/agenda.py says what is in it)."""
        today = self._today()
        window = [(today + timedelta(days=n)) for n in range(ahead + 1)]
        month_days = sorted({f"{d:%m-%d}" for d in window} | ({"02-29"} if _feb28_in(window) else set()))
        since = datetime.combine(today - timedelta(days=agenda.JOB_CHANGE_DAYS), datetime.min.time())
        since = since.replace(tzinfo=self.clock().tzinfo).astimezone(UTC).replace(tzinfo=None)
        with self.store.read() as conn:
            follow_ups = repos.list_follow_ups(conn, due_until=today)
            dates = [
                DateOnContact(int(r[1]), r[2] or "", r[3], int(r[4]), int(r[5]), r[6])
                for r in sql.dates_on_contacts(conn)
            ]
            connected = sql.connected_on_days(conn, month_days)
            jobs = sql.job_changes_since(conn, since)
            scores = sql.scores(conn, today, self._offset())
            snoozed = self._snoozed(repos.get_setting(conn, SNOOZE_SETTING))
        return agenda.assemble(
            today,
            follow_ups=follow_ups,
            lapsed=self._lapsed(),
            dates=dates,
            connected=connected,
            job_changes=jobs,
            scores=scores,
            describe=self._describe,
            snoozed=snoozed,
            ahead=ahead,
        )

    def _describe(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        today = self._today()
        with self.store.read() as conn:
            names = sql.names_of(conn, ids)
            found = sql.tallies(conn, today, ids, self._offset())
        return {
            cid: (names.get(cid, ""), f"Strength {t.score}: {strength.reasons(t, today)}")
            for cid, t in found.items()
        }

    @staticmethod
    def _snoozed(value: object) -> dict[str, date]:
        if not isinstance(value, dict):
            return {}
        out = {}
        for key, day in value.items():
            try:
                out[str(key)] = date.fromisoformat(str(day))
            except ValueError:
                continue
        return out

    def snooze_line(self, key: str, days: int = 7) -> Changes:
        """Hide one of Today's lines (not a follow-up's: snooze the follow-up) for `days` days."""
        if not 1 <= days <= 365:
            raise ValidationError("days", "snooze a line for 1 to 365 days")
        today = self._today()
        with self.store.write() as conn:
            kept = {
                k: v for k, v in self._snoozed(repos.get_setting(conn, SNOOZE_SETTING)).items() if v > today
            }
            kept[key] = today + timedelta(days=days)
            repos.put_setting(conn, SNOOZE_SETTING, {k: v.isoformat() for k, v in kept.items()})
        return Changes.of(smart_lists=True)


def _feb28_in(window: Sequence[date]) -> bool:
    """A Feb 29 date is due on Feb 28 of a common year in the window."""
    import calendar

    return any(d.month == 2 and d.day == 28 and not calendar.isleap(d.year) for d in window)
