"""The archive subject (issue 17): what the GUI and netcrm-cli ask about LinkedIn's whole archive.

One import of a zip (or both halves, or the folder, or one of its files), each contact's conversation,
pending invitations (and the stale ones to withdraw), a contact's status, the people and recommendations
that matched nobody, followed companies. Every mutation returns a `Changed` record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from netcrm.core.archive_import import ArchiveImporter, ArchiveOptions, ArchiveReport
from netcrm.core.changes import Changed, Changes
from netcrm.core.clock import Clock, system_clock
from netcrm.core.gc_pause import gc_paused
from netcrm.core.io.archive.model import Archive
from netcrm.core.io.archive.reader import read_archive
from netcrm.core.store import archive as rows
from netcrm.core.store import repos
from netcrm.core.store.store import Store

#: Settings (the `setting` table): days before an outgoing invitation is listed to withdraw, the weekly
#: invitation quota (LinkedIn publishes none; users report 100-200) and whether message text is kept.
STALE_DAYS_KEY = "archive.stale_invitation_days"
WEEKLY_QUOTA_KEY = "archive.weekly_invitation_quota"
MESSAGE_TEXT_KEY = "archive.keep_message_text"
DEFAULT_STALE_DAYS = 21
DEFAULT_WEEKLY_QUOTA = 100


class ArchiveService:
    """The archive's services over one store."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock

    def _now(self) -> datetime:
        return self.clock().astimezone(UTC).replace(tzinfo=None)

    # -- import -----------------------------------------------------------------------------------

    def read(self, paths: Sequence[Path]) -> Archive:
        """Read the archive without touching the database (unknown and malformed files are listed)."""
        with gc_paused():
            return read_archive(paths)

    def apply(
        self,
        archive: Archive,
        *,
        message_text: bool | None = None,
        add_people: bool = False,
        all_or_nothing: bool = False,
        cancel: Any = None,
    ) -> Changed[ArchiveReport]:
        """Import everything the archive holds in one transaction and one batch (one undo)."""
        with gc_paused(), self.store.write() as conn:
            if message_text is None:
                stored = repos.get_setting(conn, MESSAGE_TEXT_KEY)
                message_text = True if stored is None else bool(stored)
            options = ArchiveOptions(
                message_text=message_text, add_people=add_people, all_or_nothing=all_or_nothing
            )
            name = " + ".join(Path(p).name for p in archive.path.split(" + "))
            report = ArchiveImporter(conn, self._now(), options, cancel).run(archive, name)
        changes = Changes() if report.changed_nothing else Changes(everything=True)
        return Changed(report, changes)

    # -- reads ------------------------------------------------------------------------------------

    def conversation(self, contact_id: int) -> list[dict[str, Any]]:
        """The contact's messages, oldest first (`date`, `direction`, `conversation_id`, `text`...)."""
        with self.store.read() as conn:
            if not repos.contact_rows(conn, [contact_id], ("id",)):
                from netcrm.core.errors import NotFoundError

                raise NotFoundError(f"no contact {contact_id}")
            return rows.conversation(conn, contact_id)

    def invitations(self, *, stale: bool = False) -> list[dict[str, Any]]:
        """Pending invitations; `stale`: outgoing ones older than the user's age (default 3 weeks)."""
        with self.store.read() as conn:
            older = None
            if stale:
                days = repos.get_setting(conn, STALE_DAYS_KEY) or DEFAULT_STALE_DAYS
                older = self._now() - timedelta(days=int(days))
            return rows.invitations(conn, older_than=older)

    def status(self, contact_id: int) -> str:
        """'connected', 'invited' or 'invited_you'."""
        with self.store.read() as conn:
            return rows.status_of(conn, contact_id)

    def unmatched_people(self) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            return rows.unmatched_people(conn)

    def unmatched_recommendations(self) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            return rows.unmatched_recommendations(conn)

    def records(self, contact_id: int) -> list[dict[str, Any]]:
        """The contact's endorsements and recommendations, newest first."""
        with self.store.read() as conn:
            return rows.records_of(conn, contact_id)

    def target_companies(self) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            return rows.target_companies(conn)

    def invitation_stats(self, weeks: int = 8) -> dict[str, Any]:
        """Invitations sent per week (last `weeks`) against the weekly quota, and the acceptance rate."""
        with self.store.read() as conn:
            quota = repos.get_setting(conn, WEEKLY_QUOTA_KEY) or DEFAULT_WEEKLY_QUOTA
            return rows.invitation_stats(conn, self.clock().date(), weeks) | {"weekly_quota": int(quota)}

    # -- settings ---------------------------------------------------------------------------------

    def set_setting(self, key: str, value: Any) -> Changed[None]:
        """One of the archive's settings (`STALE_DAYS_KEY`, `WEEKLY_QUOTA_KEY`, `MESSAGE_TEXT_KEY`)."""
        if key not in (STALE_DAYS_KEY, WEEKLY_QUOTA_KEY, MESSAGE_TEXT_KEY):
            from netcrm.core.errors import ValidationError

            raise ValidationError("key", f"unknown archive setting {key!r}")
        with self.store.write() as conn:
            repos.put_setting(conn, key, value)
        return Changed(None, Changes(smart_lists=True, counts=True))
