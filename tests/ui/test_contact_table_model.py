"""ContactTableModel: filtering, sorting and lookups over tuple rows, and Qt's model contract."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from netcrm.core.model import LIST_COLUMNS
from netcrm.core.rules import search_key
from netcrm.ui.contact_table_model import FIELDS, ContactTableModel, name_ranking

TODAY = date(2026, 11, 26)
COMPANY = FIELDS.index("company")
CONNECTED = FIELDS.index("connected_on")
NEXT = FIELDS.index("next_follow_up")
NAME = FIELDS.index("display_name")


def row(contact_id: int, name: str, company: str | None = None, **values: Any) -> tuple[Any, ...]:
    """A row shaped like LIST_ROWS_SQL's, with its search key folded as the core folds it."""
    first, _, last = name.partition(" ")
    fields: dict[str, Any] = dict.fromkeys(LIST_COLUMNS)
    fields.update(
        id=contact_id, display_name=name, first_name=first, last_name=last, company=company, open_networker=0
    )
    fields.update(values)
    fields["search_key"] = search_key(
        [first, last, name, company or "", values.get("position") or "", values.get("notes") or ""]
    )
    fields.pop("notes", None)
    return tuple(fields[column] for column in LIST_COLUMNS)


ROWS = [
    row(1, "Łukasz Kowalski", "Allegro", connected_on="2020-05-01"),
    row(2, "Anna Müller", "Siemens", connected_on="2019-01-15", next_follow_up="2026-11-20"),
    row(3, "Mark Martin", None, connected_on=None, next_follow_up="2026-12-01"),
    row(4, "王芳", "华为", connected_on="2024-03-03"),
    row(5, "Marie Curie", "allegro", position="Physicist", open_networker=1),
    row(6, "Zoë Adams", "", connected_on="2021-07-07", notes="met at the Mar conference"),
]


@pytest.fixture
def model() -> ContactTableModel:
    m = ContactTableModel()
    m.set_rows(list(ROWS), TODAY)
    return m


def names(model: ContactTableModel) -> list[str]:
    return [model.data(model.index(r, NAME)) for r in range(model.rowCount())]


def test_rows_show_display_strings_only(model: ContactTableModel) -> None:
    model.sort(-1)
    assert model.rowCount() == len(ROWS)
    assert model.columnCount() == len(FIELDS)
    assert model.data(model.index(0, NAME)) == "Łukasz Kowalski"
    assert model.data(model.index(2, COMPANY)) == ""  # None shows as empty text
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.data(model.index(0, NAME), Qt.ItemDataRole.EditRole) is None


def test_filter_is_case_and_accent_insensitive(model: ContactTableModel) -> None:
    model.set_query("łukasz")
    assert names(model) == ["Łukasz Kowalski"]
    model.set_query("LUKASZ")
    assert names(model) == ["Łukasz Kowalski"]
    model.set_query("muller")
    assert names(model) == ["Anna Müller"]
    model.set_query("王")
    assert names(model) == ["王芳"]


def test_every_word_must_match_in_any_field(model: ContactTableModel) -> None:
    model.set_query("allegro")
    assert sorted(names(model)) == ["Marie Curie", "Łukasz Kowalski"]
    model.set_query("allegro physicist")
    assert names(model) == ["Marie Curie"]
    model.set_query("mar conference")  # notes are searched too
    assert names(model) == ["Zoë Adams"]
    model.set_query("zzq")
    assert model.rowCount() == 0
    model.set_query("  ")
    assert model.rowCount() == len(ROWS)


def test_typing_narrows_and_deleting_widens(model: ContactTableModel) -> None:
    seen = []
    for text in ("m", "ma", "mar", "mart", "mar", "m", ""):
        model.set_query(text)
        seen.append(model.rowCount())
    assert seen == [4, 3, 3, 1, 3, 4, 6]
    assert model.visible_count() == 6 and model.total_count() == 6


def test_sort_by_name_folds_accents(model: ContactTableModel) -> None:
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert names(model) == [
        "Anna Müller",
        "Łukasz Kowalski",
        "Marie Curie",
        "Mark Martin",
        "Zoë Adams",
        "王芳",
    ]


