"""The main window on a real demo database, driven with real clicks and keys (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.ui.contact_table_model import FIELDS, NAME_COLUMN
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings
from tests.ui.waiting import settle

COMPANY = FIELDS.index("company")
MARKUP = "<b>x</b><img src=y>"


def click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    view = window.contact_list
    index = window.model.index(row, NAME_COLUMN)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def click_header(qtbot: QtBot, window: MainWindow, column: int) -> None:
    header = window.contact_list.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_status_bar_shows_the_counts(window: MainWindow, services: Services) -> None:
    counts = services.counts()
    text = window.counts_label.text()
    assert f"Contacts: {counts.contacts}" in text
    assert f"Open networkers: {counts.open_networkers}" in text
    assert f"Follow-ups due: {counts.follow_ups_due}" in text
    assert f"Overdue: {counts.overdue}" in text
    assert counts.contacts == window.model.rowCount() == 300
    assert window.match_label.isHidden()
    assert window.windowTitle() == "netcrm.sqlite3 — netcrm"


def test_clicking_a_contact_shows_it_in_the_detail_pane(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    click_row(qtbot, window, 7)
    contact_id = window.model.contact_id(7)
    contact = services.get_contact(contact_id)
    pane = window.detail_pane
    assert pane.contact_id == contact_id
    assert pane.name_label.text() == contact.display_name == window.model.data(window.model.index(7, 0))
    assert pane.field_text("company") == contact.company
    assert pane.field_text("linkedin") == contact.linkedin_url
    assert pane.field_text("connected_on") == contact.connected_on.isoformat()
    click_row(qtbot, window, 8)
    assert pane.contact_id == window.model.contact_id(8)


def test_the_detail_pane_lists_follow_ups_and_the_timeline(window: MainWindow, services: Services) -> None:
    with_both = next(
        f.contact_id for f in services.list_follow_ups() if services.list_interactions(f.contact_id)
    )
    window.open_contact(with_both)
    texts = [label.text() for label in window.detail_pane.section_labels()]
    due = services.list_follow_ups(contact_id=with_both)[0]
    assert any(text.startswith(due.due.isoformat()) for text in texts)
    logged = services.list_interactions(with_both)[0]
    assert any(text.startswith(logged.occurred_on.isoformat()) for text in texts)


def test_typing_in_the_search_box_filters_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    some_name = window.model.data(window.model.index(0, NAME_COLUMN))
    word = some_name.split()[0]
    qtbot.keyClicks(window.search_box, word)
    shown = window.model.rowCount()
    assert 0 < shown < 300
    assert window.match_label.isVisible()
    assert window.match_label.text() == f"Showing {shown} of 300"
    qtbot.keyClicks(window.search_box, " zzqx")
    assert window.model.rowCount() == 0
    assert window.match_label.text() == "Showing 0 of 300"
    window.search_box.clear()
    assert window.model.rowCount() == 300
    assert window.match_label.isHidden()


def test_search_is_accent_insensitive(qtbot: QtBot, services: Services, db_path: Path) -> None:
    services.add_contact(ContactDraft(first_name="Łukasz", last_name="Müller", company="Żabka"))
    window = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(window)
    window.attach(services)
    window.show()
    qtbot.keyClicks(window.search_box, "lukasz muller zabka")
    assert window.model.rowCount() == 1
    assert window.model.data(window.model.index(0, NAME_COLUMN)) == "Łukasz Müller"


def test_search_keeps_the_selected_contact(qtbot: QtBot, window: MainWindow) -> None:
    click_row(qtbot, window, 3)
    chosen = window.contact_list.current_contact_id()
    assert chosen is not None
    name = window.model.data(window.model.index(3, NAME_COLUMN))
    qtbot.keyClicks(window.search_box, name)
    assert window.contact_list.current_contact_id() == chosen
    assert window.detail_pane.contact_id == chosen


def test_clicking_a_header_sorts(qtbot: QtBot, window: MainWindow) -> None:
    model = window.model
    assert model.sort_column() == NAME_COLUMN  # the default
    click_header(qtbot, window, COMPANY)
    assert model.sort_column() == COMPANY
    companies = [model.data(model.index(r, COMPANY)) for r in range(model.rowCount())]
    filled = [c for c in companies if c]
    assert companies[: len(filled)] == filled  # empty ones last
    first_order = model.sort_order()
    click_header(qtbot, window, COMPANY)
    assert model.sort_order() != first_order
    reversed_companies = [model.data(model.index(r, COMPANY)) for r in range(len(filled))]
    assert reversed_companies[0] == filled[-1] or reversed_companies[0].casefold() == filled[-1].casefold()


def test_follow_ups_are_listed_and_open_their_contact(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    pane = window.follow_up_pane
    open_items = services.list_follow_ups()
    assert open_items and pane.model.item_count() == len(open_items)
    view = pane.view
    group = pane.model.index(0, 0)
    first = pane.model.index(0, 0, group)
    item = pane.model.follow_up_at(first)
    assert item is not None
    view.setFocus()
    view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.contact_list.current_contact_id() == item.contact_id
    assert window.detail_pane.name_label.text() == item.contact_name


def test_double_clicking_a_follow_up_clears_a_search_that_hides_its_contact(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.follow_up_pane
    group = pane.model.index(pane.model.rowCount() - 1, 0)
    last = pane.model.index(pane.model.rowCount(group) - 1, 0, group)
    item = pane.model.follow_up_at(last)
    assert item is not None
    qtbot.keyClicks(window.search_box, "zzqx no one")
    assert window.model.rowCount() == 0
    pane.view.scrollTo(last)
    rect = pane.view.visualRect(last)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.search_box.text() == ""
    assert window.contact_list.current_contact_id() == item.contact_id


def test_markup_in_a_name_is_shown_literally(qtbot: QtBot, services: Services, db_path: Path) -> None:
    added = services.add_contact(
        ContactDraft(
            display_name=MARKUP, first_name="Eve", company="<i>Evil</i> & Co", notes="<script>1</script>"
        )
    )
    window = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(window)
    window.attach(services)
    window.show()
    window.open_contact(added.id)
    pane = window.detail_pane
    assert pane.name_label.text() == MARKUP
    assert pane.name_label.textFormat() == Qt.TextFormat.PlainText
    assert pane.field_text("company") == "<i>Evil</i> & Co"  # line edits and plain-text edits: never HTML
    assert pane.field_text("notes") == "<script>1</script>"
    row = window.model.row_of(added.id)
    assert row is not None
    assert window.model.data(window.model.index(row, NAME_COLUMN)) == MARKUP


def test_splitters_geometry_and_panes_are_restored(qtbot: QtBot, services: Services, db_path: Path) -> None:
    first = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(first)
    first.attach(services)
    first.show()
    qtbot.waitExposed(first)
    first.resize(760, 560)  # within the offscreen screen (800x600)
    first.main_splitter.setSizes([420, 340])
    first.side_splitter.setSizes([300, 180])
    first.follow_up_action.trigger()  # hide the follow-ups
    click_header(qtbot, first, COMPANY)
    qtbot.wait(10)
    sizes = first.main_splitter.sizes()
    side = first.side_splitter.sizes()
    first.close()

    second = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(second)
    second.attach(services)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (760, 560)
    assert second.main_splitter.sizes() == sizes
    assert second.side_splitter.sizes()[0] == side[0]
    assert not second.follow_up_action.isChecked()
    assert second.follow_up_pane.isHidden()
    assert second.model.sort_column() == COMPANY


def test_view_menu_toggles_panes(window: MainWindow) -> None:
    window.detail_action.trigger()
    assert window.detail_pane.isHidden()
    window.follow_up_action.trigger()
    assert window.side_splitter.isHidden()
    window.detail_action.trigger()
    assert window.detail_pane.isVisible() and window.side_splitter.isVisible()


def test_find_focuses_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.search_box.setText("abc")
    window.find_action.trigger()
    assert window.search_box.hasFocus()
    assert window.search_box.selectedText() == "abc"


def test_reload_picks_up_changes_made_elsewhere(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    services.add_contact(ContactDraft(first_name="Newly", last_name="Added"))
    assert window.model.total_count() == 300
    window.reload_action.trigger()
    assert window.refreshing() and window.model.total_count() == 300  # read in a worker: never a freeze
    settle(qtbot, window)
    assert window.model.total_count() == 301
    assert "Contacts: 301" in window.counts_label.text()


def test_every_model_keeps_the_qt_contract(window: MainWindow, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.follow_up_pane.model)


def test_the_window_paints_rows_before_services_arrive(
    qtbot: QtBot, services: Services, db_path: Path
) -> None:
    window = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(window)
    window.show_rows(services.list_rows(), services.today())
    window.show()
    assert window.model.rowCount() == 300
    assert not window.reload_action.isEnabled()
    click_row(qtbot, window, 2)  # remembered until the services arrive
    assert window.detail_pane.contact_id is None
    with qtbot.waitSignal(window.loaded):
        window.attach(services)
    assert window.detail_pane.contact_id == window.model.contact_id(2)
    assert window.reload_action.isEnabled()


def test_the_first_page_is_painted_then_every_row_keeps_the_chosen_contact(
    qtbot: QtBot, services: Services, db_path: Path
) -> None:
    """Start-up paints the first names from the index, then the full list arrives sorted the same way."""
    from netcrm.core.store.fastread import all_rows_sqlite, first_page_sqlite
    from netcrm.ui.contact_table_model import name_ranking

    window = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(window)
    page = first_page_sqlite(db_path, 40)
    window.show_first_page(page.rows, page.total, services.today())
    window.show()
    qtbot.waitExposed(window)
    assert (window.model.rowCount(), page.total, window.rows_pending()) == (40, 300, True)
    assert "300" in window.statusBar().currentMessage()
    first_names = [window.model.data(window.model.index(r, NAME_COLUMN)) for r in range(40)]
    click_row(qtbot, window, 7)
    chosen = window.contact_list.current_contact_id()
    everything = all_rows_sqlite(db_path)
    window.show_rows(everything.rows, services.today(), name_ranking(everything.rows, everything.name_order))
    assert (window.model.rowCount(), window.rows_pending()) == (300, False)
    assert [window.model.data(window.model.index(r, NAME_COLUMN)) for r in range(40)] == first_names
    assert window.contact_list.current_contact_id() == chosen
    assert window.statusBar().currentMessage() == ""


def test_escape_clears_the_search_and_down_goes_to_the_list(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.focus_search()
    qtbot.keyClicks(window.search_box, "zzqx")
    assert window.model.rowCount() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and window.model.rowCount() == 300
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.contact_list.hasFocus()
    assert window.contact_list.current_contact_id() is not None


def test_an_empty_database_says_how_to_start(qtbot: QtBot, tmp_path: Path) -> None:
    from netcrm.core.store.store import Store

    store = Store.open(str(tmp_path / "empty.sqlite3"))
    try:
        window = MainWindow(app_settings(), str(tmp_path / "empty.sqlite3"))
        qtbot.addWidget(window)
        window.attach(Services(store))
        assert window.model.rowCount() == 0
        assert "No contacts yet" in window.statusBar().currentMessage()
        assert "Contacts: 0" in window.counts_label.text()
        assert window.follow_up_pane.model.item_count() == 0
    finally:
        store.close()
