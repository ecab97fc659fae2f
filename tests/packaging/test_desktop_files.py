"""The desktop entry and the AppStream metainfo pass the freedesktop validators, and agree with each other."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from netcrm import __version__

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.netcrm.Netcrm"
DESKTOP = ROOT / "resources" / "linux" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "linux" / f"{APP_ID}.metainfo.xml"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
RENDERED = (16, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        package = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}[name]
        pytest.skip(f"{name} is not installed (Debian package {package}; .ci/run installs it)")
    return found


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # not even a hint


def test_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Infos are allowed (older appstream does not know <developer>), warnings and errors are not.
    problems = [line for line in result.stdout.splitlines() if line.startswith(("W:", "E:"))]
    assert problems == []


def test_metainfo_names_the_desktop_entry_the_release_and_the_licence() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert __version__ in [release.get("version") for release in root.iter("release")]
    assert root.find("content_rating") is not None
    assert root.find("screenshots/screenshot/image") is not None


def test_desktop_entry_launches_netcrm_with_our_icon() -> None:
    entry = _desktop_entry()
    assert entry["Exec"].split()[0] == "netcrm"
    assert entry["Icon"] == "netcrm"
    assert entry["StartupWMClass"] == "netcrm"
    for size in RENDERED:
        assert (HICOLOR / f"{size}x{size}" / "apps" / f"{entry['Icon']}.png").is_file()


def test_icon_renders_have_their_sizes() -> None:
    for size in RENDERED:
        data = (HICOLOR / f"{size}x{size}" / "apps" / "netcrm.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)


def test_licence_file_is_the_gpl_3() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text
    assert "Version 3, 29 June 2007" in text


def test_packaged_icon_is_the_master() -> None:
    """render.py copies the master into the package; a changed SVG without a new render shows here."""
    packaged = ROOT / "src" / "netcrm" / "resources" / "icons"
    master = ROOT / "resources" / "icons" / "netcrm.svg"
    assert (packaged / "netcrm.svg").read_bytes() == master.read_bytes()
    for size in (16, 32, 48, 256):
        rendered = (HICOLOR / f"{size}x{size}" / "apps" / "netcrm.png").read_bytes()
        assert (packaged / f"netcrm-{size}.png").read_bytes() == rendered
