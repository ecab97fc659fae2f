"""Check and repair: SQLite's checks, then netcrm's invariants; repairs what can be derived again."""

from __future__ import annotations

from dataclasses import dataclass, field

from netcrm.core.store.invariants import repair_derived, stale_derived
from netcrm.core.store.store import Store


@dataclass
class CheckReport:
    """What a check found: problems nothing can fix here, and contacts whose list columns were stale."""

    unfixable: list[str] = field(default_factory=list)
    stale_contacts: list[int] = field(default_factory=list)
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return not self.unfixable and (not self.stale_contacts or self.repaired)


def check_database(store: Store, *, repair: bool = False) -> CheckReport:
    """Check; with `repair`, back up first and fix the derivable problems in one transaction.

    A healthy database is only read: its file stays byte for byte the same.
    """
    report = CheckReport(unfixable=store.check())
    with store.read() as conn:
        report.stale_contacts = stale_derived(conn)
    if repair and report.stale_contacts and not report.unfixable:
        if store.is_sqlite:
            store.backup(reason="repair")
        with store.write() as conn:
            repair_derived(conn, report.stale_contacts)
        report.repaired = True
    return report
