"""write_vcard: cards parsed back by a tiny reference reader (unfold, split, unescape)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netcrm.core.errors import Cancelled
from netcrm.core.io.export_vcard import escape_text, fold_line, write_vcard
from netcrm.core.model import Contact

from .conftest import HOSTILE, contact

Prop = tuple[str, str, str]  # name, params, raw value


def unfold(data: bytes) -> list[str]:
    """RFC 6350 3.2: remove every CRLF followed by one space or tab, then split on CRLF."""
    text = re.sub(r"\r\n[ \t]", "", data.decode("utf-8"))
    assert text.endswith("\r\n")
    return text[:-2].split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_unescaped(value: str, sep: str) -> list[str]:
    return [unescape(part) for part in re.split(rf"(?<!\\){re.escape(sep)}", value)]


def parse(data: bytes) -> list[list[Prop]]:
    cards: list[list[Prop]] = []
    for line in unfold(data):
        head, _, value = line.partition(":")
        name, _, params = head.partition(";")
        if name == "BEGIN":
            cards.append([])
        elif name != "END":
            cards[-1].append((name, params, value))
    return cards


def values(card: list[Prop], name: str) -> list[str]:
    return [value for prop, _, value in card if prop == name]


def physical_lines(data: bytes) -> list[bytes]:
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only, no bare LF or CR
    return data.split(b"\r\n")[:-1]


def test_card_fields_3_0(tmp_path: Path, people: list[Contact]) -> None:
    path = tmp_path / "out.vcf"
    assert write_vcard(path, people) == 3
    data = path.read_bytes()
    cards = parse(data)
    assert len(cards) == 3
    zoe = cards[1]
    assert [p[0] for p in zoe[:5]] == ["VERSION", "PRODID", "UID", "N", "FN"]
    assert values(zoe, "VERSION") == ["3.0"]
    assert split_unescaped(values(zoe, "N")[0], ";") == ["Łukasz-李", "Zoë", "", "", ""]
    assert values(zoe, "FN") == ["Zoë Łukasz-李"]
    assert [(p, v) for n, p, v in zoe if n == "EMAIL"] == [
        ("TYPE=INTERNET,PREF", "zoe@example.com"),
        ("TYPE=INTERNET", "zoe.work@example.org"),
    ]
    assert unescape(values(zoe, "ORG")[0]) == "Acme, Inc."
    assert values(zoe, "TITLE") == ["Engineer"]
    assert split_unescaped(values(zoe, "ADR")[0], ";") == ["", "", "", "Berlin, Germany", "", "", ""]
    assert values(zoe, "URL") == ["https://www.linkedin.com/in/person-2"]
    assert [(p, v) for n, p, v in zoe if n == "X-SOCIALPROFILE"] == [
        ("TYPE=linkedin", "https://www.linkedin.com/in/person-2")
    ]
    assert split_unescaped(values(zoe, "CATEGORIES")[0], ",") == ["Open networker", "recruiter"]
    assert unescape(values(zoe, "NOTE")[0]) == "Met at the fair.\nFollow up in May."
    assert values(zoe, "REV") == ["20250601T120000Z"]
    assert values(cards[0], "TEL") == ["+49 30 1234567"]
    assert (
        values(cards[2], "EMAIL") == [] and values(cards[2], "URL") == [] and values(cards[2], "NOTE") == []
    )
    uids = [values(card, "UID")[0] for card in cards]
    assert len(set(uids)) == 3 and all(u.startswith("urn:uuid:") for u in uids)


def test_card_fields_4_0(tmp_path: Path, people: list[Contact]) -> None:
    path = tmp_path / "out.vcf"
    write_vcard(path, people, version="4.0")
    zoe = parse(path.read_bytes())[1]
    assert zoe[0] == ("VERSION", "", "4.0")
    assert [(p, v) for n, p, v in zoe if n == "EMAIL"] == [
        ("PREF=1", "zoe@example.com"),
        ("", "zoe.work@example.org"),
    ]
    assert values(zoe, "URL") == ["https://www.linkedin.com/in/person-2"]
    assert values(zoe, "X-SOCIALPROFILE") == []


def test_hostile_text_escapes_and_folds_and_comes_back(tmp_path: Path, hostile_people: list[Contact]) -> None:
    path = tmp_path / "hostile.vcf"
    write_vcard(path, hostile_people)
    data = path.read_bytes()
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")  # no line ends inside a UTF-8 sequence
    cards = parse(data)
    for text, card in zip(HOSTILE, cards, strict=True):
        expected = text.replace("\r\n", "\n").replace("\r", "\n")
        assert unescape(values(card, "NOTE")[0]) == expected
        assert unescape(values(card, "TITLE")[0]) == expected
        assert unescape(values(card, "ORG")[0]) == expected
        assert split_unescaped(values(card, "N")[0], ";")[:2] == [expected, expected]
        assert split_unescaped(values(card, "CATEGORIES")[0], ",") == [expected]


def test_long_values_fold_at_75_octets_without_splitting_characters() -> None:
    line = "NOTE:" + escape_text("李" * 60 + "\\;," * 30 + "a" * 200)
    folded = fold_line(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    assert max(len(p) for p in parts) >= 73  # folds use the room they have
    for part in parts:
        text = part.decode("utf-8")  # never inside a UTF-8 sequence
        assert not re.search(r"(?<!\\)(\\\\)*\\$", text)  # never between a backslash and what it escapes
    assert re.sub(r"\r\n ", "", folded) == line
    assert fold_line("FN:short") == "FN:short"


def test_only_web_profile_urls_are_written(tmp_path: Path) -> None:
    path = tmp_path / "u.vcf"
    write_vcard(
        path,
        [
            contact(1, linkedin_url="javascript:alert(1)"),
            contact(2, linkedin_url="www.linkedin.com/in/jürgen, x"),
        ],
    )
    first, second = parse(path.read_bytes())
    assert values(first, "URL") == [] and values(first, "X-SOCIALPROFILE") == []
    assert values(second, "URL") == ["https://www.linkedin.com/in/j%C3%BCrgen,%20x"]


def test_fn_falls_back_when_there_is_no_display_name(tmp_path: Path) -> None:
    path = tmp_path / "fn.vcf"
    write_vcard(
        path,
        [
            contact(1, display_name=""),
            Contact(id=2, company="Acme"),
            Contact(id=3, emails=("x@example.com",)),
            Contact(id=4),
        ],
    )
    assert [values(card, "FN")[0] for card in parse(path.read_bytes())] == [
        "First1 Last1",
        "Acme",
        "x@example.com",
        "Unnamed",
    ]


def test_control_characters_are_removed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.vcf"
    notices: list[str] = []
    write_vcard(path, [contact(1, notes="a\x00b\x07c\td", company="x\ud800y")], on_notice=notices.append)
    card = parse(path.read_bytes())[0]
    assert unescape(values(card, "NOTE")[0]) == "abc\td"
    assert unescape(values(card, "ORG")[0]) == "xy"
    assert notices == ["2 values held characters a vCard cannot carry; they were removed"]


def test_rev_uses_utc(tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    path = tmp_path / "r.vcf"
    berlin = datetime(2025, 1, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    write_vcard(path, [contact(1, updated_at=berlin), contact(2, updated_at=None)])
    first, second = parse(path.read_bytes())
    assert values(first, "REV") == ["20250102T090000Z"]
    assert re.fullmatch(r"\d{8}T\d{6}Z", values(second, "REV")[0])
    assert values(second, "REV")[0][:4] == str(datetime.now(UTC).year)


def test_cancel_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.vcf"
    path.write_bytes(b"old")
    calls = iter([False, True])
    with pytest.raises(Cancelled):
        write_vcard(path, [contact(i) for i in range(1500)], cancel=lambda: next(calls))
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.vcf"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_are_written_escaped_never_raw(tmp_path: Path, separator: str) -> None:
    """Issue 21: U+2028, U+2029 and U+0085 end a line for many readers; a card carries them as \\n."""
    path = tmp_path / "lines.vcf"
    write_vcard(path, [contact(1, notes=f"one{separator}two", company=f"A{separator}B")])
    data = path.read_bytes()
    assert separator.encode("utf-8") not in data
    card = parse(data)[0]
    assert values(card, "NOTE") == ["one\\ntwo"]
    assert unescape(values(card, "ORG")[0]) == "A\nB"
