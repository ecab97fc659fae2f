"""The sidebar's smart lists: live counts, and clicking one scopes the list (search narrows within it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netcrm.core.model import LIST_COLUMNS, ContactDraft, ContactFilter
from netcrm.core.services import Services
from netcrm.ui.main_window import MainWindow
from netcrm.ui.sidebar import SidebarModel, count_rows
from tests.ui.waiting import settle

ID = LIST_COLUMNS.index("id")


def click_list(qtbot: QtBot, window: MainWindow, key: str) -> None:
    view = window.sidebar
    row = view.sidebar_model.row_of(key)
    assert row is not None, key
    index = view.sidebar_model.index(row)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def shown_ids(window: MainWindow) -> set[int]:
    return {window.model.contact_id(r) for r in range(window.model.rowCount())}


def test_the_sidebar_model_keeps_the_qt_contract(window: MainWindow, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(window.sidebar.sidebar_model)
    qtmodeltester.check(SidebarModel())


def test_counts_match_the_services(window: MainWindow, services: Services) -> None:
    model = window.sidebar.sidebar_model
    assert model.count_of("all") == 300
    assert model.count_of("open_networkers") == services.count_contacts(ContactFilter(open_networkers=True))
    assert model.count_of("due") == services.count_contacts(ContactFilter(due=True))
    assert model.count_of("recent") == 300  # the demo was made just now
    assert model.count_of("trash") == 0
    for tag in services.list_tags():
        if tag.count and not tag.builtin:  # the open networkers have their own list
            assert model.count_of(f"tag:{tag.name}") == tag.count


def test_clicking_a_list_filters_and_search_narrows_within(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    click_list(qtbot, window, "open_networkers")
    expected = {c.id for c in services.list_contacts(ContactFilter(open_networkers=True))}
    assert expected and shown_ids(window) == expected
    assert window.match_label.text() == f"Showing {len(expected)} of 300"
    names = [window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())]
    word = next(n.split()[0] for n in names if n.isascii())  # QTest types ASCII only
    qtbot.keyClicks(window.search_box, word)
    narrowed = shown_ids(window)
    assert narrowed and narrowed <= expected
    window.search_box.clear()
    tag = next(t for t in services.list_tags() if t.count and not t.builtin)
    click_list(qtbot, window, f"tag:{tag.name}")
    assert shown_ids(window) == {c.id for c in services.list_contacts(ContactFilter(tag=tag.name))}
    click_list(qtbot, window, "overdue")
    today = services.today()
    overdue = {f.contact_id for f in services.list_follow_ups() if f.due < today}
    assert shown_ids(window) == overdue
    click_list(qtbot, window, "all")
    assert window.model.rowCount() == 300 and window.match_label.isHidden()


def test_trash_shows_deleted_contacts_and_restores(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    victims = [window.model.contact_id(r) for r in range(3)]
    services.delete_contacts(victims)
    window.reload()
    settle(qtbot, window)
    assert window.sidebar.sidebar_model.count_of("trash") == 3
    assert window.sidebar.sidebar_model.count_of("all") == 297
    click_list(qtbot, window, "trash")
    assert window.in_trash()
    assert shown_ids(window) == set(victims)
    window.open_contact(victims[0])
    assert window.detail_pane.contact_id == victims[0]
    company = window.detail_pane.editor("company")
    assert isinstance(company, QLineEdit) and company.isReadOnly()  # restored before edited
    click_list(qtbot, window, "all")
    assert not window.in_trash() and window.model.rowCount() == 297
    assert not company.isReadOnly()


def test_recently_added_and_imported(qtbot: QtBot, services: Services, db_path: Path, tmp_path: Path) -> None:
    from netcrm.ui.settings import app_settings

    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical,Countess,01 Jan 2024\n"
        "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley,Mathematician,02 Jan 2024\n",
        encoding="utf-8",
    )
    report = services.apply_import(services.read_import(csv))
    window = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(window)
    window.attach(services)
    window.show()
    batch_key = f"batch:{report.batch_id}"
    assert window.sidebar.sidebar_model.count_of(batch_key) == 2
    click_list(qtbot, window, batch_key)
    names = {window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())}
    assert names == {"Ada Lovelace", "Alan Turing"}


def test_recently_added_uses_created_times(services: Services) -> None:
    later = services.add_contact(ContactDraft(first_name="Fresh"))
    assert later.id in services.smart_list_ids("recent", recent_days=30)
    assert services.smart_lists(recent_days=30).recent == 301
    rows = services.list_rows()
    counted = count_rows(rows, services.today() + timedelta(days=10_000))
    assert counted.all == 301


def test_counts_adjust_for_one_changed_row(services: Services) -> None:
    from netcrm.ui.sidebar import adjusted

    rows = services.list_rows()
    today = services.today()
    before = count_rows(rows, today)
    at = LIST_COLUMNS.index("tag_names")
    changed = (*rows[0][:at], "Alumni; Brand new", *rows[0][at + 1 :])
    after = adjusted(before, rows[0], changed, today)
    assert after == count_rows([changed, *rows[1:]], today)


def test_a_long_import_file_name_leaves_every_count_in_sight(qtbot: QtBot) -> None:
    """Seen after a real import: the batch's file name widened every row past the view, counts and all."""
    from PySide6.QtGui import QImage

    from netcrm.ui.sidebar import SidebarView

    view = SidebarView()
    qtbot.addWidget(view)
    view.resize(220, 400)
    view.show()
    qtbot.waitExposed(view)
    long_name = "Complete_LinkedInDataExport_11-26-2026.zip (26 Nov 2026)"

    def right_edge(counts: dict[str, int]) -> QImage:
        view.sidebar_model.set_counts(counts, [(1, long_name, 100000)], {})
        image = view.viewport().grab().toImage()
        row = view.visualRect(view.sidebar_model.index(view.sidebar_model.row_of("all") or 0))
        return image.copy(view.viewport().width() - 70, row.top(), 70, row.height())

    assert right_edge({"all": 100000}) != right_edge({})  # the count is drawn where the view shows it
