"""The wheel carries everything netcrm reads at run time, and works installed into a fresh venv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from netcrm import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _setuptools_is_recent() -> bool:
    """pyproject's licence expression needs setuptools 77 or newer to build without isolation."""
    try:
        import setuptools
    except ImportError:
        return False
    return int(setuptools.__version__.split(".")[0]) >= 77


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources (so no stale build/ folder can leak into it)."""
    tree = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, tree / name)
    out = tmp_path_factory.mktemp("wheels")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q"]
    if _setuptools_is_recent():
        command.append("--no-build-isolation")
    result = subprocess.run(
        [*command, "-w", str(out), str(tree)], capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (found,) = out.glob("netcrm-*.whl")
    return found


def test_wheel_holds_migrations_icons_and_licence(wheel: Path) -> None:
    assert wheel.name == f"netcrm-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    migrations = "netcrm/core/store/migrations/"
    assert f"{migrations}env.py" in names
    assert f"{migrations}script.py.mako" in names
    shipped = {name.rsplit("/", 1)[1] for name in names if name.startswith(f"{migrations}versions/")}
    in_tree = {path.name for path in (ROOT / "src" / migrations / "versions").glob("*.py")}
    assert in_tree <= shipped
    assert len(in_tree) >= 2
    icons = {name for name in names if name.startswith("netcrm/resources/icons/")}
    assert "netcrm/resources/icons/netcrm.svg" in icons
    assert {f"netcrm/resources/icons/netcrm-{size}.png" for size in (16, 32, 48, 256)} <= icons
    assert "netcrm/py.typed" in names
    assert any(name.endswith("licenses/LICENSE") for name in names)
    metadata = zipfile.ZipFile(wheel).read(f"netcrm-{__version__}.dist-info/entry_points.txt").decode()
    assert "netcrm-cli = netcrm.cli:main" in metadata
    assert "netcrm = netcrm.app:main" in metadata


def test_wheel_installed_in_a_fresh_venv_runs_the_cli(wheel: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=False, symlinks=os.name != "nt")
    bindir = fresh / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q"]
    result = subprocess.run(
        [*install, "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The dependencies (Qt, SQLAlchemy...) come from this test's environment, behind the fresh venv's own
    # site-packages, so that nothing is downloaded again; netcrm itself must come from the wheel.
    env = dict(os.environ, PYTHONPATH=sysconfig.get_paths()["purelib"], QT_QPA_PLATFORM="offscreen")
    env.pop("NETCRM_DB", None)

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(python), "-c", "import sys; from netcrm.cli import main; sys.exit(main())", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    where = subprocess.run(
        [str(python), "-c", "import netcrm, sys; print(netcrm.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(fresh), where

    cli = bindir / ("netcrm-cli.exe" if os.name == "nt" else "netcrm-cli")
    assert cli.exists()
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, env=env, check=False)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"netcrm {__version__}"

    db = tmp_path / "x.sqlite3"
    demo = subprocess.run(
        [str(cli), "--db", str(db), "demo", "--contacts", "50"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    assert len(json.loads(run("--db", str(db), "contacts", "--json"))) == 50

    icon = subprocess.run(
        [
            str(python),
            "-c",
            "from PySide6.QtGui import QGuiApplication; app = QGuiApplication([]); "
            "from netcrm.ui.app_icon import app_icon; print(len(app_icon().availableSizes()))",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert icon.returncode == 0, icon.stderr
    assert int(icon.stdout.strip()) == 7
