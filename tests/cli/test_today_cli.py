"""`netcrm-cli today [--json]`, `dates`, `log --direction`, and strength/dates in contacts and show."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netcrm.cli import main
from netcrm.core import agenda


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "work" / "contacts.sqlite3"


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def ok(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(db, capsys, *args)
    assert code == 0, err
    return out


def js(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    return json.loads(ok(db, capsys, *args, "--json"))


def add(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> int:
    return int(ok(db, capsys, "add", *args).strip())


def test_today_prints_the_same_agenda_as_json_and_text(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ada = add(db, capsys, "--first", "Ada", "--last", "Lovelace")
    bob = add(db, capsys, "--first", "Bob", "--last", "Byte")
    ok(db, capsys, "followup", "add", str(ada), "--due", "today", "--note", "Send the deck")
    soon = date.today() + timedelta(days=3)
    # MM-DD: a day without a year (--MM-DD would read as an option on a command line)
    ok(db, capsys, "dates", str(bob), "--add", "birthday", f"{soon:%m-%d}")
    data = js(db, capsys, "today")
    assert list(data) == ["today", *agenda.SECTIONS]
    assert [(x["contact_id"], x["reason"]) for x in data["due"]] == [(ada, "Send the deck (today)")]
    assert [x["contact_id"] for x in data["dates"]] == [bob]
    assert data["dates"][0]["reason"].startswith("Birthday in 3 days")
    text = ok(db, capsys, "today")
    assert "1 follow-up due today, 1 date coming up" in text.splitlines()[0]
    assert f"{ada:>6}  Ada Lovelace: Send the deck (today)" in text
    assert "Dates coming up" in text


def test_dates_and_strength_in_show_and_contacts(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ada = add(db, capsys, "--first", "Ada", "--last", "Lovelace")
    add(db, capsys, "--first", "Bob", "--last", "Byte")
    assert js(db, capsys, "dates", str(ada), "--add", "Birthday", "1990-02-28") == [
        {"id": 1, "label": "birthday", "date": "1990-02-28"}
    ]
    code, _, err = run(db, capsys, "dates", str(ada), "--add", "birthday", "1990-02-30")
    assert code != 0 and "not a date" in err
    for k in range(3):
        ok(
            db,
            capsys,
            "log",
            str(ada),
            "--kind",
            "message",
            "--direction",
            "in" if k else "out",
            "--date",
            "today",
        )
    shown = js(db, capsys, "show", str(ada))
    assert shown["dates"] == [{"label": "birthday", "date": "1990-02-28"}]
    assert shown["strength"] > 0
    assert shown["strength_reasons"].startswith("3 messages in the last month, both of you reached out")
    listed = {c["display_name"]: (c["strength"], c["dates"]) for c in js(db, capsys, "contacts")}
    assert listed == {
        "Ada Lovelace": (shown["strength"], shown["dates"]),
        "Bob Byte": (0, []),
    }
    with pytest.raises(SystemExit):  # argparse refuses a direction other than out or in
        run(db, capsys, "log", str(ada), "--kind", "call", "--direction", "up")
    assert "invalid choice: 'up'" in capsys.readouterr().err
