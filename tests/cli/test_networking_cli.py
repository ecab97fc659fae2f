"""netcrm-cli's networking commands: open networkers, cadence, lapsed, intro, who, pitch, templates, messages,
follow-up reschedule and .ics export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from netcrm.cli import main


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


def test_open_networkers_detect_review_apply(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lion = add(db, capsys, "--first", "Sam", "--last", "Delacroix [LION]")
    other = add(db, capsys, "--first", "Kim", "--last", "Okonkwo - Open Networker")
    add(db, capsys, "--first", "Rita", "--last", "Scullion", "--company", "Pavilion Partners")
    assert js(db, capsys, "open-networkers") == []
    found = js(db, capsys, "open-networkers", "--detect")
    assert {(s["contact_id"], s["signal"], s["status"]) for s in found} == {
        (lion, "S1", "pending"),
        (other, "S3", "pending"),
    }
    text = ok(db, capsys, "open-networkers")
    assert "'LION' in the last name" in text  # words, not rule codes
    ok(db, capsys, "tag", str(other), "--remove", "Open networker")  # the user says no to one
    accepted = js(db, capsys, "open-networkers", "--apply")
    assert [(s["contact_id"], s["status"]) for s in accepted] == [(lion, "accepted")]
    assert js(db, capsys, "open-networkers", "--detect") == []
    on = js(db, capsys, "contacts", "--open-networkers")
    assert [(c["id"], c["open_networker_by"]) for c in on] == [(lion, "user")]


def test_cadence_and_lapsed(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = add(db, capsys, "--first", "Ada", "--last", "L", "--tag", "LION", "--connected-on", "2000-01-01")
    add(db, capsys, "--first", "Bob", "--last", "B", "--connected-on", "2000-01-01")
    assert js(db, capsys, "contacts", "--lapsed") == []
    ok(db, capsys, "cadence", "--tag", "lion", "--every", "90d")
    assert js(db, capsys, "cadence") == [{"tag": "LION", "cadence_days": 90, "contacts": 1}]
    assert [c["id"] for c in js(db, capsys, "contacts", "--lapsed")] == [old]
    ok(db, capsys, "log", str(old), "--kind", "call")
    assert js(db, capsys, "contacts", "--lapsed") == []
    code, _out, err = run(db, capsys, "cadence", "--tag", "nobody", "--every", "3m")
    assert code == 2 and "nobody" in err
    code, _out, err = run(db, capsys, "cadence", "--tag", "LION", "--every", "soon")
    assert code == 2 and "soon" in err
    ok(db, capsys, "cadence", "--tag", "LION", "--clear")
    assert js(db, capsys, "cadence") == []


def test_intro_and_who(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = add(db, capsys, "--first", "Grace", "--last", "Hopper", "--company", "Société Générale")
    via = add(db, capsys, "--first", "Ada", "--last", "Lovelace", "--company", "SOCIETE GENERALE")
    asked = js(db, capsys, "intro", "ask", str(target), "--via", str(via), "--follow-up", "7")
    assert (asked["status"], asked["target_name"], asked["via_name"]) == (
        "asked",
        "Grace Hopper",
        "Ada Lovelace",
    )
    assert len(js(db, capsys, "followup", "list")) == 1
    made = js(db, capsys, "intro", "advance", str(asked["id"]), "--to", "made")
    assert made["status"] == "made"
    assert [i["status"] for i in js(db, capsys, "intro", "list")] == ["made"]
    people = js(db, capsys, "who", "--company", "societe generale")
    assert [(p["contact_id"], p["introduced_by"]) for p in people] == [(via, None), (target, "Ada Lovelace")]
    assert "introduced by Ada Lovelace" in ok(db, capsys, "who", "--company", "Société")
    code, _out, err = run(db, capsys, "intro", "advance", "99", "--to", "met")
    assert code == 2 and "99" in err


def test_pitch_templates_and_messages(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ada = add(db, capsys, "--first", "Ada", "--last", "Lovelace", "--company", "Analytical Engines")
    ok(db, capsys, "pitch", "--set", "I make engines compute.")
    assert ok(db, capsys, "pitch").strip() == "I make engines compute."
    ok(db, capsys, "template", "set", "hello", "Hi {first_name} at {company}: {pitch}")
    code, _out, err = run(db, capsys, "template", "set", "bad", "Hi {first_name.__class__}")
    assert code == 2 and "attribute" in err
    out = ok(db, capsys, "message", str(ada), "--template", "hello")
    assert out.strip() == "Hi Ada at Analytical Engines: I make engines compute."
    assert js(db, capsys, "show", str(ada))["last_contacted"] is None  # not logged without --log
    code, out, err = run(db, capsys, "message", str(ada), "--template", "Hi {nickname}")
    assert code == 2 and "{nickname}" in err and out == ""
    ok(db, capsys, "message", str(ada), "--template", "hello", "--log", "--follow-up", "7")
    shown = js(db, capsys, "show", str(ada))
    assert shown["last_contacted"] is not None and shown["next_follow_up"] is not None
    assert js(db, capsys, "template", "list") == {"hello": "Hi {first_name} at {company}: {pitch}"}


def test_followup_reschedule_and_ics_export(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ada = add(db, capsys, "--first", "Ada", "--last", "Lovelace")
    fid = int(
        ok(db, capsys, "followup", "add", str(ada), "--due", "2030-01-31", "--every", "1m", "--note", "Call")
    )
    ok(db, capsys, "followup", "reschedule", str(fid), "--due", "2030-02-01", "--time", "09:15")
    [item] = js(db, capsys, "followup", "list")
    assert (item["due"], item["time"], item["status"]) == ("2030-02-01", "09:15", "open")
    target = tmp_path / "cal.ics"
    ok(db, capsys, "followup", "export", str(target))
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow up: Ada Lovelace" and str(event["DESCRIPTION"]) == "Call"
    assert str(event["UID"]).startswith(f"followup-{fid}-")


def test_networking_commands_through_a_real_process(db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), "open-networkers", "--detect", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
