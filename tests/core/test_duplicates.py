"""Duplicates review (issue 14): suspected pairs with reasons from real near-miss files, dismiss remembered,
merge keeps both contacts' e-mails and phones, two LinkedIn profiles never suggested."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from netcrm.core.duplicate_service import DuplicateReview
from netcrm.core.services import Services

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
FILES = (
    DATA / "linkedin" / "near_duplicates" / "Connections.csv",
    DATA / "google" / "near_duplicates_google.csv",
)


def _imported(svc: Services) -> DuplicateReview:
    for path in FILES:
        svc.apply_import(svc.read_import(path))
    return DuplicateReview(svc)


def test_each_near_miss_is_suggested_with_its_reason_and_two_profiles_never(svc: Services) -> None:
    review = _imported(svc)
    found = {(p.first.display_name, p.second.display_name): p.reasons for p in review.pairs()}
    assert found == {
        ("Priya Raman", "Priya Raman"): ("e-mail differing only in dots or a plus-tag",),
        ("Ravi Kumar", "Ravi K"): ("same phone number",),
        ("Mei Tanaka", "Mei Tanaka"): ("same name and company",),
        ("John Smith", "J. Smith"): ("one first name is an initial of the other",),
    }  # the two Ana Costas at Contoso have two LinkedIn profiles: two people


def test_not_the_same_person_is_remembered_through_a_later_import(svc: Services) -> None:
    review = _imported(svc)
    mei = next(p for p in review.pairs() if p.first.display_name == "Mei Tanaka")
    review.dismiss(mei.first.id, mei.second.id)
    for path in FILES:
        svc.apply_import(svc.read_import(path))
    assert all(p.first.display_name != "Mei Tanaka" for p in review.pairs())
    assert len(review.pairs()) == 3


def test_a_merge_keeps_every_e_mail_and_phone(svc: Services) -> None:
    review = _imported(svc)
    priya = next(p for p in review.pairs() if p.first.display_name == "Priya Raman")
    merged = review.merge(priya.first.id, priya.second.id).value
    assert set(merged.emails) == {"priya.raman@gmail.com", "priyaraman+work@gmail.com"}
    assert merged.linkedin_url.endswith("priya-raman-fab")
    assert all(p.first.display_name != "Priya Raman" for p in review.pairs())


def test_the_cli_lists_dismisses_and_merges(tmp_path: Path) -> None:
    db = tmp_path / "netcrm.sqlite3"
    base = [sys.executable, "-m", "netcrm.cli", "--db", str(db)]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*base, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done

    run("import", *map(str, FILES))
    pairs = json.loads(run("duplicates", "--json").stdout)
    assert len(pairs) == 4 and all(p["reasons"] for p in pairs)
    first = pairs[0]
    run("duplicates", "dismiss", str(first["first"]["id"]), str(first["second"]["id"]))
    second = pairs[1]
    run("duplicates", "merge", str(second["first"]["id"]), str(second["second"]["id"]))
    assert len(json.loads(run("duplicates", "--json").stdout)) == 2
