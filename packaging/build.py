#!/usr/bin/env python3
"""Build netcrm's one-folder bundle, dist/netcrm/, with PyInstaller; one command from a clean checkout.

Usage: python3 packaging/build.py [--venv DIR] [--skip-install]

The build runs in a virtual environment: the one this script runs in if it is one (for example
`.venv/bin/python packaging/build.py`), else --venv DIR, else build/venv, which is created and given netcrm
and its dependencies. PyInstaller is installed there when missing. The bundle holds both programs,
`netcrm` and `netcrm-cli`, plus share/ (desktop entry, metainfo, icons, licence) and install.sh for Linux.
The bundle's size is printed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "netcrm.spec"
DIST = ROOT / "dist"
BUNDLE = DIST / "netcrm"
WORK = ROOT / "build" / "pyinstaller"
APP_ID = "io.github.netcrm.Netcrm"
PYINSTALLER = "pyinstaller>=6.10,<7"


def venv_python(folder: Path) -> Path:
    """The interpreter of a virtual environment."""
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build_python(requested: Path | None, skip_install: bool) -> Path:
    """The interpreter that builds: this venv, the requested one, or build/venv (made when missing)."""
    if requested is None and sys.prefix != sys.base_prefix:
        python = Path(sys.executable)
    else:
        folder = requested or ROOT / "build" / "venv"
        python = venv_python(folder)
        if not python.exists():
            print(f"build.py: creating {folder} ...", file=sys.stderr)
            venv.create(folder, with_pip=True)
        if not skip_install:
            print("build.py: installing netcrm and its dependencies there ...", file=sys.stderr)
            _pip(python, str(ROOT))
    probe = subprocess.run([str(python), "-c", "import PyInstaller"], capture_output=True)
    if probe.returncode != 0:
        print(f"build.py: installing {PYINSTALLER} ...", file=sys.stderr)
        _pip(python, PYINSTALLER)
    return python


def _pip(python: Path, *requirements: str) -> None:
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", *requirements]
    subprocess.run(command, check=True)


def add_desktop_files(bundle: Path) -> None:
    """Desktop integration and the licence travel with the bundle, so install.sh needs no checkout."""
    share = bundle / "share"
    if share.exists():
        shutil.rmtree(share)
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    linux = ROOT / "resources" / "linux"
    shutil.copy2(linux / f"{APP_ID}.desktop", share / "applications")
    shutil.copy2(linux / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(ROOT / "resources" / "icons" / "hicolor", share / "icons" / "hicolor")
    shutil.copy2(ROOT / "LICENSE", bundle / "LICENSE")
    if os.name != "nt":
        for script in ("install.sh", "uninstall.sh"):
            shutil.copy2(ROOT / "packaging" / "linux" / script, bundle / script)


def folder_size(folder: Path) -> int:
    """Bytes of every regular file below folder (symlinks are not counted twice)."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def report_size(bundle: Path) -> None:
    """The bundle's total size and its largest parts."""
    total = folder_size(bundle)
    print(f"build.py: {bundle} is {total / 2**20:.1f} MiB", file=sys.stderr)
    internal = bundle / "_internal"
    if not internal.is_dir():
        return
    parts: dict[str, int] = {}
    for path in internal.rglob("*"):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(internal).parts
            key = "/".join(relative[:3]) if relative[0] == "PySide6" else relative[0]
            parts[key] = parts.get(key, 0) + path.stat().st_size
    for name, size in sorted(parts.items(), key=lambda item: -item[1])[:12]:
        print(f"  {size / 2**20:7.1f} MiB  _internal/{name}", file=sys.stderr)


def main(argv: list[str]) -> int:
    """Build the bundle; returns PyInstaller's exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, help="build in this virtual environment (created if missing)")
    parser.add_argument(
        "--skip-install", action="store_true", help="do not (re)install netcrm into --venv/build/venv"
    )
    args = parser.parse_args(argv)
    python = build_python(args.venv, args.skip_install)
    started = time.monotonic()
    command = [
        str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]  # fmt: skip
    print(f"build.py: {' '.join(command)}", file=sys.stderr)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        print(f"build.py: PyInstaller failed with code {result.returncode}", file=sys.stderr)
        return result.returncode
    add_desktop_files(BUNDLE)
    print(f"build.py: built {BUNDLE} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    report_size(BUNDLE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
