"""Matching archive records to contacts: slugs as every import matches, the owner never a contact."""

from __future__ import annotations

from pathlib import Path

from netcrm.core.archive_match import Matcher, name_key, owner_slug, unmatched_people
from netcrm.core.io.archive.model import Archive
from netcrm.core.io.archive.reader import read_archive

COMPLETE = Path(__file__).parents[1] / "data" / "archive" / "Complete_LinkedInDataExport_11-20-2026"


def test_the_owner_is_the_person_in_every_conversation() -> None:
    assert owner_slug(read_archive([COMPLETE])) == "mara-lindqvist-3a1b2c"


def test_without_messages_the_owner_comes_from_the_invitations() -> None:
    archive = read_archive([COMPLETE])
    only_invitations = Archive(path="x", invitations=archive.invitations)
    assert owner_slug(only_invitations) == "mara-lindqvist-3a1b2c"


def test_an_archive_with_nobody_in_it_has_no_owner() -> None:
    assert owner_slug(Archive(path="x")) is None


def test_matching_by_url_whatever_its_spelling() -> None:
    matcher = Matcher({"ingrid-solberg-nakamura-4b7e21a9": 7}, {}, "mara-lindqvist-3a1b2c")
    assert matcher.contact("www.linkedin.com/in/ingrid-solberg-nakamura-4b7e21a9") == 7
    assert matcher.contact("https://www.linkedin.com/in/Ingrid-Solberg-Nakamura-4b7e21a9/?trk=x") == 7
    assert matcher.contact("") is None and matcher.contact("https://example.com/in/x") is None


def test_directions_and_others_leave_the_owner_out() -> None:
    archive = read_archive([COMPLETE])
    matcher = Matcher({}, {}, owner_slug(archive))
    first, second = archive.messages[:2]
    assert matcher.direction(first) == "received" and matcher.direction(second) == "sent"
    group = archive.messages[4]
    assert len(matcher.others(group)) == 3  # Tomás wrote to Ingrid and Priya (and the owner, left out)
    sponsored = archive.messages[7]
    assert matcher.others(sponsored) == []


def test_recommendations_match_on_name_and_company_only() -> None:
    matcher = Matcher({}, {name_key("Lena", "Vogt", "Umbrella Health"): 4}, None)
    assert matcher.named("Lena", " Vogt", "umbrella  health") == 4
    assert matcher.named("Lena", "Vogt", "Other Co") is None


def test_people_who_are_not_contacts_are_listed_once() -> None:
    archive = read_archive([COMPLETE])
    matcher = Matcher({"ingrid-solberg-nakamura-4b7e21a9": 1}, {}, owner_slug(archive))
    urls = [url for message in archive.messages for url in message.participants]
    listed = unmatched_people(urls, matcher)
    assert "https://www.linkedin.com/in/dev-mistry-talent" in listed
    assert not any("mara-lindqvist" in url or "ingrid" in url for url in listed)
    assert len(listed) == len(set(listed))
