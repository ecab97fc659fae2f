"""Networking in the main window: Insights, open-networker review, messages, calendar export, reminders."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactDraft, ContactFilter
from netcrm.core.services import Services
from netcrm.ui.dialogs.message import MessageDialog
from netcrm.ui.dialogs.open_networker_review import OpenNetworkerReviewDialog
from netcrm.ui.main_window import MainWindow


def test_insights_swap_in_and_a_company_bar_filters_the_contacts(qtbot: QtBot, window: MainWindow) -> None:
    actions = window.networking
    assert actions.insights_action.isEnabled()
    actions.insights_action.trigger()
    assert actions.insights is not None
    assert window.central_stack.currentWidget() is actions.insights
    company = window.model.data(window.model.index(0, 1))
    actions.insights.filter_requested.emit("company", company)
    assert window.central_stack.currentWidget() is window.main_splitter
    assert not actions.insights_action.isChecked()
    assert window.search_box.text() == company
    assert 0 < window.model.rowCount() < 300


def test_a_position_group_bar_scopes_the_list(qtbot: QtBot, window: MainWindow) -> None:
    from netcrm.core.stats import position_group

    window.networking.filter_contacts("position", "Recruiting")
    shown = window.model.rowCount()
    assert shown > 0
    for row in range(shown):
        assert position_group(window.model.data(window.model.index(row, 2))) == "Recruiting"


def test_review_accepts_and_rejects_with_reasons(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    lion = services.add_contact(ContactDraft(first_name="Sam", last_name="Delacroix [LION]"))
    other = services.add_contact(
        ContactDraft(first_name="Kim", last_name="Ng", position="Recruiter | TopLinked.com")
    )
    window.networking.review_action.trigger()
    dialog: OpenNetworkerReviewDialog | None = None

    def shown() -> None:
        nonlocal dialog
        dialog = window.findChild(OpenNetworkerReviewDialog)
        assert dialog is not None and dialog.isVisible()

    qtbot.waitUntil(shown, timeout=10000)
    assert dialog is not None
    reasons = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())
    }
    assert "LION" in reasons["Sam Delacroix [LION]"]
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text().startswith("Sam"))
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert services.get_contact(lion.id).open_networker_verdict == "yes"
    dialog.decide([other.id], False)
    assert services.get_contact(other.id).open_networker_verdict == "no"
    assert not services.get_contact(other.id).open_networker
    dialog.close()


def _answer_confirmation(qtbot: QtBot, dialog: OpenNetworkerReviewDialog, confirm: bool) -> list[str]:
    """Click the confirmation box once it shows (Cancel or its own button); return its title and text."""
    seen: list[str] = []

    def answer() -> None:
        box = dialog.findChild(QMessageBox, "confirmAll")
        if box is None or not box.isVisible():
            QTimer.singleShot(20, answer)
            return
        seen.extend([box.windowTitle(), box.text()])
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        chosen = next(b for b in box.buttons() if b is not cancel) if confirm else cancel
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def test_reject_all_and_accept_all_confirm_with_the_count_first(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    ids = [
        services.add_contact(ContactDraft(first_name=f"Sam{i}", last_name="Delacroix [LION]")).id
        for i in range(3)
    ]
    services.detect_open_networkers(apply=True)
    mine = [s for s in services.open_networker_review() if s.contact_id in ids]
    dialog = OpenNetworkerReviewDialog(services, mine, window)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "'LION' in the last name"  # words, not a rule code
    seen = _answer_confirmation(qtbot, dialog, confirm=False)
    qtbot.mouseClick(dialog.reject_all_button, Qt.MouseButton.LeftButton)
    assert seen == [
        "Reject 3 suggestions",
        "Mark all 3 contacts on this list as not open networkers? Your decision is final.",
    ]
    assert all(services.get_contact(cid).open_networker_verdict is None for cid in ids)  # cancelled
    assert dialog.table.rowCount() == 3
    dialog.decide(ids[:2], False)
    seen = _answer_confirmation(qtbot, dialog, confirm=True)
    qtbot.mouseClick(dialog.accept_all_button, Qt.MouseButton.LeftButton)
    assert seen[0] == "Accept 1 open networker"
    assert services.get_contact(ids[2]).open_networker_verdict == "yes"
    assert dialog.table.rowCount() == 0


def test_message_reports_bad_placeholders_then_copies_logs_and_follows_up(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    services.set_pitch("I help teams ship data platforms.")
    ada = services.add_contact(ContactDraft(first_name="Ada", last_name="Lovelace", company="Engines"))
    dialog = MessageDialog(services, [ada.id], window)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("Hi {first_name} from {nickname}")
    assert not dialog.copy_button.isEnabled()
    assert "nickname" in dialog.problem.text()
    dialog.text.setPlainText("Hi {first_name} at {company}! {pitch}")
    assert dialog.preview.toPlainText() == "Hi Ada at Engines! I help teams ship data platforms."
    dialog.follow_up_days.setValue(5)
    with qtbot.waitSignal(dialog.sent) as sent:
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert sent.args == [1]
    assert QApplication.clipboard().text() == "Hi Ada at Engines! I help teams ship data platforms."
    contact = services.get_contact(ada.id)
    assert services.list_interactions(ada.id)[0].kind == "message"
    assert contact.next_follow_up == services.today() + timedelta(days=5)


def test_calendar_export_writes_a_parsable_ics(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "follow-ups"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.networking.calendar_action.trigger()
    written = target.with_suffix(".ics")
    qtbot.waitUntil(written.exists, timeout=10000)
    calendar = Calendar.from_ical(written.read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == len(services.list_follow_ups())
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_reminders_start_once_loaded_and_a_click_opens_the_contact(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    shown: list[tuple[str, str]] = []

    class Recording:
        def show(self, title: str, body: str, on_click: object) -> bool:
            shown.append((title, body))
            return True

    reminders = window.networking.start_reminders(notifier=Recording(), tray=False)
    overdue = services.due_summary().total
    assert len(shown) == (1 if overdue else 0)  # one start-up summary, never one per follow-up
    target = services.list_contacts(ContactFilter(search="a"))[5]
    reminders.contact_requested.emit(target.id)
    assert window.contact_list.current_contact_id() == target.id
    reminders.stop()


def test_introduction_is_asked_then_made_with_follow_ups(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    from netcrm.ui.dialogs.introductions import IntroductionsDialog

    target = services.add_contact(ContactDraft(first_name="Grace", last_name="Hopper", degree=2))
    via = services.add_contact(ContactDraft(first_name="Alan", last_name="Turing Unique"))
    dialog = IntroductionsDialog(
        services, {"Alan Turing Unique": via.id}, (target.id, "Grace Hopper"), window
    )
    qtbot.addWidget(dialog)
    dialog.via.setText("Nobody")
    qtbot.mouseClick(dialog.ask_button, Qt.MouseButton.LeftButton)
    assert "Choose who" in dialog.problem.text()
    dialog.via.setText("Alan Turing Unique")
    dialog.ask_follow_up.setValue(3)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.ask_button, Qt.MouseButton.LeftButton)
    assert [(i.target_id, i.via_id, i.status) for i in services.list_introductions()] == [
        (target.id, via.id, "asked")
    ]
    assert services.get_contact(via.id).next_follow_up == services.today() + timedelta(days=3)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.step_buttons["made"], Qt.MouseButton.LeftButton)
    assert services.list_introductions()[0].status == "made"
    assert services.get_contact(target.id).introduced_by_id == via.id
    assert dialog.table.item(0, 2).text() == "made"


def test_who_do_i_know_at_a_company_opens_a_person(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    from netcrm.ui.dialogs.company import CompanyDialog

    company = window.model.data(window.model.index(3, 1))
    dialog = CompanyDialog(services, [company], window)
    qtbot.addWidget(dialog)
    dialog.company.setText(company.upper())
    dialog.search()
    assert dialog.table.rowCount() == len(services.who_at_company(company)) > 0
    with qtbot.waitSignal(dialog.contact_requested) as opened:
        dialog.open_row(0)
    assert opened.args == [dialog.people[0].contact_id]


def test_the_pitch_is_kept_from_preferences(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netcrm.ui.dialogs.preferences import PreferencesDialog

    def accept(dialog: PreferencesDialog) -> int:
        dialog.pitch.setPlainText("I turn messy data into decisions.")
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", accept)
    window.show_preferences()
    assert services.get_pitch() == "I turn messy data into decisions."


def test_open_networkers_have_a_column_that_sorts(qtbot: QtBot, window: MainWindow) -> None:
    from netcrm.ui.contact_table_model import OPEN_NETWORKER_COLUMN

    model = window.model
    assert model.headerData(OPEN_NETWORKER_COLUMN, Qt.Orientation.Horizontal) == "Open networker"
    model.sort(OPEN_NETWORKER_COLUMN, Qt.SortOrder.AscendingOrder)
    values = [model.data(model.index(row, OPEN_NETWORKER_COLUMN)) for row in range(model.rowCount())]
    assert set(values) == {"Yes", ""}
    assert values.index("") == values.count("Yes")  # the open networkers first, the rest after


def test_a_tag_cadence_makes_its_people_lapse(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Mentor", True))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (30, True))
    window.networking.cadence_action.trigger()
    assert next(t for t in services.list_tags() if t.name == "Mentor").cadence_days == 30
    lapsed = {c.contact_id for c in services.lapsed_contacts()}
    mentors = {c.id for c in services.list_contacts(ContactFilter(tag="Mentor"))}
    assert lapsed & mentors


def test_templates_are_saved_edited_and_deleted_from_the_message_dialog(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = services.add_contact(ContactDraft(first_name="Ada", last_name="Lovelace", company="Engines"))
    dialog = MessageDialog(services, [ada.id], window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.delete_template_button.isEnabled()  # "your own text" is no template
    dialog.text.setPlainText("Hi {first_name}, congratulations!")
    monkeypatch.setattr(dialog, "ask_template_name", lambda _suggested: "  Congrats  ")
    qtbot.mouseClick(dialog.save_template_button, Qt.MouseButton.LeftButton)
    assert services.list_templates() == {"Congrats": "Hi {first_name}, congratulations!"}
    assert dialog.template_box.currentData() == "Congrats" and dialog.delete_template_button.isEnabled()
    dialog.text.setPlainText("Hi {first_name}, well done at {company}!")  # edit: save under its name
    suggested: list[str] = []
    monkeypatch.setattr(dialog, "ask_template_name", lambda name: suggested.append(name) or name)
    qtbot.mouseClick(dialog.save_template_button, Qt.MouseButton.LeftButton)
    assert suggested == ["Congrats"]
    assert services.list_templates()["Congrats"] == "Hi {first_name}, well done at {company}!"
    dialog.text.setPlainText("Hi {nickname}")  # a bad placeholder is refused, with the reason
    qtbot.mouseClick(dialog.save_template_button, Qt.MouseButton.LeftButton)
    assert "nickname" in dialog.problem.text()
    assert services.list_templates()["Congrats"] == "Hi {first_name}, well done at {company}!"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_template_button, Qt.MouseButton.LeftButton)
    assert services.list_templates() == {}
    assert dialog.template_box.count() == 1 and not dialog.delete_template_button.isEnabled()