def test_sort_text_casefolded_and_empty_last_both_ways(model: ContactTableModel) -> None:
    model.sort(COMPANY, Qt.SortOrder.AscendingOrder)
    companies = [model.data(model.index(r, COMPANY)) for r in range(model.rowCount())]
    assert companies == ["Allegro", "allegro", "Siemens", "华为", "", ""]
    model.sort(COMPANY, Qt.SortOrder.DescendingOrder)
    companies = [model.data(model.index(r, COMPANY)) for r in range(model.rowCount())]
    assert companies == [
        "华为",
        "Siemens",
        "allegro",
        "Allegro",
        "",
        "",
    ]  # exactly the ascending order reversed


def test_sort_dates_and_follow_ups(model: ContactTableModel) -> None:
    model.sort(CONNECTED, Qt.SortOrder.DescendingOrder)
    days = [model.data(model.index(r, CONNECTED)) for r in range(model.rowCount())]
    assert days == ["2024-03-03", "2021-07-07", "2020-05-01", "2019-01-15", "", ""]
    model.sort(NEXT, Qt.SortOrder.AscendingOrder)
    assert names(model)[:2] == ["Anna Müller", "Mark Martin"]


def test_sort_applies_to_the_filter_and_survives_widening(model: ContactTableModel) -> None:
    model.set_query("a")
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Zoë Adams", "Mark Martin", "Marie Curie", "Łukasz Kowalski", "Anna Müller"]
    model.set_query("")
    assert names(model) == [
        "王芳",
        "Zoë Adams",
        "Mark Martin",
        "Marie Curie",
        "Łukasz Kowalski",
        "Anna Müller",
    ]
    assert model.sort_column() == NAME and model.sort_order() == Qt.SortOrder.DescendingOrder


def test_sort_keeps_the_selection_on_the_same_contact(model: ContactTableModel) -> None:
    model.sort(-1)
    kept = QPersistentModelIndex(model.index(1, COMPANY))  # Anna Müller
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert kept.isValid()
    assert model.data(model.index(kept.row(), NAME)) == "Anna Müller"
    assert kept.column() == COMPANY


def test_lookups(model: ContactTableModel) -> None:
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    row_of_marie = model.row_of(5)
    assert row_of_marie is not None
    assert model.contact_id(row_of_marie) == 5
    model.set_query("łukasz")
    assert model.row_of(5) is None
    assert model.row_of(1) == 0
    assert model.row_of(999) is None


def test_overdue_follow_up_is_bold_with_an_icon(model: ContactTableModel) -> None:
    model.sort(-1)
    overdue = model.index(1, NEXT)  # 2026-11-20, before TODAY
    later = model.index(2, NEXT)
    assert model.data(overdue, Qt.ItemDataRole.FontRole).bold()
    assert model.data(later, Qt.ItemDataRole.FontRole) is None
    assert model.data(overdue, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(4, NAME), Qt.ItemDataRole.DecorationRole) is not None  # open networker
    assert model.data(model.index(0, NAME), Qt.ItemDataRole.DecorationRole) is None


