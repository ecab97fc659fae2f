"""Exports: stream the selected contacts from one read snapshot into the writer for the format."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from netcrm.core.errors import BadInputError
from netcrm.core.model import ContactFilter
from netcrm.core.store import repos
from netcrm.core.store.export_rows import iter_export_records

EXPORT_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".vcf": "vcf", ".vcard": "vcf"}


def format_for(path: Path, explicit: str | None) -> str:
    """The export format: as asked, else from the file's suffix."""
    fmt = explicit or EXPORT_FORMATS.get(path.suffix.lower())
    if fmt not in ("xlsx", "csv", "vcf"):
        raise BadInputError(f"{path}: say which format to write (--format xlsx, csv or vcf)")
    return fmt


def export_contacts(
    conn: sa.Connection,
    path: Path,
    flt: ContactFilter,
    *,
    today: date,
    format: str | None,
    layout: str,
    vcard_version: str,
    sheet_per_tag: bool,
    describe: str,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
    on_notice: Callable[[str], None] | None,
) -> int:
    """Write the file; the old one stays intact on any failure or Cancel."""
    fmt = format_for(path, format)
    ids = repos.filter_ids(conn, flt, today)
    contacts = iter_export_records(conn, ids)  # light records, chunk by chunk: memory stays flat
    if fmt == "csv":
        from netcrm.core.io.export_csv import write_csv

        if layout not in ("netcrm", "linkedin"):
            raise BadInputError(f"unknown CSV layout {layout!r}: use netcrm or linkedin")
        return write_csv(path, contacts, layout=layout, progress=progress, cancel=cancel, total=len(ids))  # type: ignore[arg-type]
    if fmt == "vcf":
        from netcrm.core.io.export_vcard import write_vcard

        if vcard_version not in ("3.0", "4.0"):
            raise BadInputError(f"unknown vCard version {vcard_version!r}: use 3.0 or 4.0")
        return write_vcard(
            path,
            contacts,
            version=vcard_version,  # type: ignore[arg-type]
            progress=progress,
            cancel=cancel,
            total=len(ids),
            on_notice=on_notice,
        )
    from netcrm.core.io.export_xlsx import write_xlsx

    chosen = set(ids)
    follow_ups = [f for f in repos.list_follow_ups(conn, include_done=True) if f.contact_id in chosen]
    interactions = [i for i in repos.list_interactions(conn) if i.contact_id in chosen]
    about = {
        "Exported": describe,
        "Filter": _describe_filter(flt),
    }
    return write_xlsx(
        path,
        contacts,
        follow_ups=follow_ups,
        interactions=interactions,
        tags=repos.list_tags(conn),
        about=about,
        sheet_per_tag=sheet_per_tag,
        today=today,
        progress=progress,
        cancel=cancel,
        total=len(ids),
        on_notice=on_notice,
    )


def _describe_filter(flt: ContactFilter) -> str:
    parts = []
    if flt.search:
        parts.append(f"search {flt.search!r}")
    if flt.tag:
        parts.append(f"tag {flt.tag!r}")
    if flt.open_networkers:
        parts.append("open networkers")
    if flt.due:
        parts.append("follow-up due")
    if flt.ids is not None:
        parts.append(f"{len(flt.ids)} selected")
    return ", ".join(parts) or "none (everything)"
