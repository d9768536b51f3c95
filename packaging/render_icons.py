"""Render the application icon (SVG) to the PNG sizes desktops and installers use.

    python3 packaging/render_icons.py

writes resources/icons/hicolor/<N>x<N>/apps/org.entregent.Entregent.png for each
size, and packaging/entregent.ico (Windows) when Pillow is at hand. Uses Qt's
QSvgRenderer (packaging/ is outside the package, so Qt is fine here).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.entregent.Entregent"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        target = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(SVG, size).save(str(target), "PNG"):
            raise SystemExit(f"{target}: could not be written")
        print(target.relative_to(ROOT))
    try:
        from PIL import Image
    except ImportError:
        return 0
    biggest = HICOLOR / "256x256" / "apps" / f"{APP_ID}.png"
    ico = ROOT / "packaging" / "entregent.ico"
    Image.open(biggest).save(ico, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    print(ico.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
