"""What each pane shows, read from the services in one go (plain records, safe to build in a worker)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from netcrm.core.errors import NotFoundError

if TYPE_CHECKING:  # the services pull in SQLAlchemy, which stays off the first-paint path
    from netcrm.core.model import Contact, Counts, FollowUp, ImportBatch, Interaction, SmartLists
    from netcrm.core.services import Services
    from netcrm.ui.contact_table_model import Ranking, Row
    from netcrm.ui.sidebar import RowCounts


@dataclass(frozen=True, slots=True)
class Overview:
    """The numbers of the status bar and the open follow-ups, as of `today`."""

    counts: Counts
    follow_ups: list[FollowUp]
    today: date
    smart: SmartLists | None = None  # the sidebar's database-backed counts (loaded with the rest at start)
    scopes: dict[str, frozenset[int]] = field(default_factory=dict)  # big id lists, read ahead (see below)


@dataclass(frozen=True, slots=True)
class ContactDetail:
    """Everything the detail pane shows about one contact."""

    contact: Contact
    follow_ups: list[FollowUp]
    interactions: list[Interaction]
    introduced_by: str | None  # the introducer's display name


@dataclass(frozen=True, slots=True)
class Everything:
    """The whole list with its counts, read again after many contacts changed (or someone else wrote)."""

    rows: list[Row]
    names: Ranking | None  # the name column's order, where the database gave it (see name_ranking)
    trash: list[Row] | None  # the trash's rows, when the window shows the trash
    overview: Overview
    row_counts: RowCounts  # the smart lists' counts from the live rows
    tag_names: list[str]
    writes: int  # Store.writes when the read began: the window reads again if it moved on meanwhile


def load_everything(services: Services, recent_days: int, *, trash: bool) -> Everything:
    """Rows, name order, counts, follow-ups, smart lists and tags: 0.5 s at 100,000 contacts (a worker)."""
    from netcrm.core.gc_pause import gc_paused
    from netcrm.ui.contact_table_model import name_ranking
    from netcrm.ui.sidebar import count_rows

    writes = services.store.writes
    with gc_paused():  # 100,000 rows: no collector passes over them while they are made (see gc_pause)
        rows, order = services.list_rows_in_name_order()
        names = name_ranking(rows, order) if order is not None else None
    trashed = services.trash_rows() if trash else None
    tags = [tag.name for tag in services.list_tags()]
    overview = load_overview(services, recent_days)
    return Everything(rows, names, trashed, overview, count_rows(rows, overview.today), tags, writes)


#: A smart list of ids ("Recently added", an import batch) this long is read ahead in the worker: after a
#: 100k import its first click read 100,000 ids on the GUI thread (140 ms); shorter ones read on click.
READ_AHEAD_FROM = 10_000
SHOWN_BATCHES = 5


def shown_batches(smart: SmartLists) -> list[tuple[ImportBatch, int]]:
    """The import batches the sidebar lists, with how many live contacts each made: the newest five not
    undone."""
    return [(batch, made) for batch, made in smart.batches if batch.status != "undone"][:SHOWN_BATCHES]


def load_overview(services: Services, recent_days: int | None = None) -> Overview:
    """Counts and open follow-ups; with `recent_days`, the sidebar's smart lists too (the long ones' ids)."""
    if recent_days is None:
        return Overview(services.counts(), services.list_follow_ups(), services.today())
    smart = services.smart_lists(recent_days)
    long_lists = ["recent"] if smart.recent >= READ_AHEAD_FROM else []
    long_lists += [f"batch:{batch.id}" for batch, made in shown_batches(smart) if made >= READ_AHEAD_FROM]
    scopes = {key: frozenset(services.smart_list_ids(key, recent_days)) for key in long_lists}
    return Overview(services.counts(), services.list_follow_ups(), services.today(), smart, scopes)


def load_contact_detail(services: Services, contact_id: int) -> ContactDetail:
    """One contact with its follow-ups (open ones first) and interaction timeline (newest first)."""
    contact = services.get_contact(contact_id)
    follow_ups = services.list_follow_ups(contact_id=contact_id, include_done=True)
    follow_ups.sort(key=lambda item: item.status == "done")  # stable: each group stays by due date
    introducer = None
    if contact.introduced_by_id is not None:
        try:
            introducer = services.get_contact(contact.introduced_by_id).display_name
        except NotFoundError:
            introducer = None
    return ContactDetail(contact, follow_ups, services.list_interactions(contact_id), introducer)
