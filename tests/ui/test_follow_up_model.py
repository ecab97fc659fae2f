"""FollowUpModel: grouping by due date, plain text, and Qt's model contract."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netcrm.core.model import FollowUp
from netcrm.ui.follow_up_model import (
    CONTACT_COLUMN,
    DUE_COLUMN,
    NOTE_COLUMN,
    SHOWN_PER_GROUP,
    FollowUpModel,
    grouped,
)

TODAY = date(2026, 11, 26)  # a Thursday


def item(fid: int, due: date, name: str = "Ada Lovelace", note: str = "", at: time | None = None) -> FollowUp:
    return FollowUp(id=fid, contact_id=100 + fid, contact_name=name, due=due, note=note, due_time=at)


ITEMS = [
    item(1, date(2026, 12, 20), note="later"),
    item(2, date(2026, 11, 26), note="today, no time"),
    item(3, date(2026, 11, 29), note="Sunday: this week"),
    item(4, date(2026, 11, 2), name="<b>x</b><img src=y>", note="<i>overdue</i>"),
    item(5, date(2026, 11, 30), note="next Monday"),
    item(6, date(2026, 11, 26), note="today at nine", at=time(9, 0)),
]


def test_groups_by_due_date_with_a_monday_week() -> None:
    groups = grouped(ITEMS, TODAY, first_day_of_week=1)
    assert [(g.key, [i.id for i in g.items]) for g in groups] == [
        ("overdue", [4]),
        ("today", [2, 6]),
        ("this_week", [3]),
        ("later", [5, 1]),
    ]


def test_a_sunday_week_ends_on_saturday() -> None:
    groups = grouped(ITEMS, TODAY, first_day_of_week=7)
    assert [(g.key, [i.id for i in g.items]) for g in groups] == [
        ("overdue", [4]),
        ("today", [2, 6]),
        ("later", [3, 5, 1]),
    ]


def test_empty_groups_are_left_out() -> None:
    assert [g.key for g in grouped([item(1, TODAY)], TODAY)] == ["today"]
    assert grouped([], TODAY) == []


def test_rows_and_marks(qtmodeltester: ModelTester) -> None:
    model = FollowUpModel()
    model.set_follow_ups(ITEMS, TODAY)
    assert model.group_keys() == ["overdue", "today", "this_week", "later"]
    assert model.item_count() == len(ITEMS)
    overdue_group = model.index(0, 0)
    assert model.data(overdue_group) == "Overdue (1)"
    assert model.data(overdue_group, Qt.ItemDataRole.FontRole).bold()
    assert model.follow_up_at(overdue_group) is None
    first = model.index(0, DUE_COLUMN, overdue_group)
    assert model.data(first) == "2026-11-02"
    assert model.data(first, Qt.ItemDataRole.FontRole).bold()
    assert model.data(first, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(0, CONTACT_COLUMN, overdue_group)) == "<b>x</b><img src=y>"
    tooltip = model.data(model.index(0, NOTE_COLUMN, overdue_group), Qt.ItemDataRole.ToolTipRole)
    assert "<i>" not in tooltip and "&lt;i&gt;overdue&lt;/i&gt;" in tooltip
    followup = model.follow_up_at(first)
    assert followup is not None and followup.id == 4
    today_item = model.index(0, DUE_COLUMN, model.index(1, 0))
    assert model.data(today_item, Qt.ItemDataRole.FontRole) is None
    assert not model.flags(overdue_group) & Qt.ItemFlag.ItemIsSelectable
    assert model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    assert model.headerData(NOTE_COLUMN, Qt.Orientation.Horizontal) == "Note"
    qtmodeltester.check(model)


def test_empty_model(qtmodeltester: ModelTester) -> None:
    model = FollowUpModel()
    qtmodeltester.check(model)
    model.set_follow_ups([], TODAY)
    assert model.rowCount(QModelIndex()) == 0
    qtmodeltester.check(model)


def test_replace_contacts_moves_rows_without_a_reset(qtmodeltester: ModelTester) -> None:
    model = FollowUpModel()
    model.set_follow_ups(ITEMS, TODAY)
    qtmodeltester.check(model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda parent, first, _last: inserted.append((parent.row(), first)))
    snoozed = FollowUp(id=2, contact_id=102, contact_name="Ada Lovelace", due=date(2026, 12, 1), note="moved")
    model.replace_contacts([102], [snoozed])  # from Today to Later, which both stay
    assert resets == []
    assert [(g.key, [i.id for i in g.items]) for g in grouped(model.all_items(), TODAY)] == [
        ("overdue", [4]),
        ("today", [6]),
        ("this_week", [3]),
        ("later", [5, 2, 1]),  # by due date: Nov 30, Dec 1, Dec 20
    ]
    assert inserted == [(3, 1)]
    assert model.data(model.index(1, 0)) == "Today (1)"
    qtmodeltester.check(model)


def test_replace_contacts_resets_when_a_group_empties(qtmodeltester: ModelTester) -> None:
    model = FollowUpModel()
    model.set_follow_ups(ITEMS, TODAY)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.replace_contacts([104], [])  # the only overdue one is done: the group goes
    assert resets == [True]
    assert model.group_keys() == ["today", "this_week", "later"]
    assert 4 not in {i.id for i in model.all_items()}
    qtmodeltester.check(model)


def test_a_long_group_shows_its_first_follow_ups_and_a_more_row(qtmodeltester: ModelTester) -> None:
    many = [item(n, date(2026, 11, 1) + timedelta(days=n % 20), name=f"P{n}") for n in range(1, 131)]
    model = FollowUpModel()
    model.set_follow_ups(many, TODAY)
    qtmodeltester.check(model)
    overdue = model.index(0, 0)
    assert model.group_keys()[0] == "overdue"
    held = model.held_count(0)
    assert model.rowCount(overdue) == SHOWN_PER_GROUP + 1 and model.hidden_count(0) == held - SHOWN_PER_GROUP
    more = model.index(SHOWN_PER_GROUP, 0, overdue)
    assert model.is_more_row(more) and model.follow_up_at(more) is None
    assert model.data(more) == f"Show {held - SHOWN_PER_GROUP} more…"
    assert model.item_count() == 130  # every follow-up is held, shown or not
    model.replace_contacts([101], [])  # a capped group: its rows are laid out again
    assert model.item_count() == 129
    model.show_all(0)
    assert model.rowCount(model.index(0, 0)) == model.held_count(0) and model.hidden_count(0) == 0
    qtmodeltester.check(model)


def test_enter_on_the_more_row_shows_the_whole_group(qtbot: QtBot) -> None:
    from netcrm.ui.follow_up_pane import FollowUpPane

    pane = FollowUpPane()
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_follow_ups([item(n, date(2026, 11, 1), name=f"P{n}") for n in range(1, 81)], TODAY)
    overdue = pane.model.index(0, 0)
    more = pane.model.index(SHOWN_PER_GROUP, 0, overdue)
    assert pane.model.is_more_row(more)
    pane.view.setFocus()
    pane.view.setCurrentIndex(more)
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert pane.model.rowCount(pane.model.index(0, 0)) == 80
