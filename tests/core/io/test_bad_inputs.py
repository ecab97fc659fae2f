"""RELIABILITY.md 4(b): each bad input is refused with a one-line message naming the file (and row/column)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcrm.core.errors import EnvironmentFailure, FileRefusedError, ValidationError
from netcrm.core.io import limits, readers
from netcrm.core.io.readers import read_bytes, read_file

from .conftest import DATA, read


@pytest.mark.parametrize(
    ("name", "message", "row", "column"),
    [
        ("bad/empty.csv", "empty", None, None),
        ("bad/blank_lines.csv", "empty", None, None),
        ("bad/header_only.csv", "no data rows", 1, None),
        ("bad/binary_png.csv", "it is a PNG image", None, None),
        ("bad/random_binary.csv", "binary data", None, None),
        ("bad/unterminated_quote.csv", "unterminated quoted field", 2, None),
        ("bad/unterminated_quote_mid_file.csv", "unterminated quoted field", 2, None),
        ("bad/nul_byte.csv", "NUL byte", 3, "Last Name"),
        ("bad/invalid_utf8.csv", r"not valid UTF-8 \(byte 0xFF", 4, None),
        ("bad/shift_jis.csv", "not valid UTF-8", 2, None),
    ],
)
def test_refused_files(name: str, message: str, row: int | None, column: str | None) -> None:
    with pytest.raises(FileRefusedError, match=message) as caught:
        read(name)
    error = caught.value
    assert (error.row, error.column) == (row, column)
    assert str(error).startswith(str(DATA / name))
    assert "\n" not in str(error)
    assert error.exit_code == 2


@pytest.mark.parametrize("fmt", ["linkedin", "google", "outlook", "csv", "vcard"])
def test_binary_refused_whatever_the_format(fmt: str) -> None:
    with pytest.raises(FileRefusedError):
        read("bad/binary_png.csv", format=fmt)


def test_cp1252_is_a_fallback_only_for_plausible_text() -> None:
    result = read_bytes("First Name,Last Name\nZoë,Ça va\n".encode("cp1252"), "c.csv")
    assert result.encoding == "cp1252"
    assert (result.rows[0].first_name, result.rows[0].last_name) == ("Zoë", "Ça va")


def test_damaged_text_is_flagged_not_hidden() -> None:
    result = read_bytes("First Name,Last Name\nAda,Lov\ufffdlace\n".encode(), "c.csv")
    assert result.warnings[0].row == 2 and "U+FFFD" in result.warnings[0].reason


def test_million_character_cell_is_cut_and_its_row_kept() -> None:
    text = (
        "First Name,Last Name,Notes\nAda,Lovelace,short\nHuge,Cell," + "x" * 1_000_000 + "\nGrace,Hopper,ok\n"
    )
    result = read_bytes(text.encode(), "big.csv")
    assert [c.last_name for c in result.rows] == ["Lovelace", "Cell", "Hopper"]
    assert len(result.rows[1].notes) == limits.MAX_CELL_CHARS and not result.skipped
    assert (result.warnings[0].row, result.warnings[0].column) == (3, "Notes")
    assert "1,000,000 characters cut" in result.warnings[0].reason


def test_cell_over_the_cap_but_under_csv_limit_is_cut() -> None:
    text = "Name,Notes\nAda Lovelace," + "y" * (limits.MAX_CELL_CHARS + 1) + "\nGrace Hopper,ok\n"
    result = read_bytes(text.encode(), "big.csv")
    assert [c.display_name for c in result.rows] == ["Ada Lovelace", "Grace Hopper"]
    assert (result.warnings[0].row, result.warnings[0].column) == (2, "Notes")


def test_too_many_columns() -> None:
    header = ",".join(f"c{i}" for i in range(20_000))
    with pytest.raises(FileRefusedError, match="20,001 columns; the limit is 1,000"):
        read_bytes(f"Name,{header}\nAda,{'x,' * 19_999}x\n".encode(), "wide.csv")


def test_file_size_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"Name\n" + b"Ada Lovelace\n" * 1000)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FileRefusedError, match="too large; the limit is"):
        read_file(path)


def test_missing_folder_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError, match="no such file"):
        read_file(tmp_path / "nope.csv")
    with pytest.raises(FileRefusedError, match="folder"):
        read_file(tmp_path)
    with pytest.raises(ValidationError, match="unknown format 'pdf'"):
        read("generic/tab_separated.tsv", format="pdf")


def test_unreadable_file_is_an_environment_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.csv"
    path.write_bytes(b"Name\nAda\n")

    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(EnvironmentFailure, match="permission denied"):
        read_file(path)


def test_unterminated_quote_past_the_detection_preview_is_still_refused() -> None:
    rows = "".join(f"Person{i},Surname{i},p{i}@example.com\n" for i in range(12_000))
    text = "First Name,Last Name,Email\n" + rows + 'Bad,"Quote,x@example.com\n'
    with pytest.raises(FileRefusedError, match="unterminated") as caught:
        read_bytes(text.encode(), "long.csv")
    assert caught.value.row == 12_002


def test_utf16_without_bom() -> None:
    text = "First Name,Last Name\r\nZoë,Łukasz\r\n"
    result = read_bytes(text.encode("utf-16-le"), "gmail.csv")
    assert result.encoding == "utf-16-le"
    assert (result.rows[0].first_name, result.rows[0].last_name) == ("Zoë", "Łukasz")


def test_nfc_and_trimming() -> None:
    decomposed = "Zoe\u0308"  # e + combining diaeresis
    result = read_bytes(f"First Name,Last Name\n  {decomposed} ,  Lee \n".encode(), "nfd.csv")
    assert (result.rows[0].first_name, result.rows[0].last_name) == ("Zoë", "Lee")
