"""Cell hyperlinks of a worksheet, which calamine does not report (issue 14).

A hand-kept sheet shows "Mei's profile" in a cell that links to https://www.linkedin.com/in/…, or "write to
Mei" linking to mailto:…: the target is what matters. Two ways a workbook holds a link are read: the
sheet's ``<hyperlinks>`` part (targets in the sheet's relationships; Excel's Insert → Link, openpyxl's
``cell.hyperlink``) and a ``HYPERLINK("target", "text")`` formula. The XML was vetted by xlsx.py first (no
DTD, no entities, bounded sizes); only the small parts are parsed as trees, the sheet itself is searched.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from urllib.parse import unquote
from xml.etree import ElementTree

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_HYPERLINK_RE = re.compile(rb"<(?:\w+:)?hyperlink\b([^>]*)/?>")
_ATTR_RE = re.compile(rb'([\w:]+)="([^"]*)"')
_FORMULA_RE = re.compile(
    rb'<(?:\w+:)?c\b[^>]*\br="([A-Z]{1,3})(\d+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*>\s*HYPERLINK\(\s*(?:"|&quot;)(.*?)(?:"|&quot;)',
    re.IGNORECASE,
)
_REF_RE = re.compile(r"([A-Z]{1,3})(\d+)")


def _column(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _unescape(text: str) -> str:
    return (
        text.replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member of the sheet named `sheet`, through the workbook's relationships."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    rel_id = next(
        (s.get(f"{_REL_NS}id") for s in workbook.iter(f"{_MAIN_NS}sheet") if s.get("name") == sheet), None
    )
    target = next(
        (r.get("Target") for r in rels.iter(f"{_PKG_NS}Relationship") if r.get("Id") == rel_id), None
    )
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def hyperlinks(vetted: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """{(Excel row, Excel column, both 1-based): target} of the sheet's external links and HYPERLINK()s."""
    with zipfile.ZipFile(io.BytesIO(vetted)) as book:
        part = _sheet_part(book, sheet)
        if part is None or part not in book.namelist():
            return {}
        xml = book.read(part)
        if b"hyperlink" not in xml.lower():
            return {}
        found: dict[tuple[int, int], str] = {}
        for letters, row, target in _FORMULA_RE.findall(xml):
            found[(int(row), _column(letters.decode()))] = _unescape(target.decode("utf-8", "replace"))
        links = _HYPERLINK_RE.findall(xml)
        if not links:
            return found
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        try:
            rels = ElementTree.fromstring(book.read(rels_name))
        except (KeyError, ElementTree.ParseError):
            return found
        targets = {
            r.get("Id"): r.get("Target") or ""
            for r in rels.iter(f"{_PKG_NS}Relationship")
            if r.get("TargetMode") == "External"
        }
    for attributes in links:
        attrs = {
            key.decode().split(":")[-1]: value.decode("utf-8", "replace")
            for key, value in _ATTR_RE.findall(attributes)
        }
        target = targets.get(attrs.get("id"))
        ref = _REF_RE.fullmatch(attrs.get("ref", "").split(":")[0])
        if target and ref:
            found[(int(ref[2]), _column(ref[1]))] = _unescape(target)
    return found


def mail_address(target: str) -> str | None:
    """The address of a ``mailto:`` target (its query, like ?subject=, left out), else None."""
    if target[:7].lower() != "mailto:":
        return None
    return unquote(target[7:].split("?", 1)[0]).strip() or None
