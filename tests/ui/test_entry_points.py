"""Both faces reach every mutation: each public service method that changes data has an entry in the app
or a command in netcrm-cli (issue #13). The services are introspected, so a new mutation without either
fails here until it is given one and listed below; every listed entry is checked to exist.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
from typing import Any

from netcrm.cli.main import build_parser
from netcrm.core.services import Services
from netcrm.ui.main_window import MainWindow

#: Method names that change data even where the return annotation does not say Changes yet.
WRITE_VERBS = re.compile(
    r"^(add|advance|apply|archive|clear|complete|decide|delete|detect|edit|log|mark|merge|move|remove|rename"
    r"|request|reschedule|restore|send|set|snooze|tag|undo|untag|update|write)_"
)
#: Public methods that write, but not to the user's data (files next to it; a backup is a copy).
NOT_DATA = {"backup", "export_contacts", "export_follow_ups_ics"}

Window = "window"  # an attribute path on the main window, e.g. "follow_ups.add"
#: mutation -> (where the app offers it, the netcrm-cli command); None where a face has none.
#: An app entry is (Window, "attr.path") or ("module", "Class.method") for a dialog's button.
ENTRIES: dict[str, tuple[tuple[str, str] | None, str | None]] = {
    "add_contact": ((Window, "contacts.new_contact"), "add"),
    "add_demo": ((Window, "add_demo_data"), "demo"),
    "add_follow_ups": ((Window, "follow_ups.add"), "followup add"),
    "advance_introduction": (("netcrm.ui.dialogs.introductions", "IntroductionsDialog"), "intro advance"),
    "apply_import": ((Window, "import_export.open_import"), "import"),
    "clear_growth_goal": (("netcrm.ui.insights_view", "InsightsView.clear_goal"), None),
    "complete_follow_up": ((Window, "follow_ups.complete"), "followup done"),
    "decide_open_networkers": ((Window, "networking.review_open_networkers"), "open-networkers"),
    "delete_contacts": ((Window, "bulk.delete"), "delete"),
    "delete_follow_ups": ((Window, "undo_action"), None),  # the undo of adding follow-ups
    "delete_interaction": ((Window, "undo_action"), None),  # the undo of logging one
    "detect_open_networkers": ((Window, "networking.review_open_networkers"), "open-networkers"),
    "edit_contact": ((Window, "editing.save_field"), "edit"),
    "log_interaction": ((Window, "follow_ups.log_interaction"), "log"),
    "merge_contacts": ((Window, "contacts.merge_selection"), None),
    "request_introduction": (("netcrm.ui.dialogs.introductions", "IntroductionsDialog"), "intro ask"),
    "reschedule_follow_up": ((Window, "follow_ups.reschedule"), "followup reschedule"),
    "restore_contacts": ((Window, "bulk.restore"), "restore"),
    "send_message": ((Window, "networking.write_message"), "message"),
    "set_growth_goal": (("netcrm.ui.insights_view", "InsightsView._save_goal"), "stats"),
    "set_open_networker": ((Window, "bulk.set_open_networker"), None),
    "set_pitch": ((Window, "show_preferences"), "pitch"),
    "set_tag_cadence": ((Window, "networking.set_tag_cadence"), "cadence"),
    "set_template": (("netcrm.ui.dialogs.message", "MessageDialog.save_template"), "template set"),
    "reopen_follow_up": (("netcrm.ui.actions.follow_ups", "FollowUpActions.complete"), None),  # its undo
    "snooze_follow_up": ((Window, "follow_ups.snooze"), "followup snooze"),
    "tag_contacts": ((Window, "bulk.tag"), "tag"),
    "undo_import": (("netcrm.ui.undo_import", "UndoImportPanel"), "undo-import"),
}


def _is_mutation(name: str, method: Any) -> bool:
    returns = str(inspect.signature(method).return_annotation)
    return name not in NOT_DATA and (
        "Changes" in returns or "Changed[" in returns or bool(WRITE_VERBS.match(name))
    )


def public_mutations(services: Services) -> dict[str, str]:
    """Every public data-changing method of the services and of their subject objects: name -> where."""
    found: dict[str, str] = {}
    for name, member in inspect.getmembers(services):
        if name.startswith("_"):
            continue
        if inspect.ismethod(member):
            if _is_mutation(name, member):
                found[name] = "Services"
        elif type(member).__module__.startswith("netcrm.core.services"):  # a subject: services.tags...
            for sub, method in inspect.getmembers(member, inspect.ismethod):
                if not sub.startswith("_") and _is_mutation(sub, method):
                    found.setdefault(sub, name)
    return found


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    """Every command path of the CLI ("followup add", "tag", ...)."""
    names: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                path = f"{prefix}{name}"
                names.add(path)
                names |= _commands(child, path + " ")
    return names


def _resolve(root: object, path: str) -> object:
    found = root
    for part in path.split("."):
        found = getattr(found, part)
    return found


def test_every_mutation_has_an_app_entry_or_a_cli_command(window: MainWindow, services: Services) -> None:
    mutations = public_mutations(services)
    assert {"add_follow_ups", "set_template", "log_interaction"} <= set(mutations)  # the scan finds them
    missing = sorted(set(mutations) - set(ENTRIES))
    assert not missing, f"mutations with neither an app entry nor a CLI command listed: {missing}"
    stale = sorted(set(ENTRIES) - set(mutations))
    assert not stale, f"listed but no longer a mutation of the services: {stale}"
    commands = _commands(build_parser())
    for name, (app, cli) in ENTRIES.items():
        assert app is not None or cli is not None, name
        if cli is not None:
            assert cli in commands, f"{name}: no netcrm-cli command {cli!r}"
        if app is not None:
            where, path = app
            root: object = window if where == Window else importlib.import_module(where)
            assert callable(_resolve(root, path)) or hasattr(_resolve(root, path), "trigger"), name
