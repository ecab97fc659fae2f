"""`netcrm-cli stats`: the JSON keys scripts rely on, the readable summary, and setting a goal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "contacts.sqlite3"
    result = cli(path, "demo", "--contacts", "200")
    assert result.returncode == 0, result.stderr
    return path


def test_stats_json_has_every_figure(db: Path) -> None:
    result = cli(db, "stats", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {
        "today",
        "totals",
        "growth_by_month",
        "open_networkers",
        "companies",
        "positions",
        "follow_ups",
        "lapsed",
        "anniversaries",
        "anniversary_count",
        "never_contacted",
        "goal",
    }
    assert data["totals"]["contacts"] == 200
    assert data["growth_by_month"][-1]["total"] == 200
    assert set(data["growth_by_month"][0]) == {"month", "added", "total"}
    assert set(data["open_networkers"]) == {"count", "share", "growth_by_month"}
    assert 0 <= data["open_networkers"]["share"] <= 1
    assert set(data["companies"][0]) == {"company", "count"}
    assert sum(p["count"] for p in data["positions"]) == 200
    assert set(data["follow_ups"]) == {"open", "overdue", "weeks"}
    assert len(data["follow_ups"]["weeks"]) == 12
    assert set(data["follow_ups"]["weeks"][0]) == {"week", "due", "done", "overdue"}
    assert set(data["lapsed"]) == {"count", "contacts"}
    assert data["goal"] is None


def test_stats_goal_and_summary(db: Path) -> None:
    result = cli(db, "stats", "--goal", "500", "--by", "2099-12-31", "--json", "--weeks", "4")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["goal"]["target"] == 500
    assert data["goal"]["by"] == "2099-12-31"
    assert data["goal"]["remaining"] == 300
    assert data["goal"]["status"] in {"on track", "behind"}
    assert len(data["follow_ups"]["weeks"]) == 4
    text = cli(db, "stats")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Contacts: 200")
    assert "Goal: 500 by 2099-12-31" in text.stdout
    assert "Open networkers:" in text.stdout


def test_stats_goal_needs_a_date(db: Path) -> None:
    result = cli(db, "stats", "--goal", "500")
    assert result.returncode == 2
    assert "--by" in result.stderr
