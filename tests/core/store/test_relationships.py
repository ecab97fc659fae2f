"""The scoring pass in SQL gives what core/strength.tally gives event by event, on a real SQLite file."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from netcrm.core import strength
from netcrm.core.store import relationships
from netcrm.core.store.store import Store
from netcrm.core.strength import Event

TODAY = date(2028, 3, 1)  # just after a leap day
NOW = "2028-03-01 08:00:00"


def _build(path: Path, seed: int) -> dict[int, list[Event]]:
    """Random histories (interactions with directions, follow-ups done, people introduced) and the events
    each contact should be scored from; contact 3 is in the trash."""
    Store.open(str(path)).close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    events: dict[int, list[Event]] = {cid: [] for cid in range(1, 21)}
    for cid in range(1, 31):
        conn.execute(
            "INSERT INTO contact (id, display_name, created_at, updated_at, introduced_by_id, connected_on,"
            " deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                f"P{cid}",
                NOW,
                NOW,
                rng.randint(1, 20) if cid > 20 else None,
                (TODAY - timedelta(days=rng.randint(0, 400))).isoformat() if cid % 2 else None,
                NOW if cid == 3 else None,
            ),
        )
    for cid, on in conn.execute("SELECT introduced_by_id, connected_on FROM contact WHERE id > 20"):
        events[cid].append(Event("introduced", date.fromisoformat(on) if on else TODAY))
    kinds = [k for k in strength.WEIGHTS if k not in ("follow_up", "introduced")]
    for _ in range(400):
        cid = rng.randint(1, 20)
        event = Event(
            rng.choice(kinds),
            TODAY - timedelta(days=rng.randint(-3, 900)),
            rng.choice(("out", "in", None)),
        )
        events[cid].append(event)
        conn.execute(
            "INSERT INTO interaction (contact_id, kind, occurred_on, direction, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (cid, event.kind, event.on.isoformat(), event.direction, NOW),
        )
    for _ in range(40):
        cid = rng.randint(1, 20)
        done = TODAY - timedelta(days=rng.randint(0, 400))
        status = rng.choice(("done", "open"))
        if status == "done":
            events[cid].append(Event("follow_up", done, "out"))
        conn.execute(
            "INSERT INTO follow_up (contact_id, due, status, completed_at, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (cid, done.isoformat(), status, f"{done} 12:00:00" if status == "done" else None, NOW),
        )
    conn.commit()
    conn.close()
    del events[3]
    return events


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_tallies_equal_the_python_tally(db_path: Path, seed: int) -> None:
    events = _build(db_path, seed)
    expected = {cid: strength.tally(cid, evs, TODAY) for cid, evs in events.items() if evs}
    store = Store.open(str(db_path), mode="read")
    try:
        with store.read() as conn:
            full = relationships.tallies(conn, TODAY, list(range(1, 31)))
            light = relationships.scores(conn, TODAY)
    finally:
        store.close()
    assert set(full) == set(expected) == set(light)
    assert 3 not in full
    for cid, want in expected.items():
        got = full[cid]
        assert got.volume == pytest.approx(want.volume)
        assert got.volume_then == pytest.approx(want.volume_then)
        assert (got.out, got.in_) == pytest.approx((want.out, want.in_))
        assert (got.last_on, got.last_out, got.last_in) == (want.last_on, want.last_out, want.last_in)
        assert (got.recent, got.introduced) == (want.recent, want.introduced)
        assert light[cid] == want.light()
        assert strength.reasons(got, TODAY) == strength.reasons(want, TODAY)


def test_tallies_of_some_contacts_read_only_those(db_path: Path) -> None:
    events = _build(db_path, 4)
    store = Store.open(str(db_path), mode="read")
    try:
        with store.read() as conn:
            some = relationships.tallies(conn, TODAY, [5, 6, 3])
    finally:
        store.close()
    assert set(some) == {cid for cid in (5, 6) if events[cid]}
