"""Property tests: arbitrary input never fails with anything but a refusal, and CSV tables round-trip."""

from __future__ import annotations

import contextlib
import csv
import io
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.readers import FORMATS, read_bytes

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=st.binary(max_size=2048), fmt=st.sampled_from((None, *FORMATS)))
def test_random_bytes_are_parsed_or_refused(data: bytes, fmt: str | None) -> None:
    with contextlib.suppress(FileRefusedError):
        read_bytes(data, "random.bin", format=fmt)


@SETTINGS
@given(text=st.text(max_size=600), fmt=st.sampled_from((None, *FORMATS)))
def test_random_text_is_parsed_or_refused(text: str, fmt: str | None) -> None:
    with contextlib.suppress(FileRefusedError):
        read_bytes(text.encode("utf-8", "surrogatepass"), "random.txt", format=fmt)


_LINES = st.lists(
    st.sampled_from(
        [
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            "BEGIN:VCARD",
            "END:VCARD",
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=",
            "=20",
            "Notes:",
            '"unterminated',
            "Ada,Lovelace,,,,,01 Jan 2024",
            ",,,,,,02 Jun 2022",
            "x\x00y",
            " folded",
            "Name,E-mail,Tags",
        ]
    ),
    max_size=12,
)


@SETTINGS
@given(lines=_LINES, eol=st.sampled_from(["\n", "\r\n", "\r"]))
def test_structured_garbage_is_parsed_or_refused(lines: list[str], eol: str) -> None:
    with contextlib.suppress(FileRefusedError):
        read_bytes(eol.join(lines).encode(), "garbage.csv")


_CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffd\u2028\u2029\x85"),
    max_size=30,
)


def _expected(value: str) -> str:
    value = value[1:] if len(value) > 1 and value[0] == "'" and value[1] in "=+-@＝＋－＠" else value
    return unicodedata.normalize("NFC", value).strip()


@SETTINGS
@given(
    table=st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL), min_size=1, max_size=25),
    delimiter=st.sampled_from([",", ";", "\t"]),
    eol=st.sampled_from(["\n", "\r\n"]),
)
def test_written_table_reads_back(table: list[tuple[str, str, str, str]], delimiter: str, eol: str) -> None:
    header = ["First Name", "Last Name", "Company", "Notes"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=eol, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(header)
    writer.writerows(table)
    result = read_bytes(out.getvalue().encode(), "table.csv", format="csv")
    expected = []
    for first, last, company, notes in table:
        first, last, company, notes = (_expected(v) for v in (first, last, company, notes))
        if first or last:
            expected.append((first, last, company, notes))
    got = [(c.first_name, c.last_name, c.company, c.notes) for c in result.rows]
    assert got == expected
