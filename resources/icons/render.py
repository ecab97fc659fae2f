#!/usr/bin/env python3
"""Render the app icon's PNGs from the SVG master, with PySide6 alone (no Inkscape, no rsvg).

Usage: python resources/icons/render.py [--preview FILE]

Writes resources/icons/hicolor/<N>x<N>/apps/netcrm.png for every size of SIZES (for the desktop's icon
theme) and copies the master and the PACKAGED sizes into src/netcrm/resources/icons/, where the app finds
them at run time. --preview also writes a sheet of every size blown up 4x, for checking the small ones.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MASTER = HERE / "netcrm.svg"
HICOLOR = HERE / "hicolor"
PACKAGE_ICONS = ROOT / "src" / "netcrm" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PACKAGED = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The master drawn at size x size pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def preview(images: dict[int, QImage], target: Path) -> None:
    """Every render side by side, each scaled 4x without smoothing, on a mid-grey background."""
    scale, gap = 4, 16
    width = sum(size * scale + gap for size in images if size <= 128) + gap
    height = 128 * scale + 2 * gap
    sheet = QImage(width, height, QImage.Format.Format_ARGB32)
    sheet.fill(0xFF808080)
    painter = QPainter(sheet)
    x = gap
    for size, image in images.items():
        if size > 128:
            continue
        big = image.scaled(size * scale, size * scale, mode=Qt.TransformationMode.FastTransformation)
        painter.drawImage(x, gap, big)
        x += size * scale + gap
    painter.end()
    sheet.save(str(target))


def main(argv: list[str]) -> int:
    """Render every size; returns 0, or 1 when the master cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", type=Path, help="also write a 4x contact sheet here")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        print(f"render.py: cannot read {MASTER}", file=sys.stderr)
        return 1
    PACKAGE_ICONS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MASTER, PACKAGE_ICONS / MASTER.name)
    images: dict[int, QImage] = {}
    for size in SIZES:
        image = render(renderer, size)
        images[size] = image
        folder = HICOLOR / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not image.save(str(folder / "netcrm.png")):
            print(f"render.py: cannot write {folder / 'netcrm.png'}", file=sys.stderr)
            return 1
        if size in PACKAGED:
            image.save(str(PACKAGE_ICONS / f"netcrm-{size}.png"))
    if args.preview:
        preview(images, args.preview)
    del app
    print(f"render.py: {len(SIZES)} sizes into {HICOLOR}, {len(PACKAGED)} into {PACKAGE_ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
