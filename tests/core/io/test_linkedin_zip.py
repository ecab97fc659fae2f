"""LinkedIn's export zip: Connections.csv found inside and read in memory; hostile archives refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.readers import read_bytes, read_file

from .conftest import DATA, read
from .zips import bomb, with_declared_size, zip_bytes


def test_basic_export_zip() -> None:
    result = read("linkedin/Basic_LinkedInDataExport_11-24-2025.zip")
    assert (result.format, result.encoding) == ("linkedin-zip", "utf-8")
    assert result.path == str(DATA / "linkedin/Basic_LinkedInDataExport_11-24-2025.zip")
    assert len(result.rows) == 10 and result.hidden_members == 2
    assert result.rows == read("linkedin/connections_2024.csv").rows


def test_member_in_subfolder_any_case_and_macos_shadow_ignored() -> None:
    result = read("linkedin/Complete_LinkedInDataExport_09-12-2022.zip")
    assert result.format == "linkedin-zip"
    assert len(result.rows) == 5


def test_hostile_member_names_are_never_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = set(os.listdir(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = read_file(DATA / "linkedin/export_hostile_names.zip")
    assert len(result.rows) == 10
    assert set(os.listdir(tmp_path)) == before
    assert not (tmp_path.parent.parent / "evil.csv").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("linkedin/export_two_connections.zip", "more than one Connections.csv"),
        ("linkedin/export_without_connections.zip", "neither a workbook nor LinkedIn's Connections.csv"),
        ("linkedin/export_encrypted.zip", "password-protected"),
    ],
)
def test_refused_archives(name: str, message: str) -> None:
    with pytest.raises(FileRefusedError, match=message):
        read(name)


def test_without_connections_names_what_it_holds() -> None:
    with pytest.raises(
        FileRefusedError, match=r"no Connections.csv in this archive \(it holds Invitations.csv"
    ):
        read("linkedin/export_without_connections.zip", format="linkedin-zip")


def test_zip_bomb_refused_before_inflating() -> None:
    data = bomb("Connections.csv", 50, prefix=b"First Name,Last Name\n")
    assert len(data) < 200_000
    with pytest.raises(FileRefusedError, match=r"'Connections.csv' would expand [\d,]+ times") as caught:
        read_bytes(data, "Basic_LinkedInDataExport_01-01-2026.zip")
    assert "zip bomb" in str(caught.value)


def test_declared_total_over_limit_refused() -> None:
    data = with_declared_size(
        zip_bytes({"Connections.csv": b"x" * 100}), "Connections.csv", 300 * 1024 * 1024
    )
    with pytest.raises(FileRefusedError, match=r"would expand|more than 200 MB"):
        read_bytes(data, "export.zip", format="linkedin-zip")


def test_member_lying_about_its_size_is_never_inflated_past_it() -> None:
    real = b"First Name,Last Name\n" + b"Ada,Lovelace\n" * 400_000
    data = with_declared_size(zip_bytes({"Connections.csv": real}), "Connections.csv", 1000)
    with pytest.raises(FileRefusedError, match=r"damaged|not the size"):
        read_bytes(data, "export.zip", format="linkedin-zip")


def test_truncated_zip() -> None:
    data = (DATA / "linkedin/Basic_LinkedInDataExport_11-24-2025.zip").read_bytes()
    with pytest.raises(FileRefusedError, match="truncated or damaged"):
        read_bytes(data[: len(data) // 2], "export.zip")


def test_binary_connections_member_refused() -> None:
    data = zip_bytes({"Connections.csv": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    with pytest.raises(FileRefusedError, match=r"\[Connections.csv\]: not a CSV file: it is a PNG image"):
        read_bytes(data, "export.zip")
