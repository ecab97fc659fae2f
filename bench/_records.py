"""Demo-like netcrm records generated in memory for the export benchmarks (deterministic per seed).

Same ideas as ../shared/bench/gen_connections.py (names in many scripts, about 30% without an e-mail,
commas and quotes in companies and positions, unique profile URLs), but it yields core records directly.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from netcrm.core.model import OPEN_NETWORKER_TAG, Contact, FollowUp, Interaction, Tag

_FIRST = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "Sarah",
    "Emily",
    "Olivia",
    "Chloe",
    "José",
    "María",
    "Álvaro",
    "Lucía",
    "Iñigo",
    "Sofía",
    "François",
    "Hélène",
    "Zoë",
    "Loïc",
    "Jürgen",
    "Björn",
    "Søren",
    "Łukasz",
    "Michał",
    "Małgorzata",
    "Çağla",
    "Gökhan",
    "Şule",
    "İsmail",
    "Aarav",
    "Priya",
    "Rohan",
    "आदित्य",
    "सीमा",
    "伟",
    "芳",
    "秀英",
    "Wei",
    "Xiaoming",
    "翔太",
    "さくら",
    "민준",
    "서연",
    "Дмитрий",
    "Анна",
    "Ольга",
    "محمد",
    "فاطمة",
    "Layla",
    "Γιώργος",
    "Μαρία",
    "יוסי",
    "Noa",
]
_LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "O'Brien",
    "McDonald",
    "García",
    "Fernández",
    "Muñoz",
    "Dubois",
    "Lefèvre",
    "Côté",
    "Müller",
    "Schröder",
    "Weiß",
    "Kowalski",
    "Wiśniewski",
    "Yılmaz",
    "Çelik",
    "Nguyễn",
    "Trần",
    "Sharma",
    "Patel",
    "Iyer",
    "शर्मा",
    "王",
    "李",
    "Wang",
    "佐藤",
    "鈴木",
    "김",
    "Kim",
    "Иванов",
    "Смирнова",
    "الهاشمي",
    "Haddad",
    "Παπαδόπουλος",
    "כהן",
    "Levi",
]
_COMPANIES = (
    "Google",
    "Microsoft",
    "Amazon Web Services (AWS)",
    "Accenture",
    "McKinsey & Company",
    "Tata Consultancy Services",
    "Siemens AG",
    "Société Générale",
    "L'Oréal",
    "ソニー株式会社",
    "华为技术有限公司",
    "Acme, Inc.",
    "Smith, Jones & Partners LLP",
    '"The Agency" Ltd',
    "Telefónica",
    "Türk Telekom",
    "Stealth Startup",
    "",
    "",
)
_ROLES = (
    "Software Engineer",
    "Product Manager",
    "Data Scientist",
    "Recruiter",
    "Talent Acquisition Partner",
    "Founder & CEO",
    "Head of Growth",
    "VP, Sales",
    "Ingeniero de Software",
    "Chef de projet",
    "エンジニア",
    "产品经理",
    "Consultant | Cloud, AI & Data",
)
_LOCATIONS = ("Berlin, Germany", "Greater Seattle Area", "London", "São Paulo", "東京", "Bengaluru", "", "")
_DOMAINS = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "proton.me",
    "gmx.de",
    "yandex.ru",
    "qq.com",
    "company.com",
)
_TAGS = ("recruiter", "job fair 2025", "alumni", "mentor", "investor", "client", OPEN_NETWORKER_TAG)
_NOTES = (
    "",
    "",
    "",
    "Met at the meetup; follow up about the platform team.",
    'Said "call me in Q3", prefers e-mail.\nKids: 2.',
)


def _slug(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "-" for ch in flat.lower()).strip("-")


def contacts(n: int, seed: int = 42) -> Iterator[Contact]:
    """Yield `n` contacts with ids 1..n."""
    rnd = random.Random(seed)
    start = date(2008, 1, 1)
    for i in range(1, n + 1):
        first = rnd.choice(_FIRST)
        last = rnd.choice(_LAST)
        if rnd.random() < 0.03:
            last += ", " + rnd.choice(("PhD", "MBA", "CFA"))
        slug = f"{_slug(first + ' ' + last) or 'member'}-{rnd.getrandbits(32):08x}{i}"
        emails: tuple[str, ...] = ()
        if rnd.random() >= 0.30:
            local = _slug(first)[:12] or "user"
            emails = (f"{local}.{_slug(last)[:12] or 'x'}{rnd.randint(1, 999)}@{rnd.choice(_DOMAINS)}",)
            if rnd.random() < 0.1:
                emails += (f"{local}@{rnd.choice(_DOMAINS)}",)
        phones = (f"+49 30 {rnd.randint(1000000, 9999999)}",) if rnd.random() < 0.2 else ()
        tags = tuple(sorted({rnd.choice(_TAGS) for _ in range(rnd.randint(0, 2))}))
        lion = OPEN_NETWORKER_TAG in tags
        yield Contact(
            id=i,
            first_name=first,
            last_name=last,
            display_name=f"{first} {last}",
            company=rnd.choice(_COMPANIES),
            position=rnd.choice(_ROLES),
            location=rnd.choice(_LOCATIONS),
            linkedin_url=f"https://www.linkedin.com/in/{slug}",
            linkedin_slug=slug,
            emails=emails,
            phones=phones,
            connected_on=start + timedelta(days=rnd.randint(0, 6500)),
            notes=rnd.choice(_NOTES),
            source="linkedin",
            tags=tags,
            open_networker=lion,
            open_networker_reason="LION in last name" if lion else "",
            next_follow_up=date(2025, 1, 1) + timedelta(days=rnd.randint(0, 400))
            if rnd.random() < 0.1
            else None,
            last_contacted=date(2024, 1, 1) + timedelta(days=rnd.randint(0, 700))
            if rnd.random() < 0.3
            else None,
            updated_at=datetime(2025, 6, 1, 12, 0, 0),
        )


def follow_ups(n_contacts: int, seed: int = 7) -> Iterator[FollowUp]:
    """Yield about one follow-up per ten contacts."""
    rnd = random.Random(seed)
    for fid, cid in enumerate(range(1, n_contacts + 1, 10), 1):
        yield FollowUp(
            id=fid,
            contact_id=cid,
            contact_name=f"Contact {cid}",
            due=date(2025, 1, 1) + timedelta(days=rnd.randint(0, 400)),
            note=rnd.choice(("", "Send the deck", "Ask about the role")),
            recurrence=rnd.choice((None, None, "2w", "1m")),
            status=rnd.choice(("open", "open", "done", "snoozed")),
        )


def interactions(n_contacts: int, seed: int = 9) -> Iterator[Interaction]:
    """Yield about one interaction per five contacts."""
    rnd = random.Random(seed)
    for iid, cid in enumerate(range(1, n_contacts + 1, 5), 1):
        yield Interaction(
            id=iid,
            contact_id=cid,
            kind=rnd.choice(("message", "call", "meeting", "email", "introduction", "note")),
            occurred_on=date(2024, 1, 1) + timedelta(days=rnd.randint(0, 700)),
            summary=rnd.choice(("", "Coffee chat", "Intro to the hiring manager")),
        )


def tags(n_contacts: int) -> list[Tag]:
    """The tags above with rough counts."""
    return [
        Tag(id=i, name=name, builtin=name == OPEN_NETWORKER_TAG, count=n_contacts // 5)
        for i, name in enumerate(_TAGS, 1)
    ]
