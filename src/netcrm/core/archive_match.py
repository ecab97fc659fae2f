"""Who each archive record is about: profile URLs to contacts, the owner recognised, names as a last resort.

Matching is by the normalised LinkedIn slug (rules.linkedin_slug), as every import matches; only
recommendations, which carry no URL, fall back to name + company, and those that match nobody are listed.
The owner is the person in every conversation (and the inviter of every outgoing invitation): never a
contact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from netcrm.core import rules
from netcrm.core.io.archive.model import Archive, Message


def owner_slug(archive: Archive) -> str | None:
    """The owner's slug: in every conversation, else the inviter of outgoing / invitee of incoming ones."""
    counts: Counter[str] = Counter()
    conversations: dict[str, set[str]] = {}
    for message in archive.messages:
        slugs = conversations.setdefault(message.conversation_id, set())
        slugs.update(slug for slug in map(rules.linkedin_slug, message.participants) if slug)
    for slugs in conversations.values():
        counts.update(slugs)
    if conversations:
        common, seen = counts.most_common(1)[0] if counts else ("", 0)
        if seen == len(conversations) and (len(conversations) > 1 or len(counts) == 1):
            return common
    for invitation in archive.invitations:
        own = invitation.inviter_url if invitation.direction == "outgoing" else invitation.invitee_url
        slug = rules.linkedin_slug(own) if own else None
        if slug:
            return slug
    if archive.owner and archive.owner.name:  # Profile.csv names the owner; find them as a sender
        wanted = archive.owner.name.casefold()
        for message in archive.messages:
            if message.sender.casefold() == wanted and message.sender_url:
                return rules.linkedin_slug(message.sender_url)
    return None


def name_key(first: str, last: str, company: str = "") -> tuple[str, str]:
    """How a recommendation meets a contact: as import_sql.name_company_map keys them (folded display name,
    folded company)."""
    return (rules.sort_key(" ".join(f"{first} {last}".split())), rules.fold(" ".join(company.split())))


@dataclass
class Matcher:
    """Contact ids by slug (and by name + company) as the database holds them, plus the owner's slug."""

    by_slug: Mapping[str, int]
    by_name_company: Mapping[tuple[str, str], int]
    owner: str | None

    def contact(self, url: str) -> int | None:
        slug = rules.linkedin_slug(url) if url else None
        return self.by_slug.get(slug) if slug else None

    def is_owner(self, url: str) -> bool:
        return bool(url) and self.owner is not None and rules.linkedin_slug(url) == self.owner

    def named(self, first: str, last: str, company: str) -> int | None:
        return self.by_name_company.get(name_key(first, last, company))

    def others(self, message: Message) -> list[str]:
        """The profile URLs of a message's participants who are not the owner."""
        return [url for url in message.participants if not self.is_owner(url)]

    def direction(self, message: Message) -> str:
        """'sent' when the owner wrote it, else 'received'."""
        if self.is_owner(message.sender_url):
            return "sent"
        return "received" if message.sender_url or not message.recipient_urls else "sent"


def unmatched_people(urls: Iterable[str], matcher: Matcher) -> list[str]:
    """Profile URLs no contact has (InMail senders, message requests): listed; contacts only on request."""
    seen: dict[str, str] = {}
    for url in urls:
        slug = rules.linkedin_slug(url) if url else None
        if slug and slug != matcher.owner and slug not in matcher.by_slug:
            seen.setdefault(slug, url)
    return list(seen.values())
