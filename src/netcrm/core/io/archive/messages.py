"""messages.csv: every message of every conversation, mapped by column name.

2020-2022 files lack RECIPIENT PROFILE URLS, Dec 2024 adds IS MESSAGE DRAFT, 2026 adds ATTACHMENTS and IS
CONVERSATION DRAFT and quotes every header. Group conversations list several recipients in one cell. The
text is kept as written (HTML included): it is shown as plain text, never rendered.
"""

from __future__ import annotations

import re

from netcrm.core.io.archive.model import Message
from netcrm.core.io.archive.table import Columns, Table, flag

COLUMNS = Columns(
    names={
        "conversation": ("CONVERSATION ID",),
        "title": ("CONVERSATION TITLE",),
        "from": ("FROM",),
        "sender_url": ("SENDER PROFILE URL",),
        "to": ("TO",),
        "recipient_urls": ("RECIPIENT PROFILE URLS", "RECIPIENT PROFILE URL"),
        "date": ("DATE",),
        "subject": ("SUBJECT",),
        "content": ("CONTENT",),
        "folder": ("FOLDER",),
        "draft": ("IS MESSAGE DRAFT",),
        "conversation_draft": ("IS CONVERSATION DRAFT",),
    },
    required=frozenset({"conversation", "from", "date", "content"}),
)
_URL_SPLIT_RE = re.compile(r"[\s,;]+")


def split_urls(cell: str) -> tuple[str, ...]:
    """Recipient profile URLs of one cell (comma-, semicolon- or space-separated)."""
    return tuple(url for url in _URL_SPLIT_RE.split(cell) if url)


def split_names(cell: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in cell.split(",") if name.strip())


def read(data: bytes, path: str) -> list[Message]:
    """The messages of one messages.csv; FileRefusedError naming the row and column of a bad cell."""
    table = Table(data, path, COLUMNS)
    out: list[Message] = []
    for line, cell in table.rows():
        sent_at = table.when(line, "date", cell["date"])
        if sent_at is None:
            raise table.bad(line, "date", "no date")
        if not cell["conversation"]:
            raise table.bad(line, "conversation", "no conversation id")
        out.append(
            Message(
                row=line,
                conversation_id=cell["conversation"],
                conversation_title=cell["title"],
                sender=cell["from"],
                sender_url=cell["sender_url"],
                recipients=split_names(cell["to"]),
                recipient_urls=split_urls(cell["recipient_urls"]),
                sent_at=sent_at,
                subject=cell["subject"],
                text=cell["content"],
                folder=cell["folder"].upper(),
                is_draft=flag(cell["draft"]) or flag(cell["conversation_draft"]),
            )
        )
    return out
