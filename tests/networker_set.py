"""A labelled contacts file for measuring open-networker detection (issue 16, FORMATS.md section 7).

`write_labelled_set(path, rows)` writes a Google Contacts CSV (2024 headers: names, company, title, labels,
e-mail) in which about 1 row in 150 is a planted open networker carrying one of the real signals of
FORMATS.md 7.4, among many false friends: `Lionheart Ventures`, `Pavilion Partners`, a `Lions Club` label,
`Engineer @Globex`, surnames `Lion`/`Scullion`, the French surname `LION`, rows with only an e-mail
address (netcrm shows the address as their name), `Oracle TopLink`, 🦁 and `28K+` hints. It returns the
e-mail addresses of the planted ones (every row has a unique address, so the labels survive the import).
Deterministic for a seed. Used by tests/core/test_detection_quality.py and bench/detection.py.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netcrm.core.services import Services

HEADER = ["First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title", "Labels"]
HEADER += ["E-mail 1 - Label", "E-mail 1 - Value"]

FIRST = ["James", "Mary", "Lionel", "Leona", "Camille", "Amara", "Jürgen", "Łukasz", "Priya", "Wei", "Olga"]
FIRST += ["Sam", "Kim", "Marie-Claire", "José", "Hélène", "Omar", "Noa", "Haruto", "Aarav", "Chloe"]
LAST = ["Smith", "Okonkwo", "García", "Dubois", "Kowalczyk", "Lion", "Lionetti", "Scullion", "Lyon", "Ng"]
LAST += ["Mensah", "Whitfield", "Delacroix", "Martin", "Grant", "Horvat 🦁", "Hargreave, CSM®", "Brown, MBA"]
COMPANIES = ["Globex", "Initech", "Sea Lion Aquatics", "Lionheart Ventures", "WhiteLion Media"]
COMPANIES += ["Pavilion Partners", "Stallion Logistics", "Million Dollar Realty", "Open Networking Labs"]
COMPANIES += ["@Home Studio", "Carilion Clinic", "Infollion", "Zillions Inc", "Epyllion", "Acme", ""]
POSITIONS = ["Engineer @Globex", "Sales Lead @ Initech", "Battalion Chief"]
POSITIONS += ["Java Developer (Oracle TopLink, JPA)", "Recruiter | 28K+", "Account Manager"]
POSITIONS += ["Headhunter | 30,000+ connections", "CTO", "Lion tamer", ""]
POSITIONS += ["Networker and speaker", "Data Engineer", "Founder | 500+"]
LABELS = ["", "", "", "Lions Club", "coach", "friends ::: * myContacts", "🦁 fans", "Work"]

# (first, last, company, position, labels): the real shapes of FORMATS.md 7.4, {f}/{l} a random name.
PLANTED = [
    ("{f}", "{l} [LION]", "{c}", "{p}", ""),
    ("{f}", "{l} (LION) 28K+", "{c}", "{p}", ""),
    ("{f}", "{l} ✔ LION®", "{c}", "{p}", ""),
    ("{f}", "{l}, LION", "{c}", "Headhunter | LION | 30,000+ connections", ""),
    ("{f}", "{l} - Open Networker", "{c}", "{p}", ""),
    ("{f}", "{l} (MyLink500)", "{c}", "{p}", ""),
    ("{f}", "{l}", "{c}", "Recruiter | TopLinked.com | 25K+", ""),
    ("{f}", "{l}", "{c}", "Account Manager (open networker, no IDK)", ""),
    ("{f}", "{l}", "{c}", "Recruiter | I accept all invites", ""),
    ("{f}", "{l} {f}.{l}.connect@example.net", "{c}", "{p}", ""),
    ("{f}", "{l}", "{c}", "Manager >contact@{l}mail.com<", ""),
    ("{f}", "{l}", "{c}", "{p}", "LION ::: coach"),
    ("{f}", "{l}", "{c}", "{p}", "lion"),
    ("{f}", "𝐋𝐈𝐎𝐍 {l}", "{c}", "{p}", ""),
]


def _plain(rng: random.Random) -> tuple[str, str, str, str, str]:
    """A false friend or an ordinary contact; 1 in 12 has only an e-mail address."""
    if rng.random() < 1 / 12:
        return ("", "", "", "", "")
    last = rng.choice(LAST)
    if rng.random() < 0.01:
        last = "LION"  # "Camille LION": the French surname convention, reviewed, never flagged
    return (rng.choice(FIRST), last, rng.choice(COMPANIES), rng.choice(POSITIONS), rng.choice(LABELS))


def write_labelled_set(path: Path, rows: int, *, seed: int = 16, every: int = 150) -> set[str]:
    """Write `rows` contacts to `path`; return the e-mail addresses of the planted open networkers."""
    rng = random.Random(seed)
    planted: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for i in range(rows):
            email = f"person{i}@mail{i % 97}.example.org"
            if i % every == every // 2:
                shape = PLANTED[(i // every) % len(PLANTED)]
                f, last_name = (
                    rng.choice(FIRST),
                    rng.choice(["Smith", "Okonkwo", "Delacroix", "Mensah", "Grant"]),
                )
                c, p = rng.choice(COMPANIES), rng.choice(["Recruiter", "Coach", "CEO"])
                first, last, company, position, labels = (
                    part.format(f=f, l=last_name.lower() if "@" in part else last_name, c=c, p=p)
                    for part in shape
                )
                planted.add(email)
            else:
                first, last, company, position, labels = _plain(rng)
            writer.writerow([first, "", last, company, position, labels, "* Other", email])
    return planted


def measure(svc: Services, path: Path, planted: set[str]) -> tuple[float, float, list[str], list[str]]:
    """Import the file, run the detector as the app's "Detect" does, and compare the review with the labels.

    Returns precision, recall, the wrong suggestions and the missed planted ones (as name and reason).
    """
    svc.apply_import(svc.read_import(path))
    svc.detect_open_networkers(apply=True)
    review = svc.open_networker_review()
    by_id = {c.id: c for c in svc.list_contacts()}
    suggested = {s.contact_id: s for s in review}
    right = [cid for cid in suggested if set(by_id[cid].emails) & planted]
    wrong = [f"{suggested[cid].name}: {suggested[cid].reason}" for cid in suggested if cid not in right]
    found = {e for cid in right for e in by_id[cid].emails}
    missed = sorted(planted - found)
    precision = len(right) / len(suggested) if suggested else 1.0
    recall = len(found & planted) / len(planted) if planted else 1.0
    return precision, recall, wrong, missed
