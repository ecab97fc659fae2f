"""Time the import of a whole LinkedIn archive beside the `sqlite3` `.import` floor of its CSV files.

Usage: python bench/archive_import.py [--runs N] [--connections 30000] [--messages 100000]
The archive (generated, cached in the temp folder): 30,000 connections (the team's generator), 100,000
messages in 20,000 conversations (a tenth of them groups, some InMail from non-connections, the owner in
every one), 5,000 pending invitations and 2,000 endorsements, zipped as LinkedIn sends it.
Measured as whole processes: `netcrm-cli import ARCHIVE.zip` into an empty database and again over the
full one (re-import: nothing new), beside one `sqlite3` run that `.import`s the same CSV files; and the
peak RSS the import adds over the same CLI listing nothing. Budget (issue 17): 12x, 200 MiB added.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

from _common import connections_csv, run_child

OWNER = ("Mara Lindqvist", "https://www.linkedin.com/in/mara-lindqvist-3a1b2c")
IN = "https://www.linkedin.com/in/"
MESSAGE_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
    "CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT"
)
WORDS = [
    "thanks",
    "great",
    "catch",
    "up",
    "next",
    "week",
    "coffee",
    "role",
    "team",
    "data",
    "launch",
    "offer",
    "intro",
    "happy",
    "congrats",
    "call",
]


def people(connections: Path) -> list[tuple[str, str]]:
    """(name, profile URL) of the generated connections."""
    with open(connections, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name,"))
    rows = csv.reader(lines[start + 1 :])
    return [(f"{r[0]} {r[1]}".strip(), r[2]) for r in rows if len(r) >= 3 and r[2]]


def text(rnd: random.Random) -> str:
    body = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 40)))
    return f"<p>{body}</p>" if rnd.random() < 0.2 else body.replace(" next ", "\nnext ")


def write_messages(out: io.StringIO, contacts: list[tuple[str, str]], count: int, conversations: int) -> None:
    rnd = random.Random(17)
    writer = csv.writer(out, lineterminator="\n")
    out.write(",".join(f'"{name}"' for name in MESSAGE_HEADER.split(",")) + "\n")
    start = datetime(2024, 12, 1)
    per = count // conversations
    for c in range(conversations):
        conv = f"2-{c:08d}bench=="
        if c % 40 == 0:  # InMail from someone who is no connection
            members = [(f"Recruiter {c}", f"{IN}recruiter-{c}")]
            folder = "INMAIL"
        elif c % 10 == 0:
            members = rnd.sample(contacts, 3)
            folder = "INBOX"
        else:
            members = [rnd.choice(contacts)]
            folder = "INBOX"
        when = start + timedelta(minutes=rnd.randrange(0, 700 * 24 * 60))
        for _m in range(per):
            when += timedelta(minutes=rnd.randrange(1, 3 * 24 * 60))
            if rnd.random() < 0.5:
                sender, recipients = OWNER, members
            else:
                sender = rnd.choice(members)
                recipients = [OWNER, *[m for m in members if m != sender]]
            writer.writerow(
                [
                    conv,
                    "Group" if len(members) > 1 else "",
                    sender[0],
                    sender[1],
                    ", ".join(r[0] for r in recipients),
                    ",".join(r[1] for r in recipients),
                    f"{when:%Y-%m-%d %H:%M:%S} UTC",
                    "",
                    text(rnd),
                    folder,
                    "",
                    "No",
                    "No",
                ]
            )


def write_invitations(out: io.StringIO, count: int) -> None:
    rnd = random.Random(18)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    )
    for i in range(count):
        other = (f"Invitee {i}", f"{IN}invitee-{i}-{rnd.getrandbits(24):06x}")
        when = datetime(2026, 1, 1) + timedelta(minutes=rnd.randrange(0, 330 * 24 * 60))
        sent = f"{when.month}/{when.day}/{when:%y}, {when:%I:%M %p}".replace(" 0", " ")
        if i % 5:
            writer.writerow([OWNER[0], other[0], sent, "Hi, glad to connect", "OUTGOING", OWNER[1], other[1]])
        else:
            writer.writerow([other[0], OWNER[0], sent, "", "INCOMING", other[1], OWNER[1]])


def write_endorsements(out: io.StringIO, contacts: list[tuple[str, str]], count: int) -> None:
    rnd = random.Random(19)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "Endorsement Date",
            "Skill Name",
            "Endorser First Name",
            "Endorser Last Name",
            "Endorser Public Url",
            "Endorsement Status",
        ]
    )
    for i in range(count):
        name, url = contacts[i % len(contacts)]
        first, _, last = name.partition(" ")
        when = datetime(2020, 1, 1) + timedelta(minutes=rnd.randrange(0, 6 * 365 * 24 * 60))
        skill = rnd.choice(("Python", "SQL", "Leadership", "Data Engineering", "Recruiting", f"Skill {i}"))
        writer.writerow(
            [f"{when:%Y/%m/%d %H:%M:%S} UTC", skill, first, last, url.split("://")[-1], "ACCEPTED"]
        )


def generate(folder: Path, connections: int, messages: int) -> tuple[Path, Path]:
    """(the archive zip, the folder of its CSV files), cached."""
    target = folder / f"archive-{connections}-{messages}"
    archive = target.with_suffix(".zip")
    if archive.exists():
        return archive, target
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(connections_csv(connections, Path(tempfile.gettempdir())), target / "Connections.csv")
    contacts = people(target / "Connections.csv")
    for name, write in (
        ("messages.csv", lambda out: write_messages(out, contacts, messages, messages // 5)),
        ("Invitations.csv", lambda out: write_invitations(out, 5000)),
        ("Endorsement_Received_Info.csv", lambda out: write_endorsements(out, contacts, 2000)),
    ):
        out = io.StringIO()
        write(out)
        (target / name).write_text(out.getvalue(), encoding="utf-8")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(target.iterdir()):
            zipped.write(path, path.name)
    return archive, target


def floor_once(folder: Path, work: Path) -> float:
    """One `sqlite3` process `.import`ing every CSV of the archive into a fresh file."""
    db = work / "floor.sqlite3"
    db.unlink(missing_ok=True)
    script = (
        "CREATE TABLE c (first TEXT, last TEXT, url TEXT, email TEXT, company TEXT, position TEXT, "
        "connected TEXT);\n"
        f".import --csv --skip 4 {folder / 'Connections.csv'} c\n"
        f".import --csv {folder / 'messages.csv'} m\n"
        f".import --csv {folder / 'Invitations.csv'} i\n"
        f".import --csv {folder / 'Endorsement_Received_Info.csv'} e\n"
    )
    start = time.perf_counter()
    subprocess.run(["sqlite3", str(db)], input=script, text=True, check=True)
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=30000)
    parser.add_argument("--messages", type=int, default=100000)
    args = parser.parse_args()
    if not shutil.which("sqlite3"):
        sys.exit("the floor needs the sqlite3 command (Debian package sqlite3)")
    work = Path(tempfile.mkdtemp(prefix="netcrm-bench-archive-"))
    archive, folder = generate(Path(tempfile.gettempdir()), args.connections, args.messages)
    db = work / "netcrm.sqlite3"
    cli = [sys.executable, "-m", "netcrm.cli", "--db", str(db)]
    firsts, agains, floors, peaks = [], [], [], []
    for _ in range(args.runs):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        t, peak = run_child([*cli, "import", str(archive)])
        firsts.append(t)
        peaks.append(peak)
        t, peak = run_child([*cli, "import", str(archive)])
        agains.append(t)
        peaks.append(peak)
        floors.append(floor_once(folder, work))
    _t, base = run_child([*cli, "contacts", "--search", "zzzz-nobody"])
    floor, first, again = median(floors), median(firsts), median(agains)
    print(
        f"archive: {args.connections:,} connections, {args.messages:,} messages in {args.messages // 5:,} "
        f"conversations, 5,000 invitations, 2,000 endorsements ({archive.stat().st_size / 2**20:.1f} MiB zip)"
    )
    print(
        f"{'floor proc':>10} {'first import':>12} {'x':>5} {'re-import':>9} {'x':>5} "
        f"{'peak MiB':>8} {'added':>6}"
    )
    print(
        f"{floor * 1000:>8.0f}ms {first * 1000:>10.0f}ms {first / floor:>5.1f} {again * 1000:>7.0f}ms "
        f"{again / floor:>5.1f} {max(peaks):>8.0f} {max(peaks) - base:>6.0f}"
    )
    print("budget (issue 17): whole process <= 12x the sqlite3 .import floor; <= 200 MiB added")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
