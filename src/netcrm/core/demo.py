"""Realistic generated people for trying the app and for benchmarks (like bench/gen_connections.py)."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

FIRST = {
    "en": "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Sarah Emily Ada",
    "es": "José María Álvaro Lucía Iñigo Sofía Jesús Begoña Raúl Ángela Martín Inés",
    "fr": "François Hélène Zoë Loïc Céline Jérôme Anaïs Gaëlle Benoît Élodie",
    "de": "Jürgen Jörg Björn Ursula Günther Käthe Søren Marie-Luise Hans-Peter Dörte",
    "pl": "Łukasz Michał Agnieszka Małgorzata Paweł Grzegorz Żaneta Wojciech Katarzyna",
    "tr": "Çağla Gökhan Şule İsmail Özlem Ümit Ayşe Barış",
    "in": "Aarav Priya Rohan Ananya Vikram Sneha Arjun Deepika Rahul Kavya आदित्य सीमा",
    "zh": "伟 芳 娜 秀英 敏 静 丽 强 Wei Xiaoming",
    "ja": "翔太 さくら 健一 陽菜 Haruto Yui Sōta",
    "ko": "민준 서연 Ji-hoon Seo-yeon",
    "ru": "Дмитрий Анна Сергей Ольга Алексей Наталья Dmitry Olga",
    "ar": "محمد فاطمة Ahmed Layla Omar Youssef Nour",
    "el": "Γιώργος Μαρία Nikos Eleni",
    "he": "יוסי Noa Avi",
}
LAST = {
    "en": "Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Thompson O'Brien McDonald Lovelace",
    "es": "García Fernández González Rodríguez López Martínez Sánchez Pérez Muñoz Jiménez Ibáñez",
    "fr": "Dubois Lefèvre Moreau Girard Lemaître Bélanger Côté Gagné Lévesque",
    "de": "Müller Schröder Weiß Groß Schäfer Köhler Möller Jäger",
    "pl": "Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowska Zieliński Woźniak",
    "tr": "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın",
    "in": "Sharma Patel Singh Kumar Gupta Reddy Iyer Nair Chatterjee शर्मा",
    "zh": "王 李 张 刘 陈 杨 黄 Wang Zhang Liu Chen",
    "ja": "佐藤 鈴木 高橋 田中 Watanabe Itō Yamamoto",
    "ko": "김 이 박 Kim Park Lee",
    "ru": "Иванов Смирнова Кузнецов Попова Petrov Volkova",
    "ar": "الهاشمي Al-Farsi Haddad Mansour El-Sayed",
    "el": "Παπαδόπουλος Papadopoulos Georgiou",
    "he": "כהן Levi Mizrahi",
}
WEIGHTS = {
    "en": 30,
    "es": 8,
    "fr": 5,
    "de": 6,
    "pl": 3,
    "tr": 3,
    "in": 14,
    "zh": 8,
    "ja": 3,
    "ko": 2,
    "ru": 4,
    "ar": 5,
    "el": 1,
    "he": 1,
}
CITIES = {
    "en": ["London", "New York", "San Francisco", "Toronto", "Sydney"],
    "es": ["Madrid", "Buenos Aires"],
    "fr": ["Paris", "Montréal"],
    "de": ["Berlin", "München", "Zürich"],
    "pl": ["Warszawa", "Kraków"],
    "tr": ["İstanbul"],
    "in": ["Bengaluru", "Mumbai", "Pune"],
    "zh": ["上海", "Shenzhen"],
    "ja": ["東京"],
    "ko": ["Seoul"],
    "ru": ["Москва"],
    "ar": ["Dubai", "Cairo"],
    "el": ["Athens"],
    "he": ["Tel Aviv"],
}
COMPANIES = [
    "Google",
    "Microsoft",
    "Amazon Web Services (AWS)",
    "Meta",
    "Apple",
    "IBM",
    "Accenture",
    "Deloitte",
    "PwC",
    "KPMG",
    "McKinsey & Company",
    "Tata Consultancy Services",
    "Infosys",
    "Siemens AG",
    "SAP",
    "Société Générale",
    "BNP Paribas",
    "L'Oréal",
    "Nestlé",
    "Bosch",
    "ソニー株式会社",
    "华为技术有限公司",
    "Samsung Electronics",
    "Acme, Inc.",
    "Smith, Jones & Partners LLP",
    "Stealth Startup",
    "Self-employed",
    "Freelance",
    '"The Agency" Ltd',
    "Telefónica",
    "Zalando SE",
    "Allegro.pl",
    "Emirates Group",
    "University of Oxford",
    "",
    "",
]
SENIORITY = ["", "", "Senior ", "Lead ", "Principal ", "Junior ", "Head of ", "VP, ", "Associate ", "Staff "]
ROLES = [
    "Software Engineer",
    "Product Manager",
    "Data Scientist",
    "Recruiter",
    "Talent Acquisition Partner",
    "Marketing Manager",
    "Sales Executive",
    "Account Executive",
    "Business Development Manager",
    "Consultant",
    "UX Designer",
    "DevOps Engineer",
    "Founder & CEO",
    "CTO",
    "HR Business Partner",
    "Financial Analyst",
    "Project Manager",
    "Ingeniero de Software",
    "Chef de projet",
    "Entwickler",
    "エンジニア",
    "产品经理",
    "Researcher",
    "Professor",
]
SUFFIX = ["", "", "", "", " | Cloud, AI & Data", " | Open to work", " (Remote)", " - EMEA"]
LION_MARKS = [
    (" [LION]", ""),
    ("", " | LION | 30,000+ connections"),
    (" (Open Networker)", ""),
    ("", " | TopLinked.com | 25K+"),
    ("", " (open networker, no IDK)"),
]
TAGS = ["Recruiter", "Mentor", "Former colleague", "Investor", "Job search", "Conference 2025", "Alumni"]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "gmx.de", "company.com"]
NOTES = [
    "Met at the Berlin meetup; interested in data platforms.",
    "Asked about roles in her team.",
    "Introduced me to two hiring managers.",
    "Prefers e-mail over LinkedIn messages.",
]
FOLLOW_UP_NOTES = [
    "Send my CV",
    "Ask for an introduction",
    "Congratulate on the new role",
    "Coffee chat",
    "Share the article we discussed",
    "",
]
INTERACTION_KINDS = ["message", "call", "meeting", "email", "note"]


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in plain.lower()).strip("-")


@dataclass
class DemoPerson:
    """One generated contact with its children."""

    first_name: str
    last_name: str
    company: str
    position: str
    location: str
    linkedin_url: str
    email: str
    connected_on: date
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    follow_ups: list[tuple[date, str, str | None]] = field(default_factory=list)
    interactions: list[tuple[str, date, str]] = field(default_factory=list)


def people(
    count: int, *, seed: int, today: date, taken: Container[str] = frozenset()
) -> Iterator[DemoPerson]:
    """`count` people, always the same for the same seed; none has a LinkedIn slug in `taken` (the
    database's), so that generating into a populated database never breaks the slug's uniqueness."""
    rnd = random.Random(seed)
    locales = list(WEIGHTS)
    weights = [WEIGHTS[k] for k in locales]
    first = {k: v.split(" ") for k, v in FIRST.items()}
    last = {k: v.split(" ") for k, v in LAST.items()}
    for i in range(count):
        loc = rnd.choices(locales, weights)[0]
        fn = rnd.choice(first[loc if rnd.random() < 0.85 else rnd.choice(locales)])
        ln = rnd.choice(last[loc])
        if rnd.random() < 0.03:
            ln += ", " + rnd.choice(["PhD", "MBA", "CFA", "PMP"])
        position = rnd.choice(SENIORITY) + rnd.choice(ROLES) + rnd.choice(SUFFIX)
        if rnd.random() < 0.05:
            position = ""
        if rnd.random() < 0.02:
            name_mark, position_mark = rnd.choice(LION_MARKS)
            ln += name_mark
            position += position_mark
        slug = _ascii(f"{fn} {ln}") or "member"
        email = ""
        if rnd.random() >= 0.70:
            local = f"{_ascii(fn)[:12] or 'user'}.{_ascii(ln)[:12] or 'x'}{rnd.randint(1, 999)}"
            email = f"{local}@{rnd.choice(DOMAINS)}"
        company = rnd.choice(COMPANIES)  # drawn in this order, so a seed gives the people it always gave
        location = rnd.choice(CITIES[loc]) if rnd.random() < 0.6 else ""
        profile = f"{slug}-{rnd.getrandbits(32):08x}{i}"
        if profile in taken:  # the same seed run again on this database
            twin = 2
            while f"{profile}-{twin}" in taken:
                twin += 1
            profile = f"{profile}-{twin}"
        person = DemoPerson(
            first_name=fn,
            last_name=ln,
            company=company,
            position=position,
            location=location,
            linkedin_url=f"https://www.linkedin.com/in/{profile}",
            email=email,
            connected_on=today - timedelta(days=int(rnd.triangular(0, 15 * 365, 2 * 365))),
        )
        if rnd.random() < 0.04:
            person.notes = rnd.choice(NOTES)
        if rnd.random() < 0.12:
            person.tags = rnd.sample(TAGS, rnd.randint(1, 2))
        if rnd.random() < 0.04:
            every = rnd.choice([None, None, "2w", "1m", "3m"])
            due = today + timedelta(days=rnd.randint(-30, 60))
            person.follow_ups.append((due, rnd.choice(FOLLOW_UP_NOTES), every))
        if rnd.random() < 0.10:
            for _ in range(rnd.randint(1, 3)):
                when = today - timedelta(days=rnd.randint(0, 700))
                person.interactions.append((rnd.choice(INTERACTION_KINDS), when, rnd.choice(NOTES)))
        yield person
