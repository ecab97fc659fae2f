"""Open-networker detection on a labelled set (issue 16): at least 95% of suggestions right, none missed."""

from __future__ import annotations

from pathlib import Path

from netcrm.core.services import Services
from tests.networker_set import PLANTED, measure, write_labelled_set


def test_detection_is_precise_and_misses_no_planted_open_networker(svc: Services, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    planted = write_labelled_set(path, 3000, every=100)
    assert len(planted) >= 2 * len(PLANTED)  # every real shape of FORMATS.md 7.4 planted at least twice
    precision, recall, wrong, missed = measure(svc, path, planted)
    assert missed == []
    assert recall == 1.0
    assert precision >= 0.95, wrong


def test_rows_with_only_an_e_mail_are_never_suggested(svc: Services, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value\n"
        ",,* Other,jane.doe@example.com\n,,* Other,sales@globex.com\n",
        encoding="utf-8",
    )
    _, _, wrong, _ = measure(svc, path, set())
    names = sorted(c.display_name for c in svc.list_contacts())
    assert names == ["jane.doe@example.com", "sales@globex.com"]  # shown by their address...
    assert wrong == []  # ...and that derived name is not judged (S5 fired on it before)
