"""The core never imports Qt: proved by importing every core module in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import netcrm.core
for info in pkgutil.walk_packages(netcrm.core.__path__, "netcrm.core."):
    if ".migrations" in info.name:
        continue
    importlib.import_module(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "qtawesome"}
             or m.startswith("netcrm.ui") or m == "netcrm.app")
print(",".join(bad))
"""


def test_core_imports_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
