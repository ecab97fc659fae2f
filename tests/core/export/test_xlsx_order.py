"""A workbook lists the named people first, then those without a name (shown by e-mail or company)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from netcrm.core.services import Services
from netcrm.core.store.store import Store

GOOGLE_STYLE = """First Name,Last Name,E-mail 1 - Value,Organization 1 - Name
,,aaron.early@example.com,
Zoe,Zimmer,zoe@example.com,Zeta
Anna,Berg,anna@example.com,Acme
,,bob@example.com,Bobcorp
Émile,Durand,,
"""


def test_unnamed_rows_come_after_every_named_one(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(GOOGLE_STYLE, encoding="utf-8")
    store = Store.open(str(tmp_path / "order.sqlite3"))
    try:
        svc = Services(store)
        svc.apply_import(svc.read_import(source))
        out = tmp_path / "out.xlsx"
        svc.export_contacts(out, format="xlsx")
        listed = [c.display_name for c in svc.list_contacts()]
    finally:
        store.close()
    sheet = openpyxl.load_workbook(out)["Contacts"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [
        "Anna Berg",
        "Émile Durand",
        "Zoe Zimmer",
        "aaron.early@example.com",
        "bob@example.com",
    ]
    assert listed == names  # the CLI's and the services' order is the same
