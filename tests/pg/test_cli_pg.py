"""netcrm-cli on a PostgreSQL URL through real subprocesses: output, JSON types, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from typing import Any

import pytest

from netcrm.core.store.revisions import HEAD_REVISION

# The keys DESIGN.md section 4 promises, with the JSON types a script may rely on (None where nullable).
CONTACT_TYPES: dict[str, tuple[type, ...]] = {
    "id": (int,),
    "first_name": (str,),
    "last_name": (str,),
    "display_name": (str,),
    "emails": (list,),
    "phones": (list,),
    "company": (str,),
    "position": (str,),
    "location": (str,),
    "linkedin_url": (str,),
    "connected_on": (str, type(None)),
    "tags": (list,),
    "open_networker": (bool,),
    "open_networker_reason": (str,),
    "notes": (str,),
    "next_follow_up": (str, type(None)),
    "last_contacted": (str, type(None)),
    "source": (str,),
}


def cli(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def ok(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    result = cli(url, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def as_json(url: str, *args: str) -> Any:
    return json.loads(ok(url, *args, "--json").stdout)


def assert_contact_shape(item: dict[str, Any]) -> None:
    for key, types in CONTACT_TYPES.items():
        assert isinstance(item[key], types), (key, item[key])


def test_add_search_tag_show(pg_url: str) -> None:
    added = as_json(
        pg_url,
        "add",
        "--first",
        "Łukasz",
        "--last",
        "Wiśniewski",
        "--email",
        "lukasz@example.org",
        "--company",
        "Analytical Engines",
        "--connected-on",
        "2020-02-29",
        "--tag",
        "Mentor",
    )
    assert_contact_shape(added)
    other = as_json(pg_url, "add", "--first", "Mary", "--last", "Shelley")
    assert [c["id"] for c in as_json(pg_url, "contacts", "--search", "LUKASZ wiśniewski")] == [added["id"]]
    assert [c["display_name"] for c in as_json(pg_url, "contacts", "--search", "mar")] == ["Mary Shelley"]
    ok(pg_url, "tag", str(added["id"]), str(other["id"]), "--add", "Fair 2026")
    tagged = as_json(pg_url, "contacts", "--tag", "fair 2026")
    assert [c["display_name"] for c in tagged] == ["Łukasz Wiśniewski", "Mary Shelley"]
    for item in tagged:
        assert_contact_shape(item)
    assert tagged[0]["connected_on"] == "2020-02-29" and tagged[0]["tags"] == ["Fair 2026", "Mentor"]
    shown = as_json(pg_url, "show", str(other["id"]))
    assert shown["tags"] == ["Fair 2026"] and shown["open_networker"] is False


def test_edit_conflict_delete_restore(pg_url: str) -> None:
    cid = as_json(pg_url, "add", "--first", "Ada", "--last", "Lovelace")["id"]
    edited = as_json(pg_url, "edit", str(cid), "--position", "Analyst", "--expect-version", "1")
    assert (edited["position"], edited["version"]) == ("Analyst", 2)
    stale = cli(pg_url, "edit", str(cid), "--notes", "late", "--expect-version", "1")
    assert stale.returncode == 2 and "Traceback" not in stale.stderr
    ok(pg_url, "delete", str(cid))
    assert [c["id"] for c in as_json(pg_url, "contacts", "--trash")] == [cid]
    ok(pg_url, "restore", str(cid))
    assert [c["id"] for c in as_json(pg_url, "contacts")] == [cid]
    unknown = cli(pg_url, "show", "999")
    assert unknown.returncode == 2 and "999" in unknown.stderr


def test_follow_ups_and_log(pg_url: str) -> None:
    cid = as_json(pg_url, "add", "--first", "Ada", "--last", "Lovelace")["id"]
    due = (date.today() - timedelta(days=1)).isoformat()
    made = as_json(pg_url, "followup", "add", str(cid), "--due", due, "--note", "call", "--every", "2w")
    assert set(made) >= {"id", "contact_id", "due", "note", "recurrence", "status"}
    assert (made["due"], made["recurrence"], made["status"]) == (due, "2w", "open")
    assert [f["id"] for f in as_json(pg_url, "followup", "list", "--due")] == [made["id"]]
    assert as_json(pg_url, "contacts", "--due")[0]["next_follow_up"] == due
    done = ok(pg_url, "followup", "done", str(made["id"]))
    assert "next one" in done.stderr
    (following,) = as_json(pg_url, "followup", "list")
    assert following["due"] == (date.fromisoformat(due) + timedelta(weeks=2)).isoformat()
    assert as_json(pg_url, "show", str(cid))["last_contacted"] == date.today().isoformat()  # done logs it
    logged = ok(pg_url, "log", str(cid), "--kind", "call", "--note", "caught up", "--date", "2026-03-01")
    assert "logged call on 2026-03-01" in logged.stderr
    bad = cli(pg_url, "followup", "done", "999")
    assert bad.returncode == 2


def test_safety_commands_and_demo(pg_url: str) -> None:
    checked = ok(pg_url, "check")
    assert checked.stderr.strip().endswith(": ok")
    migrated = ok(pg_url, "migrate")
    assert HEAD_REVISION in migrated.stderr
    refused = cli(pg_url, "backup")
    assert refused.returncode == 2, refused.stderr
    assert "pg_dump" in refused.stderr and "Traceback" not in refused.stderr
    ok(pg_url, "demo", "--contacts", "300")
    ok(pg_url, "add", "--first", "After", "--last", "Demo")  # the id sequence moved past the demo's ids
    listed = as_json(pg_url, "contacts", "--open-networkers")
    assert listed and all(c["open_networker"] is True for c in listed)
    stats = as_json(pg_url, "stats")
    assert stats["totals"]["contacts"] == 301
    assert stats["open_networkers"]["count"] == len(listed)


@pytest.mark.parametrize("password", ["s3cret"])
def test_a_missing_database_says_so_without_the_password(pg_url: str, password: str) -> None:
    url = pg_url.replace("netcrm@/", f"netcrm:{password}@/").replace("/t", "/missing_t", 1)
    result = cli(url, "contacts")
    assert result.returncode == 5, result.stderr
    assert "does not exist" in result.stderr and password not in result.stderr
