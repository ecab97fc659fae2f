"""Real third-party sample files (PROVENANCE.md): the copies in tests/data, and ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.readers import read_file

from .conftest import DATA, SHARED_SAMPLES

COPIES = DATA / "samples"
EXPECTED = {
    "ez-vcard/John_Doe_ANDROID.vcf": ("vcard", 6),
    "ez-vcard/John_Doe_GMAIL.vcf": ("vcard", 1),
    "ez-vcard/John_Doe_IPHONE.vcf": ("vcard", 1),
    "ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf": ("vcard", 1),
    "ez-vcard/John_Doe_MS_OUTLOOK.vcf": ("vcard", 1),
    "ez-vcard/gmail-list.vcf": ("vcard", 3),
    "ez-vcard/gmail-single.vcf": ("vcard", 1),
    "ez-vcard/outlook-2003.vcf": ("vcard", 1),
    "ez-vcard/outlook-2007.vcf": ("vcard", 1),
    "ez-vcard/rfc6350-example.vcf": ("vcard", 1),
    "escalate-google-csv/google_csv_legacy_2021.csv": ("google", 2),
    "escalate-google-csv/google_csv_new_2024.csv": ("google", 2),
    "linkedin/Connections-random-names.csv": ("linkedin", 506),
}


def _roots() -> list[Path]:
    return [COPIES, SHARED_SAMPLES]


@pytest.mark.parametrize("root", _roots(), ids=["copies", "shared"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_parses(root: Path, name: str) -> None:
    if not root.is_dir():
        pytest.skip(f"{root} is absent (../shared/samples only exists next to the project checkout)")
    result = read_file(root / name)
    assert (result.format, len(result.rows)) == EXPECTED[name]
    assert not result.skipped


def test_copies_match_shared_samples() -> None:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip("../shared/samples is absent")
    for name in EXPECTED:
        assert (COPIES / name).read_bytes() == (SHARED_SAMPLES / name).read_bytes(), name


def test_details_of_real_vcards() -> None:
    outlook = read_file(COPIES / "ez-vcard/outlook-2003.vcf").rows[0]
    assert (
        outlook.notes == "This is the note field!!\r\nSecond line\r\n\r\nThird line is empty"
    )  # QP split "=0D=" "=0A"
    assert (outlook.company, outlook.first_name, outlook.display_name) == (
        "Company, The",
        "John",
        "John Doe III",
    )
    iphone = read_file(COPIES / "ez-vcard/John_Doe_IPHONE.vcf").rows[0]  # CR CR LF line ends
    assert iphone.emails == ("john.doe@ibm.com",) and len(iphone.phones) == 7
    mac = read_file(COPIES / "ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf").rows[0]  # two-space photo folding
    assert mac.notes.startswith('THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"')
    android = read_file(COPIES / "ez-vcard/John_Doe_ANDROID.vcf")
    assert any(contact.display_name == "Ñ Ñ Ñ Ñ Ñ" for contact in android.rows)
    assert {w.column for w in android.warnings} == {"EMAIL", "ORG"}  # a QP "address" and a stray 0x80 byte
    rfc = read_file(COPIES / "ez-vcard/rfc6350-example.vcf").rows[0]
    assert rfc.phones == ("+1-418-656-9254 ext. 102", "+1-418-262-6501")


def test_real_google_and_linkedin_details() -> None:
    legacy = read_file(COPIES / "escalate-google-csv/google_csv_legacy_2021.csv").rows[0]
    assert legacy.tags == ("Mittelschule", "JGA Blake", "friends")
    assert legacy.location == "Dresden, DE"
    new = read_file(COPIES / "escalate-google-csv/google_csv_new_2024.csv").rows[1]
    assert new.display_name == "Max Amadeus Mustermann"
    linkedin = read_file(COPIES / "linkedin/Connections-random-names.csv")
    assert all(contact.connected_on is None for contact in linkedin.rows)  # dates were blanked


def test_preamble_alone_is_refused() -> None:
    with pytest.raises(FileRefusedError, match="no LinkedIn Connections header"):
        read_file(COPIES / "linkedin/connections_preamble_exact.bin")
