"""Possible duplicates (issue 14): pairs of contacts identity rules could not call the same, with a reason.

Found by blocking, never by comparing all pairs: every contact is put in a few buckets (its full name with
its company, each phone number, each e-mail with dots and plus-tag taken out, its last name with a first
initial) and only contacts sharing a bucket are compared, so 100,000 contacts cost a few passes, not 5·10⁹
comparisons. A bucket fuller than `MAX_BUCKET` (a shared switchboard number, "Unknown" at "N/A") says
nothing about any one pair and is passed over. Two LinkedIn profiles are two people; a pair the user called
"not the same person" is never suggested again. Pure: the rows come from core/store/duplicates_sql.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netcrm.core import rules

MAX_BUCKET = 50
SAME_NAME_COMPANY = "same name and company"
SAME_PHONE = "same phone number"
SIMILAR_EMAIL = "e-mail differing only in dots or a plus-tag"
INITIAL = "one first name is an initial of the other"
#: Strongest first: a queue shows the likeliest pairs on top.
REASON_ORDER = (SIMILAR_EMAIL, SAME_PHONE, SAME_NAME_COMPANY, INITIAL)


@dataclass(frozen=True, slots=True)
class Person:
    """What the rules look at of one live contact."""

    id: int
    first_name: str
    last_name: str
    display_name: str
    company: str
    slug: str | None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    name_key: str = ""  # the folded display name the store keeps (sort_name); computed when empty


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suspected pair (`low_id` < `high_id`) and why each rule suggested it."""

    low_id: int
    high_id: int
    reasons: tuple[str, ...]


def email_shape(address: str) -> str:
    """An address with its local part's dots and plus-tag taken out: `j.doe+news@x` -> `jdoe@x`."""
    local, at, domain = rules.email_key(address).partition("@")
    if not at:
        return local
    return local.split("+", 1)[0].replace(".", "") + "@" + domain


def _name(person: Person) -> str:
    if person.name_key:
        return person.name_key
    name = " ".join(part for part in (person.first_name, person.last_name) if part) or person.display_name
    return rules.fold(rules.normalize_name(name))


class _Folded(dict[str, str]):
    """fold() of values that repeat (companies, first names), each computed once."""

    def __missing__(self, key: str) -> str:
        value = self[key] = rules.fold(rules.normalize_name(key))
        return value


def _initial_match(a: str, b: str) -> bool:
    """`J.` (or `J`) and `John`: one a lone initial, the other a longer name with that initial."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) > len(b):
        a, b = b, a
    return len(a) == 1 and len(b) > 1 and b[0] == a


def _buckets(people: Sequence[Person]) -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    folded = _Folded()
    for index, p in enumerate(people):
        name = _name(p)
        company = folded[p.company] if p.company else ""
        if name and company:
            found[(SAME_NAME_COMPANY, f"{name}\x1f{company}")].append(index)
        for phone in {rules.phone_key(x) for x in p.phones}:
            if len(phone.lstrip("+")) >= 7:  # "0" or an extension is no number to match on
                found[(SAME_PHONE, phone[-9:])].append(index)
        for shape in {email_shape(e) for e in p.emails}:
            found[(SIMILAR_EMAIL, shape)].append(index)
        first = folded[p.first_name] if p.first_name else ""
        last = folded[p.last_name] if p.last_name else ""
        if first and last:
            found[(INITIAL, f"{last}\x1f{first[0]}")].append(index)
    return found


def _agrees(reason: str, a: Person, b: Person) -> bool:
    """Whether a shared bucket really is the reason (the bucket key is only a filter)."""
    if reason == SIMILAR_EMAIL:
        keys_a = {rules.email_key(e) for e in a.emails}
        keys_b = {rules.email_key(e) for e in b.emails}
        return not keys_a & keys_b  # the same address is a key: identity, not a suggestion
    if reason == INITIAL:
        return _initial_match(rules.fold(a.first_name.strip()), rules.fold(b.first_name.strip()))
    if reason == SAME_PHONE:
        return bool({rules.phone_key(x)[-9:] for x in a.phones} & {rules.phone_key(x)[-9:] for x in b.phones})
    return True


def find(people: Sequence[Person], dismissed: Iterable[tuple[int, int]] = ()) -> list[Suggestion]:
    """Every suspected pair with its reasons, likeliest first (then by id)."""
    skip = set(dismissed)
    reasons: dict[tuple[int, int], set[str]] = defaultdict(set)
    for (reason, _key), members in _buckets(people).items():
        if len(members) < 2 or len(members) > MAX_BUCKET:
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                a, b = people[first], people[second]
                if a.id == b.id or (a.slug and b.slug and a.slug != b.slug):
                    continue
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair not in skip and _agrees(reason, a, b):
                    reasons[pair].add(reason)
    found = [
        Suggestion(low, high, tuple(r for r in REASON_ORDER if r in why))
        for (low, high), why in reasons.items()
    ]
    found.sort(key=lambda s: (REASON_ORDER.index(s.reasons[0]), -len(s.reasons), s.low_id, s.high_id))
    return found
