"""Printable workbooks (issue 16): each sheet prints landscape, one page wide, its header on every page."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from netcrm.core.io.export_common import CONTACT_HEADERS
from netcrm.core.io.export_xlsx import write_xlsx
from netcrm.core.model import Contact, Tag

from .conftest import contact

TODAY = date(2026, 12, 7)


def _people(count: int) -> list[Contact]:
    return [contact(i) for i in range(1, count + 1)]


def test_every_sheet_has_a_page_setup(tmp_path: Path) -> None:
    path = tmp_path / "print.xlsx"
    write_xlsx(path, _people(5), today=TODAY)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.print_area, ws.title
        assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == ("&A", "Page &P of &N"), ws.title
    assert "$A$1:$S$6" in str(wb["Contacts"].print_area)


def test_the_tags_sheet_says_no_where_a_tag_is_not_built_in(tmp_path: Path) -> None:
    path = tmp_path / "tags.xlsx"
    tags = [Tag(id=1, name="Open networker", builtin=True, count=1), Tag(id=2, name="coach", count=2)]
    write_xlsx(path, _people(2), today=TODAY, tags=tags)
    values = [row[2] for row in openpyxl.load_workbook(path)["Tags"].iter_rows(min_row=2, values_only=True)]
    assert values == ["Yes", "No"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_every_page_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "print.xlsx"
    write_xlsx(path, _people(400), today=TODAY)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "print.pdf"
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert 4 <= pages <= 20  # 400 contacts, one page wide: a handful of pages, not hundreds of narrow ones
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: pages counted, their text not checked")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    printed = [page for page in text.split("\f") if page.strip()]
    assert len(printed) == pages
    contacts = [page for page in printed if re.search(r"^\s*Contacts\s+Page \d+ of \d+", page, re.M)]
    assert len(contacts) >= 3
    for page in contacts:
        assert CONTACT_HEADERS[0] in page and CONTACT_HEADERS[-1] in page  # header, all columns wide
    for page in printed:
        assert re.search(r"Page \d+ of \d+", page)  # the footer on every page of every sheet
