"""Export contacts to CSV: netcrm's full layout or LinkedIn's own Connections.csv layout.

Files are UTF-8 with a BOM and CRLF line ends (what Excel opens right on every platform), quoted as RFC 4180
requires (a field holding a comma, quote or line break is quoted, quotes doubled). Text is written as is (no
characters removed); only formula triggers are escaped.

Formula injection (OWASP "CSV Injection", RELIABILITY.md test 28): a cell that begins with ``=``, ``+``,
``-``, ``@``, tab or CR, or their full-width forms ``＝ ＋ － ＠``, gets a leading ``'``. So that the escaping
can be undone exactly, a cell that begins with one or more ``'`` followed by a trigger gets one more ``'``.
`unescape_cell` strips exactly that one ``'``: ``unescape_cell(escape_cell(s)) == s`` for every string. This
costs phone numbers such as ``+1 555 …`` a visible ``'`` in a spreadsheet, the known trade-off; netcrm's own
importer removes it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from typing import Literal

from netcrm.core.atomic import atomic_file
from netcrm.core.io.export_common import (
    CONTACT_HEADERS,
    LIST_SEPARATOR,
    YES,
    CancelFn,
    ContactRecord,
    ProgressFn,
    Ticker,
    guess_total,
    linkedin_date,
)
from netcrm.core.io.text import FORMULA_TRIGGERS, escape_formula, unescape_formula

__all__ = ["FORMULA_TRIGGERS", "LINKEDIN_HEADERS", "escape_cell", "unescape_cell", "write_csv"]

#: LinkedIn's Connections.csv header (the current export; FORMATS.md 1.1), without its "Notes:" preamble.
LINKEDIN_HEADERS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")

Layout = Literal["netcrm", "linkedin"]


#: The exporter's names for the shared escaping (core/io/text.py), which the importer undoes.
escape_cell = escape_formula
unescape_cell = unescape_formula


def _joined(items: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(items)


def _netcrm_row(c: ContactRecord) -> list[str]:
    return [
        c.display_name,
        c.first_name,
        c.last_name,
        _joined(c.emails),
        _joined(c.phones),
        c.company,
        c.position,
        c.location,
        c.linkedin_url,
        c.connected_on.isoformat() if c.connected_on else "",
        _joined(c.tags),
        YES if c.open_networker else "",
        c.open_networker_reason,
        c.last_contacted.isoformat() if c.last_contacted else "",
        c.next_follow_up.isoformat() if c.next_follow_up else "",
        c.notes,
        c.source,
        str(c.degree),
        str(c.cadence_days) if c.cadence_days is not None else "",
    ]


def _linkedin_row(c: ContactRecord) -> list[str]:
    return [
        c.first_name,
        c.last_name,
        c.linkedin_url,
        c.emails[0] if c.emails else "",
        c.company,
        c.position,
        linkedin_date(c.connected_on) if c.connected_on else "",
    ]


def write_csv(
    path: str | os.PathLike[str],
    contacts: Iterable[ContactRecord],
    *,
    layout: Layout = "netcrm",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    total: int | None = None,
    bom: bool = True,
) -> int:
    """Write `contacts` to `path` atomically in `layout`; return the number of contacts written.

    ``"netcrm"``: every field (`CONTACT_HEADERS`), dates ``YYYY-MM-DD``, e-mails, phones and tags joined with
    ``"; "``. ``"linkedin"``: LinkedIn's seven columns (`LINKEDIN_HEADERS`), the first e-mail only, dates
    ``DD Mon YYYY``, no preamble. `progress(done, total)` is called every 1000 contacts (total 0 = unknown)
    and `cancel()` polled as often; cancelling raises `Cancelled` and leaves the old file intact. `bom=False`
    leaves out the byte-order mark, for tools that do not expect one.
    """
    if layout == "netcrm":
        headers: tuple[str, ...] = CONTACT_HEADERS
        make_row = _netcrm_row
    elif layout == "linkedin":
        headers = LINKEDIN_HEADERS
        make_row = _linkedin_row
    else:
        raise ValueError(f"unknown CSV layout {layout!r}")
    ticker = Ticker(progress, cancel, guess_total(contacts, total))
    ticker.start()
    count = 0
    encoding = "utf-8-sig" if bom else "utf-8"
    with atomic_file(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(headers)
        escape = escape_cell
        for c in contacts:
            writer.writerow([escape(value) for value in make_row(c)])
            count += 1
            if count >= ticker.next_at:
                ticker.check(count)
        ticker.finish(count)
    return count
