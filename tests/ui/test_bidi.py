"""Issue 21: a name holding U+202E (RIGHT-TO-LEFT OVERRIDE) must not show reversed in any view.

Every view shows such a value isolated (U+2068 ... U+2069) and without the data's own bidi controls; the
database keeps the value as typed. Checked in the list model, the detail pane and the follow-up pane.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.bidi import FSI, PDI, isolate
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings

SPOOF = "Ann\u202egnp.exe"  # shows as "Annexe.png" where the override is obeyed
ARABIC = "\u0633\u0627\u0631\u0629"


def shown_plainly(text: str) -> bool:
    return text.startswith(FSI) and text.endswith(PDI) and "\u202e" not in text


def test_isolate_leaves_plain_text_alone_and_isolates_the_rest() -> None:
    assert isolate("Zoë Łukasz 李") == "Zoë Łukasz 李"
    assert isolate(SPOOF) == f"{FSI}Anngnp.exe{PDI}"
    assert isolate(ARABIC) == f"{FSI}{ARABIC}{PDI}"
    assert isolate("a\u2066b\u2069c") == f"{FSI}abc{PDI}"


def test_an_override_in_a_name_is_isolated_in_the_list_detail_and_follow_ups(
    qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    store = Store.open(str(tmp_path / "bidi.sqlite3"))
    try:
        svc = Services(store)
        added = svc.add_contact(
            ContactDraft(display_name=SPOOF, first_name="Ann", company=ARABIC, position=SPOOF, notes=SPOOF)
        )
        svc.add_follow_ups([added.id], svc.today() + timedelta(days=1), note=SPOOF)
        assert svc.get_contact(added.id).display_name == SPOOF  # stored as typed
        window = MainWindow(app_settings(), str(tmp_path / "bidi.sqlite3"))
        qtbot.addWidget(window)
        window.attach(svc)
        window.show()
        model = window.model
        qtmodeltester.check(model)
        names = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
        assert names and all(shown_plainly(name) for name in names), names
        window.open_contact(added.id)
        pane = window.detail_pane
        assert shown_plainly(pane.name_label.text())
        assert "\u202e" not in pane.headline_label.text() and FSI in pane.headline_label.text()
        follow_ups = window.follow_up_pane.model
        qtmodeltester.check(follow_ups)
        group = follow_ups.index(0, 0)
        shown = [
            follow_ups.data(follow_ups.index(0, column, group)) for column in range(follow_ups.columnCount())
        ]
        assert sum(shown_plainly(str(text)) for text in shown) == 2, shown  # the contact and the note
    finally:
        store.close()
