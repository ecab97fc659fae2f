"""packaging/linux/install.sh puts a bundle into the user's folders; uninstall.sh removes exactly that."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "packaging" / "linux" / "install.sh"
UNINSTALL = ROOT / "packaging" / "linux" / "uninstall.sh"
APP_ID = "io.github.netcrm.Netcrm"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="install.sh is for Linux")


def fake_bundle(folder: Path) -> Path:
    """A tiny stand-in for dist/netcrm: two programs that print their name, and a library folder."""
    folder.mkdir(parents=True)
    for program in ("netcrm", "netcrm-cli"):
        path = folder / program
        path.write_text(f'#!/bin/sh\necho "{program} 0.1.0 $*"\n')
        path.chmod(0o755)
    (folder / "_internal" / "PySide6").mkdir(parents=True)
    (folder / "_internal" / "PySide6" / "libfake.so").write_bytes(b"\0" * 10)
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK")
    return folder


def run(script: Path, home: Path, *args: str, prefix: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TMPDIR": str(home)}
    if prefix is not None:
        env["PREFIX"] = str(prefix)
    return subprocess.run(
        ["sh", str(script), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def snapshot(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home folder that already holds things of the user's, which neither script may touch."""
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "other-tool").write_text("#!/bin/sh\n")
    (home / ".local" / "share" / "applications").mkdir(parents=True)
    (home / ".local" / "share" / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    (home / ".local" / "share" / "netcrm").mkdir(parents=True)
    (home / ".local" / "share" / "netcrm" / "netcrm.sqlite3").write_bytes(b"the user's data")
    return home


def test_install_puts_everything_in_place(tmp_path: Path, home: Path) -> None:
    bundle = fake_bundle(tmp_path / "dist" / "netcrm")
    result = run(INSTALL, home, str(bundle))
    assert result.returncode == 0, result.stderr
    local = home / ".local"
    app = local / "opt" / "netcrm"
    assert (app / "_internal" / "PySide6" / "libfake.so").is_file()
    for program in ("netcrm", "netcrm-cli"):
        link = local / "bin" / program
        assert link.is_symlink()
        assert link.resolve() == (app / program).resolve()
        ran = subprocess.run([str(link), "--version"], capture_output=True, text=True, check=True)
        assert ran.stdout.strip() == f"{program} 0.1.0 --version"
    for size in ICON_SIZES:
        assert (local / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "netcrm.png").is_file()
    desktop = (local / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{app}/netcrm"' in desktop.splitlines()
    assert f"TryExec={app}/netcrm" in desktop.splitlines()
    assert "Icon=netcrm" in desktop.splitlines()
    assert (local / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    manifest = (local / "opt" / "netcrm.manifest").read_text().splitlines()
    assert f"l {local / 'bin' / 'netcrm'}" in manifest
    assert f"f {app / '_internal' / 'PySide6' / 'libfake.so'}" in manifest
    assert not any("other" in line or "sqlite3" in line for line in manifest)
    validator = shutil.which("desktop-file-validate")
    if validator:
        checked = subprocess.run(
            [validator, str(local / "share" / "applications" / f"{APP_ID}.desktop")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout


def test_uninstall_removes_exactly_what_install_added(tmp_path: Path, home: Path) -> None:
    before = snapshot(home)
    bundle = fake_bundle(tmp_path / "dist" / "netcrm")
    assert run(INSTALL, home, str(bundle)).returncode == 0
    assert snapshot(home) > before
    result = run(UNINSTALL, home)
    assert result.returncode == 0, result.stderr
    assert snapshot(home) == before
    assert (home / ".local" / "share" / "netcrm" / "netcrm.sqlite3").read_bytes() == b"the user's data"


def test_uninstall_keeps_what_the_user_added_to_our_folders(tmp_path: Path, home: Path) -> None:
    bundle = fake_bundle(tmp_path / "dist" / "netcrm")
    assert run(INSTALL, home, str(bundle)).returncode == 0
    mine = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "mine.png"
    mine.write_bytes(b"png")
    assert run(UNINSTALL, home).returncode == 0
    assert mine.read_bytes() == b"png"
    assert not (home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "netcrm.png").exists()
    assert not (home / ".local" / "opt").exists()


def test_installing_again_replaces_the_previous_install(tmp_path: Path, home: Path) -> None:
    before = snapshot(home)
    first = fake_bundle(tmp_path / "one" / "netcrm")
    (first / "_internal" / "old-only.so").write_bytes(b"old")
    assert run(INSTALL, home, str(first)).returncode == 0
    second = fake_bundle(tmp_path / "two" / "netcrm")
    result = run(INSTALL, home, str(second))
    assert result.returncode == 0, result.stderr
    assert not (home / ".local" / "opt" / "netcrm" / "_internal" / "old-only.so").exists()
    assert run(UNINSTALL, home).returncode == 0
    assert snapshot(home) == before


def test_a_prefix_with_a_space_works_and_leaves_home_alone(tmp_path: Path, home: Path) -> None:
    before = snapshot(home)
    prefix = tmp_path / "my apps"
    bundle = fake_bundle(tmp_path / "dist" / "netcrm")
    result = run(INSTALL, home, str(bundle), prefix=prefix)
    assert result.returncode == 0, result.stderr
    assert snapshot(home) == before
    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{prefix}/opt/netcrm/netcrm"' in desktop.splitlines()
    validator = shutil.which("desktop-file-validate")
    if validator:
        desktop_file = prefix / "share" / "applications" / f"{APP_ID}.desktop"
        checked = subprocess.run([validator, str(desktop_file)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout
    assert run(UNINSTALL, home, prefix=prefix).returncode == 0
    assert not prefix.exists()  # install.sh created it, so uninstall.sh removes it


def test_install_refuses_to_replace_another_netcrm_program(tmp_path: Path, home: Path) -> None:
    pip_script = home / ".local" / "bin" / "netcrm"
    pip_script.write_text("#!/bin/sh\n# installed by pip\n")
    before = snapshot(home)
    result = run(INSTALL, home, str(fake_bundle(tmp_path / "dist" / "netcrm")))
    assert result.returncode == 1
    assert "not netcrm's link" in result.stderr
    assert snapshot(home) == before
    assert "pip" in pip_script.read_text()


def test_install_needs_a_bundle(tmp_path: Path, home: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(INSTALL, home, str(empty))
    assert result.returncode == 2
    assert "build the bundle first" in result.stderr


def test_uninstall_without_an_install_says_so(home: Path) -> None:
    result = run(UNINSTALL, home)
    assert result.returncode == 1
    assert "no netcrm install found" in result.stderr
