"""Export contacts to a vCard file (3.0 by default, 4.0 on request): one card per contact.

Each card carries N, FN, every EMAIL (``TYPE=INTERNET`` in 3.0; the first is preferred), every TEL, ORG,
TITLE, the location as the locality of an ADR, NOTE, CATEGORIES (tags), the LinkedIn profile as URL (and, in
3.0, as Apple's ``X-SOCIALPROFILE;TYPE=linkedin``), UID and REV. That is what Google Contacts, Apple Contacts
and Outlook read; Outlook desktop imports only the first card of a file with several.

Encoding per RFC 2426 / RFC 6350: UTF-8, CRLF line ends, text values escaped (``\\`` ``,`` ``;`` and line
breaks as ``\\n``), lines folded at 75 octets (CRLF and one space) without splitting a UTF-8 sequence or an
escape. Characters a vCard cannot carry (C0 controls other than tab and line breaks, lone surrogates) are
removed and reported through `on_notice`. Profile URLs are written as URIs: only ``http``/``https``, with
``https://`` added to a bare ``www.`` address and unsafe characters percent-encoded.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Literal

import netcrm
from netcrm.core.atomic import atomic_file
from netcrm.core.io.export_common import (
    XML_ILLEGAL_RE,
    CancelFn,
    ContactRecord,
    ProgressFn,
    Ticker,
    guess_total,
    link_target,
)

__all__ = ["escape_text", "fold_line", "vcard_lines", "write_vcard"]

Version = Literal["3.0", "4.0"]
#: RFC 6350 3.2 / RFC 2426 2.6: lines longer than 75 octets (excluding the line break) are folded.
MAX_LINE_OCTETS = 75
_PRODID = f"-//netcrm//netcrm {netcrm.__version__}//EN"
# Line breaks include Unicode's own (U+2028, U+2029, NEL U+0085): many readers end a line there, so they
# are written as the \n escape too, never raw (issue 21).
_ESCAPES = str.maketrans(
    {"\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n", "\u2028": "\\n", "\u2029": "\\n", "\x85": "\\n"}
)
_UID_NAMESPACE = uuid.UUID("6f1b7f4e-2b1c-5b8e-9a61-3c7d2f0a9e11")


class _Cleaner:
    """Removes what a vCard cannot carry and counts the values concerned."""

    def __init__(self) -> None:
        self.cleaned = 0

    def __call__(self, text: str) -> str:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.isprintable():
            return text
        cleaned = XML_ILLEGAL_RE.sub("", text)
        if len(cleaned) != len(text):
            self.cleaned += 1
        return cleaned


def escape_text(text: str) -> str:
    """A TEXT value escaped per RFC 6350 3.4: backslash, comma, semicolon and line breaks (Unicode's too)."""
    return text.translate(_ESCAPES)


def fold_line(line: str) -> str:
    """Fold one content line at 75 octets: CRLF + space, never inside a UTF-8 sequence or an escape."""
    if len(line) <= MAX_LINE_OCTETS and (line.isascii() or len(line.encode("utf-8")) <= MAX_LINE_OCTETS):
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    i = 0
    n = len(line)
    while i < n:
        unit = line[i : i + 2] if line[i] == "\\" and i + 1 < n else line[i]
        octets = len(unit.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current = []
            size = 0
            limit = MAX_LINE_OCTETS - 1  # the continuation's leading space counts
        current.append(unit)
        size += octets
        i += len(unit)
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _stamp(c: ContactRecord) -> str:
    when = c.updated_at or c.created_at or datetime.now(UTC)
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    # A naive time from the store is taken as UTC.
    return when.strftime("%Y%m%dT%H%M%SZ")


def _uid(c: ContactRecord) -> str:
    # Stable across exports: from the LinkedIn slug when there is one, else from the database id.
    key = f"linkedin:{c.linkedin_slug}" if c.linkedin_slug else f"contact:{c.id}"
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, key)}"


def vcard_lines(
    c: ContactRecord, version: Version = "3.0", clean: Callable[[str], str] | None = None
) -> list[str]:
    """The unfolded content lines of one card, BEGIN to END."""
    text = clean or _Cleaner()
    v3 = version == "3.0"
    first = text(c.first_name)
    last = text(c.last_name)
    company = text(c.company)
    emails = [e for e in (text(e).strip() for e in c.emails) if e]
    fn = (
        text(c.display_name)
        or f"{first} {last}".strip()
        or company
        or (emails[0] if emails else "")
        or "Unnamed"
    )
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"PRODID:{_PRODID}",
        f"UID:{_uid(c)}",
        f"N:{escape_text(last)};{escape_text(first)};;;",
        f"FN:{escape_text(fn)}",
    ]
    if company:
        lines.append(f"ORG:{escape_text(company)}")
    position = text(c.position)
    if position:
        lines.append(f"TITLE:{escape_text(position)}")
    for number, email in enumerate(emails):
        if v3:
            params = ";TYPE=INTERNET,PREF" if number == 0 and len(emails) > 1 else ";TYPE=INTERNET"
        else:
            params = ";PREF=1" if number == 0 and len(emails) > 1 else ""
        lines.append(f"EMAIL{params}:{escape_text(email)}")
    for phone in c.phones:
        phone = text(phone).strip()
        if phone:
            lines.append(f"TEL:{escape_text(phone)}")
    location = text(c.location)
    if location:
        # Free text such as "Greater Seattle Area": the locality, the one part every reader shows.
        lines.append(f"ADR:;;;{escape_text(location)};;;")
    url = link_target(text(c.linkedin_url)) if c.linkedin_url else None
    if url is not None:
        lines.append(f"URL:{url}")
        if v3:
            lines.append(f"X-SOCIALPROFILE;TYPE=linkedin:{url}")
    tags = [escape_text(t) for t in (text(t) for t in c.tags) if t]
    if tags:
        lines.append("CATEGORIES:" + ",".join(tags))
    notes = text(c.notes)
    if notes:
        lines.append(f"NOTE:{escape_text(notes)}")
    lines.append(f"REV:{_stamp(c)}")
    lines.append("END:VCARD")
    return lines


def write_vcard(
    path: str | os.PathLike[str],
    contacts: Iterable[ContactRecord],
    *,
    version: Version = "3.0",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    total: int | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> int:
    """Write one card per contact to `path` atomically; return the number of cards.

    `progress(done, total)` is called every 1000 contacts (total 0 = unknown) and `cancel()` polled as often;
    cancelling raises `Cancelled` and leaves the old file intact.
    """
    if version not in ("3.0", "4.0"):
        raise ValueError(f"unsupported vCard version {version!r}")
    ticker = Ticker(progress, cancel, guess_total(contacts, total))
    ticker.start()
    clean = _Cleaner()
    count = 0
    with atomic_file(path, "wb") as handle:
        for c in contacts:
            card = "\r\n".join(fold_line(line) for line in vcard_lines(c, version, clean)) + "\r\n"
            handle.write(card.encode("utf-8"))
            count += 1
            if count >= ticker.next_at:
                ticker.check(count)
        ticker.finish(count)
    if on_notice is not None and clean.cleaned:
        on_notice(f"{clean.cleaned} values held characters a vCard cannot carry; they were removed")
    return count
