"""The exporters' lean read path: the same data and the same files as full records, from a real database."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from netcrm.core.errors import Cancelled
from netcrm.core.io.export_csv import write_csv
from netcrm.core.io.export_vcard import write_vcard
from netcrm.core.io.export_xlsx import write_xlsx
from netcrm.core.model import ContactDraft, ContactFilter
from netcrm.core.services import Services
from netcrm.core.store import repos
from netcrm.core.store.export_rows import ExportRecord, iter_export_records

from .export.conftest import HOSTILE


@pytest.fixture
def filled(svc: Services) -> Services:
    """Demo people, hostile text in every field, tags, open networkers, follow-ups, interactions, trash."""
    svc.add_demo(120, seed=5)
    hostile_ids = [
        svc.add_contact(
            ContactDraft(
                first_name=text,
                last_name=f"{text} {i}",
                company=text,
                position=text,
                location=text,
                notes=text,
                emails=(f"h{i}@example.org", f"second{i}@example.net"),
                phones=(f"+49 30 {i:04d}", text),
                linkedin_url=f"https://www.linkedin.com/in/hostile-{i}",
                connected_on=date(2020, 1, 1) + timedelta(days=i),
                tags=(f"Tag {text}"[:40], "Alumni"),
            )
        ).id
        for i, text in enumerate(HOSTILE)
    ]
    svc.set_open_networker(hostile_ids[:3], True)
    svc.add_follow_ups([hostile_ids[0]], date(2026, 3, 1), "late")
    svc.add_follow_ups([hostile_ids[0]], date(2026, 5, 1), "later")
    done = svc.add_follow_ups([hostile_ids[1]], date(2026, 1, 1), "done one").value[0]
    svc.complete_follow_up(done.id)
    svc.log_interaction(hostile_ids[2], "call", "first", on=date(2025, 1, 2))
    svc.log_interaction(hostile_ids[2], "email", "second", on=date(2025, 6, 2))
    svc.delete_contacts(hostile_ids[-2:])
    return svc


def records(
    svc: Services, flt: ContactFilter, chunk: int = 7
) -> tuple[list[int], list[ExportRecord], list[object]]:
    with svc.store.read() as conn:
        ids = repos.filter_ids(conn, flt, svc.today())
        lean = list(iter_export_records(conn, ids, chunk))
        full = list(repos.get_contacts(conn, ids))
    return ids, lean, full  # type: ignore[return-value]


def test_same_data_as_the_full_records(filled: Services) -> None:
    ids, lean, full = records(filled, ContactFilter(), chunk=7)  # many chunks, one cut mid-way
    assert len(lean) == len(full) == len(ids) > 120
    for record, contact in zip(lean, full, strict=True):
        assert isinstance(record, ExportRecord)
        for name in ExportRecord._fields:
            assert getattr(record, name) == getattr(contact, name), name
            assert type(getattr(record, name)) is type(getattr(contact, name)), name
    assert any(r.open_networker for r in lean)
    assert any(r.tags and r.tags[0] == "Open networker" for r in lean)
    assert any(r.next_follow_up == date(2026, 3, 1) for r in lean)
    assert any(r.last_contacted == date(2025, 6, 2) for r in lean)
    assert any(len(r.emails) == 2 and len(r.phones) == 2 for r in lean)


@pytest.mark.parametrize(
    "flt",
    [
        ContactFilter(),
        ContactFilter(search="fair"),
        ContactFilter(tag="Alumni"),
        ContactFilter(open_networkers=True),
        ContactFilter(due=True),
        ContactFilter(trash=True),
    ],
    ids=["all", "search", "tag", "open-networkers", "due", "trash"],
)
def test_filters_and_order_respected(filled: Services, flt: ContactFilter) -> None:
    ids, lean, full = records(filled, flt)
    assert [r.id for r in lean] == ids == [c.id for c in full]  # type: ignore[attr-defined]
    trashed = {r.id for r in records(filled, ContactFilter(trash=True))[1]}
    assert len(trashed) == 2
    if not flt.trash:
        assert not trashed & set(ids)


def test_any_id_order_and_unknown_ids(filled: Services) -> None:
    with filled.store.read() as conn:
        ids = repos.filter_ids(conn, ContactFilter(), filled.today())
        wanted = [ids[5], 10**9, ids[0], ids[40]]
        lean = iter_export_records(conn, wanted, chunk=2)
        assert isinstance(lean, Iterator)  # streams: nothing is read before it is asked for
        assert [r.id for r in lean] == [ids[5], ids[0], ids[40]]
        assert list(iter_export_records(conn, [])) == []


def archive_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        # The document properties carry the save time; everything else must match byte for byte.
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_services_export_writes_the_same_files_as_full_records(filled: Services, tmp_path: Path) -> None:
    flt = ContactFilter()
    with filled.store.read() as conn:
        ids = repos.filter_ids(conn, flt, filled.today())
        full = repos.get_contacts(conn, ids)
        chosen = set(ids)
        follow_ups = [f for f in repos.list_follow_ups(conn, include_done=True) if f.contact_id in chosen]
        interactions = [i for i in repos.list_interactions(conn) if i.contact_id in chosen]
        tags = repos.list_tags(conn)
    about = {"Exported": "all contacts", "Filter": "none (everything)"}
    write_xlsx(
        tmp_path / "full.xlsx",
        full,
        follow_ups=follow_ups,
        interactions=interactions,
        tags=tags,
        about=about,
        today=filled.today(),
    )
    assert filled.export_contacts(tmp_path / "lean.xlsx", flt, describe="all contacts") == len(ids)
    assert archive_parts(tmp_path / "lean.xlsx") == archive_parts(tmp_path / "full.xlsx")

    write_csv(tmp_path / "full.csv", full)
    filled.export_contacts(tmp_path / "lean.csv", flt)
    assert (tmp_path / "lean.csv").read_bytes() == (tmp_path / "full.csv").read_bytes()

    write_vcard(tmp_path / "full.vcf", full)
    filled.export_contacts(tmp_path / "lean.vcf", flt)
    assert (tmp_path / "lean.vcf").read_bytes() == (tmp_path / "full.vcf").read_bytes()


@pytest.mark.parametrize("name", ["out.xlsx", "out.csv", "out.vcf"])
def test_progress_and_cancel_through_services(svc: Services, tmp_path: Path, name: str) -> None:
    svc.add_demo(2500, seed=9)
    path = tmp_path / name
    reports: list[tuple[int, int]] = []
    assert svc.export_contacts(path, progress=lambda done, total: reports.append((done, total))) == 2500
    assert reports[0] == (0, 2500) and reports[-1] == (2500, 2500)
    assert [done for done, _ in reports[1:-1]] == [1000, 2000]
    before = path.read_bytes()
    polls = iter(range(10**6))
    with pytest.raises(Cancelled):
        svc.export_contacts(path, cancel=lambda: next(polls) >= 2)  # stops after the first 1000 contacts
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.stem)) == [name]
