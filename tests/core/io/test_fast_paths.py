"""The reader's shortcuts build exactly what the plain code builds."""

from __future__ import annotations

import io
import itertools
from datetime import date

from netcrm.core.io.contact import linkedin_contact
from netcrm.core.io.csv_reader import lines
from netcrm.core.model import ParsedContact


def test_lines_split_like_stringio_with_universal_newlines() -> None:
    pieces = ["a", '"', ",", "\r", "\n", "\r\n", "é"]
    for size in range(6):
        for combo in itertools.product(pieces, repeat=size):
            text = "".join(combo)
            assert list(lines(text)) == list(io.StringIO(text, newline="")), repr(text)


def test_linkedin_contact_gives_the_same_record_as_keywords() -> None:
    fast = linkedin_contact(
        5, "Ada", "Lovelace", "Ada Lovelace", ("ada@x.example",), "AE", "Analyst", "u", None
    )
    plain = ParsedContact(
        row=5,
        first_name="Ada",
        last_name="Lovelace",
        display_name="Ada Lovelace",
        emails=("ada@x.example",),
        company="AE",
        position="Analyst",
        linkedin_url="u",
    )
    assert fast == plain and repr(fast) == repr(plain)
    dated = linkedin_contact(6, "", "X", "X", (), "", "", "", date(2024, 1, 3))
    assert dated == ParsedContact(row=6, last_name="X", display_name="X", connected_on=date(2024, 1, 3))