def test_markup_in_data_stays_literal() -> None:
    m = ContactTableModel()
    m.set_rows([row(1, "<b>x</b><img src=y>", "<i>co</i>")], TODAY)
    assert m.data(m.index(0, NAME)) == "<b>x</b><img src=y>"
    tooltip = m.data(m.index(0, NAME), Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tooltip and "&lt;b&gt;x&lt;/b&gt;&lt;img src=y&gt;" in tooltip


def test_new_rows_keep_query_and_sort(model: ContactTableModel) -> None:
    model.set_query("allegro")
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_rows([*ROWS, row(7, "Zed Allegro-Fan", "x")], TODAY)
    assert names(model) == ["Zed Allegro-Fan", "Marie Curie", "Łukasz Kowalski"]


def test_model_contract(model: ContactTableModel, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(model)
    model.set_query("a")
    model.sort(COMPANY, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_empty_model(qtmodeltester: ModelTester) -> None:
    empty = ContactTableModel()
    qtmodeltester.check(empty)
    empty.set_query("x")
    empty.sort(NAME)
    assert empty.rowCount() == 0


def test_dates_from_a_server_database_show_and_sort_as_iso() -> None:
    m = ContactTableModel()
    m.set_rows(
        [row(1, "A B", connected_on=date(2021, 3, 4)), row(2, "C D", connected_on=date(2019, 1, 2))], TODAY
    )
    m.sort(CONNECTED, Qt.SortOrder.AscendingOrder)
    assert [m.data(m.index(r, CONNECTED)) for r in range(2)] == ["2019-01-02", "2021-03-04"]


# -- smart-list scopes and in-place updates (issue 5) ----------------------------------------------


def test_a_scope_narrows_and_search_narrows_within_it(
    model: ContactTableModel, qtmodeltester: ModelTester
) -> None:
    model.sort(NAME)
    model.set_scope({1, 2, 5})
    assert names(model) == ["Anna Müller", "Łukasz Kowalski", "Marie Curie"]
    model.set_query("mar")
    assert names(model) == ["Marie Curie"]
    model.set_query("")
    model.set_scope(lambda r: bool(r[LIST_COLUMNS.index("open_networker")]))
    assert names(model) == ["Marie Curie"]
    assert model.has_scope()
    qtmodeltester.check(model)
    model.set_scope(None)
    assert model.rowCount() == len(ROWS) and not model.has_scope()


def test_update_row_repaints_in_place_and_keeps_the_scope(model: ContactTableModel) -> None:
    model.set_scope({1, 2})
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    assert model.update_row(row(2, "Anna Müller", "Bosch", next_follow_up="2026-11-20"))
    shown = model.row_of(2)
    assert shown is not None and changed == [shown]
    assert model.data(model.index(shown, COMPANY)) == "Bosch"
    assert model.row_for(2) is not None
    model.set_query("bosch")
    assert names(model) == ["Anna Müller"]
    assert not model.update_row(row(99, "Nobody"))


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_the_databases_name_order_equals_the_models_own_sort(tmp_path: Path, order: Qt.SortOrder) -> None:
    """Names ranked from `sort_name` (start-up, no folding) sort exactly as the model sorts them itself."""
    import sqlite3

    from netcrm.core.model import ContactDraft
    from netcrm.core.services import Services
    from netcrm.core.store.fastread import all_rows_sqlite, first_page_sqlite
    from netcrm.core.store.store import Store

    db = tmp_path / "names.sqlite3"
    store = Store.open(str(db))
    svc = Services(store)
    svc.add_demo(200, seed=11)
    for first in ["łukasz", "Łukasz", "Lukasz", "ZOË", "zoe", "王芳", "Ωmega", "émile", "Emile", "émile"]:
        svc.add_contact(ContactDraft(first_name=first, last_name="Zed"))
    trashed = svc.add_contact(ContactDraft(first_name="Aaron", last_name="Aardvark")).id
    svc.delete_contacts([trashed])
    store.close()
    with sqlite3.connect(db) as conn:  # a nameless contact (an old import) sorts last, as the model does
        conn.execute("UPDATE contact SET display_name = '', sort_name = '' WHERE id = 5")
    everything = all_rows_sqlite(db)
    assert trashed not in {r[0] for r in everything.rows}
    fast, slow = ContactTableModel(), ContactTableModel()
    fast.set_rows(everything.rows, TODAY, name_ranking(everything.rows, everything.name_order))
    slow.set_rows(list(everything.rows), TODAY)
    fast.sort(NAME, order)
    slow.sort(NAME, order)
    ids = [fast.contact_id(r) for r in range(fast.rowCount())]
    assert ids == [slow.contact_id(r) for r in range(slow.rowCount())]
    assert ids[-1] == 5
    page = first_page_sqlite(db, 25, descending=order == Qt.SortOrder.DescendingOrder)
    shown = ContactTableModel()
    shown.set_rows(page.rows, TODAY)
    shown.sort(NAME, order)
    assert [shown.contact_id(r) for r in range(25)] == ids[:25]
    assert page.total == len(everything.rows)


def test_back_from_the_trash_the_rows_keep_their_order(model: ContactTableModel) -> None:
    live = model.rows()
    model.sort(COMPANY, Qt.SortOrder.DescendingOrder)
    before = [model.contact_id(r) for r in range(model.rowCount())]
    model.update_row(row(3, "Mark Martin", "Zeta"))  # an edit: no longer empty (last)
    model.set_rows([row(9, "Trashed Person", "Aardvark")], TODAY)
    assert [model.contact_id(r) for r in range(model.rowCount())] == [9]
    model.set_rows(live, TODAY)
    after = [model.contact_id(r) for r in range(model.rowCount())]
    assert after != before and sorted(after) == sorted(before)  # the edited company moved
    fresh = ContactTableModel()
    fresh.set_rows(list(live), TODAY)
    fresh.sort(COMPANY, Qt.SortOrder.DescendingOrder)
    assert after == [fresh.contact_id(r) for r in range(fresh.rowCount())]
