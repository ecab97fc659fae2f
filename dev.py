#!/usr/bin/env python3
"""Bootstrap for developers: `python3 dev.py app` launches netcrm, `python3 dev.py test` runs every test.

Each creates `.venv` beside this file on first use and reinstalls netcrm there whenever pyproject.toml
changes, so a fresh machine needs nothing but Python 3.11+ (no system-wide pip install).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".netcrm-installed"


def ensure_environment() -> None:
    """Create the virtual environment and install netcrm with its dev tools when needed."""
    if sys.version_info < (3, 11):
        sys.exit(f"netcrm needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("dev.py: creating .venv ...", file=sys.stderr)
        try:
            venv.create(VENV, with_pip=True)
        except Exception as exc:  # Debian without python3-venv lands here
            sys.exit(f"dev.py: cannot create a virtual environment ({exc}); install python3-venv")
    print("dev.py: installing netcrm and its tools into .venv ...", file=sys.stderr)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    """Run `app` or `test` (extra arguments go to netcrm or pytest)."""
    if not argv or argv[0] not in ("app", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "app":
        return subprocess.call([str(PYTHON), "-m", "netcrm", *rest])
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
