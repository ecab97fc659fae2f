#!/usr/bin/env python3
"""Check a built bundle (dist/netcrm/) end to end, then time its cold start beside the installed package.

Usage: python3 packaging/smoke_test.py [--bundle dist/netcrm] [--runs 5] [--installed .venv/bin/netcrm]
                                       [--no-timing]

Every step runs on throwaway folders (database, settings, cache), on Qt's offscreen platform:
  1. the bundle holds what the app reads at run time (migrations, icons, Qt plugins, qtawesome fonts);
  2. `netcrm --version` and `netcrm-cli --version` answer;
  3. the app opens its window on a fresh database, migrates it, paints and exits 0;
  4. `netcrm-cli demo` fills a database, and the app opens its window on it and exits 0;
  5. `netcrm-cli` imports a LinkedIn Connections.csv and exports a workbook that holds those people.
Then the cold start, from spawn to exit with NETCRM_EXIT_AFTER_PAINT=1 on the demo database: the median
of --runs runs of the bundle and of the installed package (after one warm-up run each). Exit code 0 when
every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONTACTS = 2000
TIMEOUT = 120

# LinkedIn's Connections.csv as the export writes it: a "Notes:" preamble, a blank line, then the header.
CONNECTIONS = '''\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. \
You will only see email addresses for connections who have allowed their connections to see or download \
their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more \
here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ingrid,Solberg-Nakamura,https://www.linkedin.com/in/ingrid-solberg-nakamura,,"Northwind Analytics, Inc.",\
Head of Data Platform,18 Nov 2024
"Samuel ""Sam""","Okafor, MBA",https://www.linkedin.com/in/sam-okafor,sam.okafor@example.com,Contoso Ltd,\
"VP, Strategy & Operations",02 Jun 2024
Jürgen,Weiß,https://www.linkedin.com/in/juergen-weiss,,Müller & Söhne GmbH,Entwickler,30 May 2024
Wei,张,https://www.linkedin.com/in/wei-zhang-cn,,华为技术有限公司,产品经理,01 Mar 2024
Layla,محمد,https://www.linkedin.com/in/layla-m,layla@example.org,Fabrikam,Recruiter (LION),12 Jan 2023
'''
BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)
PEOPLE = ("Solberg-Nakamura", "Okafor, MBA", "Weiß", "张", "محمد")

_PAINTED = re.compile(r"netcrm: painted (\d+) contacts")


def program_path(bundle: Path, name: str) -> Path:
    """One of the bundle's programs (netcrm.exe on Windows)."""
    return bundle / (f"{name}.exe" if os.name == "nt" else name)


class Failed(Exception):
    """A check did not pass."""


def environment(scratch: Path, **extra: str) -> dict[str, str]:
    """A process environment whose data, settings and caches live in scratch, on the offscreen platform."""
    env = dict(os.environ)
    for key in ("NETCRM_DB", "NETCRM_EXIT_AFTER_PAINT", "PYTHONPATH", "PYTHONHOME"):
        env.pop(key, None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        NETCRM_DATA_DIR=str(scratch / "data"),
        NETCRM_SETTINGS_DIR=str(scratch / "settings"),
        XDG_CACHE_HOME=str(scratch / "cache"),
        XDG_CONFIG_HOME=str(scratch / "config"),
        XDG_DATA_HOME=str(scratch / "share"),
    )
    env.update(extra)
    return env


def run(command: Sequence[str | Path], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command to its end; a failure shows its output."""
    result = subprocess.run(
        [str(part) for part in command], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise Failed(
            f"{' '.join(map(str, command))} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    if "Traceback" in result.stderr:
        raise Failed(f"{' '.join(map(str, command))} printed a traceback\n{result.stderr}")
    return result


def check_contents(bundle: Path) -> None:
    """The files that netcrm, Alembic, Qt and qtawesome read from disk at run time."""
    internal = bundle / "_internal"
    wanted = [
        "netcrm/core/store/migrations/env.py",
        "netcrm/core/store/migrations/script.py.mako",
        "netcrm/resources/icons/netcrm.svg",
        "netcrm/resources/icons/netcrm-256.png",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    ]
    missing = [name for name in wanted if not (internal / name).exists()]
    if sys.platform != "linux":
        missing = [name for name in missing if not name.startswith("PySide6/")]
    if not list((internal / "netcrm/core/store/migrations/versions").glob("0*.py")):
        missing.append("netcrm/core/store/migrations/versions/*.py")
    if not list((internal / "qtawesome/fonts").glob("*.ttf")):
        missing.append("qtawesome/fonts/*.ttf")
    unwanted = [
        path.name
        for path in (internal / "PySide6").rglob("*")
        if re.search(r"Qt6?(WebEngine|Quick|Qml|Pdf|3D|Multimedia)", path.name)
    ]
    missing += [f"{program}: {name}" for program, name in missing_modules(bundle)]
    if missing or unwanted:
        raise Failed(f"bundle contents: missing {missing}, unwanted {unwanted[:10]}")


def missing_modules(bundle: Path) -> list[tuple[str, str]]:
    """Modules absent from each program's archive (read with PyInstaller's reader, when it is importable)."""
    try:
        from PyInstaller.archive.readers import CArchiveReader  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        print("    (PyInstaller is not importable here: the archives' modules are not listed)")
        return []
    wanted = {
        "netcrm": ["defusedxml.ElementTree", "openpyxl", "alembic.op", "netcrm.ui.main_window", "PySide6"],
        "netcrm-cli": ["defusedxml.ElementTree", "openpyxl", "alembic.op", "netcrm.cli"],
    }
    missing = []
    for program, modules in wanted.items():
        names = set(CArchiveReader(str(program_path(bundle, program))).open_embedded_archive("PYZ.pyz").toc)
        missing += [(program, module) for module in modules if module not in names]
        if program == "netcrm-cli" and "PySide6" in names:
            missing.append((program, "no PySide6"))
    return missing


def check_versions(bundle: Path, scratch: Path) -> str:
    """Both programs answer --version with the same version."""
    answers = []
    for program in ("netcrm", "netcrm-cli"):
        out = run([program_path(bundle, program), "--version"], environment(scratch)).stdout.strip()
        if not re.fullmatch(r"netcrm \d+\.\d+\.\d+\S*", out):
            raise Failed(f"{program} --version said {out!r}")
        answers.append(out)
    if len(set(answers)) != 1:
        raise Failed(f"versions differ: {answers}")
    return answers[0]


def open_window(bundle: Path, scratch: Path, db: Path, expected: int) -> None:
    """The app opens db, shows the window with `expected` contacts once the store is open, and exits 0."""
    env = environment(scratch, NETCRM_EXIT_AFTER_PAINT="loaded")
    result = run([program_path(bundle, "netcrm"), "--db", db], env)
    found = _PAINTED.search(result.stderr)
    if not found or int(found.group(1)) != expected:
        raise Failed(f"window on {db.name}: expected {expected} contacts painted, stderr: {result.stderr}")
    if not db.is_file():
        raise Failed(f"the app did not create {db}")


def import_and_export(bundle: Path, scratch: Path) -> None:
    """netcrm-cli imports a LinkedIn export, lists it and exports it to an Excel workbook."""
    env = environment(scratch)
    cli = program_path(bundle, "netcrm-cli")
    db = scratch / "import.sqlite3"
    source = scratch / "Connections.csv"
    source.write_text(CONNECTIONS, encoding="utf-8")
    report = json.loads(run([cli, "--db", db, "import", source, "--json"], env).stdout)
    if report.get("format") != "linkedin" or report.get("created") != len(PEOPLE):
        raise Failed(f"import report: {report}")
    again = json.loads(run([cli, "--db", db, "import", source, "--json"], env).stdout)
    if again.get("created") != 0:
        raise Failed(f"re-import created duplicates: {again}")
    contacts = json.loads(run([cli, "--db", db, "contacts", "--json"], env).stdout)
    if len(contacts) != len(PEOPLE):
        raise Failed(f"contacts after import: {len(contacts)}")
    workbook = scratch / "export.xlsx"
    run([cli, "--db", db, "export", workbook], env)
    with zipfile.ZipFile(workbook) as archive:
        names = archive.namelist()
        texts = [
            ElementTree.fromstring(archive.read(name)).itertext()
            for name in names
            if name.startswith("xl/") and name.endswith(".xml")
        ]
    text = "\n".join("\n".join(part) for part in texts)
    if "xl/workbook.xml" not in names or not all(person in text for person in PEOPLE):
        raise Failed(f"the workbook lacks people: {[p for p in PEOPLE if p not in text]}")
    run([cli, "--db", db, "check"], env)
    # An entity bomb inside a workbook is refused (defusedxml and netcrm's own guard are in the bundle).
    bomb = scratch / "bomb.xlsx"
    with zipfile.ZipFile(workbook) as good, zipfile.ZipFile(bomb, "w") as target:
        for name in good.namelist():
            data = BOMB if name == "xl/worksheets/sheet1.xml" else good.read(name)
            target.writestr(name, data)
    refused = subprocess.run(
        [str(cli), "--db", str(db), "import", str(bomb)], env=env, capture_output=True, text=True, timeout=60
    )
    if refused.returncode != 2 or "Traceback" in refused.stderr:
        raise Failed(f"an XML bomb was not refused (exit {refused.returncode}): {refused.stderr}")


def cold_starts(programs: dict[str, Path], scratch: Path, db: Path, runs: int) -> dict[str, list[float]]:
    """Seconds from spawn to exit of each `program --db db`, quitting after its first paint.

    The programs take turns, so that they share the machine's drift; a first round warms the disk cache
    and the icon cache and is not counted.
    """
    env = environment(scratch, NETCRM_EXIT_AFTER_PAINT="1")
    times: dict[str, list[float]] = {label: [] for label in programs}
    for index in range(runs + 1):
        for label, program in programs.items():
            started = time.perf_counter()
            run([program, "--db", db], env)
            if index:
                times[label].append(time.perf_counter() - started)
    return times


def main(argv: list[str]) -> int:
    """Run every check; returns 0 when all passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "netcrm")
    parser.add_argument("--installed", type=Path, default=ROOT / ".venv" / "bin" / "netcrm")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-timing", action="store_true", help="skip the cold-start measurement")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not program_path(bundle, "netcrm").exists():
        print(f"smoke_test.py: no bundle at {bundle}; build it with packaging/build.py", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="netcrm-smoke-") as folder:
        scratch = Path(folder)
        demo = scratch / "demo.sqlite3"
        cli = program_path(bundle, "netcrm-cli")
        steps: list[tuple[str, Callable[[], object]]] = [
            ("bundle holds migrations, icons, Qt plugins, fonts", lambda: check_contents(bundle)),
            ("netcrm / netcrm-cli --version", lambda: print(f"    {check_versions(bundle, scratch)}")),
            (
                "window on a fresh database",
                lambda: open_window(bundle, scratch, scratch / "fresh.sqlite3", 0),
            ),
            (
                f"netcrm-cli demo --contacts {DEMO_CONTACTS}",
                lambda: run(
                    [cli, "--db", demo, "demo", "--contacts", str(DEMO_CONTACTS)],
                    environment(scratch),
                ),
            ),
            ("window on the demo database", lambda: open_window(bundle, scratch, demo, DEMO_CONTACTS)),
            ("netcrm-cli imports Connections.csv, exports .xlsx", lambda: import_and_export(bundle, scratch)),
        ]
        failures = 0
        for name, step in steps:
            started = time.perf_counter()
            try:
                step()
            except (Failed, subprocess.TimeoutExpired, OSError, ValueError) as error:
                failures += 1
                print(f"FAIL {name}: {error}", file=sys.stderr)
            else:
                print(f"ok   {name} ({time.perf_counter() - started:.1f} s)")
        if failures:
            print(f"smoke_test.py: {failures} check(s) failed", file=sys.stderr)
            return 1
        if not args.no_timing:
            print(
                f"cold start to first paint and exit, {DEMO_CONTACTS} demo contacts, median of {args.runs}:"
            )
            programs = {"bundle": program_path(bundle, "netcrm")}
            if args.installed.exists():
                programs["installed"] = args.installed
            for label, times in cold_starts(programs, scratch, demo, args.runs).items():
                spread = ", ".join(f"{t:.2f}" for t in times)
                print(f"    {label:<9} {statistics.median(times):.2f} s  ({spread})  {programs[label]}")
    print("smoke_test.py: all checks passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
