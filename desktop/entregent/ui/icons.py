"""The app's SVG icons (resources/icons/), sharp at any DPI and in either theme.

Each icon is drawn from its SVG at the size and device pixel ratio asked (never
a small raster scaled up), and in colours that read on the palette in use: the
strokes are nudged (``contrast.readable_tint``) until they reach 4.5:1 on the
window (the ratio of text, above WCAG's 3:1 for graphics: an icon should read
as well as its label), so the dark slate of the light theme turns pale grey on
a dark window. The colours are worked out at paint time, so an
icon already shown follows a change of theme at its next repaint.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from entregent.contrast import readable_tint
from entregent.paths import resources_dir

ICON_CONTRAST = 4.5  # at least WCAG's 3:1 for graphics (1.4.11); as much as text
_COLOUR = re.compile(rb'(stroke|fill)="(#[0-9a-fA-F]{6})"')


class _ThemedSvgEngine(QIconEngine):
    """Renders one SVG with its colours made readable on the current window."""

    def __init__(self, svg: bytes):
        super().__init__()
        self._svg = svg
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self) -> QSvgRenderer:
        window = QApplication.palette().color(QPalette.ColorRole.Window).name()
        found = self._renderers.get(window)
        if found is None:

            def recolour(match: re.Match[bytes]) -> bytes:
                colour = readable_tint(match.group(2).decode(), window, ICON_CONTRAST)
                return match.group(1) + b'="' + colour.encode() + b'"'

            found = self._renderers[window] = QSvgRenderer(
                QByteArray(_COLOUR.sub(recolour, self._svg))
            )
        return found

    def paint(self, painter: QPainter, rect: QRect, mode, state) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.45)
        self._renderer().render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode, state, scale: float) -> QPixmap:  # noqa: N802
        image = QImage(
            round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_ARGB32
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint(painter, QRect(0, 0, image.width(), image.height()), mode, state)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode, state) -> QSize:  # noqa: N802
        return size

    def clone(self) -> QIconEngine:
        return _ThemedSvgEngine(self._svg)

    def isNull(self) -> bool:  # noqa: N802
        return False


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        return QIcon()
    return QIcon(_ThemedSvgEngine(path.read_bytes()))


@cache
def app_icon() -> QIcon:
    """The application's own icon (the one the desktop entry names)."""
    from entregent import APP_ID

    hicolor = resources_dir() / "icons" / "hicolor"
    result = QIcon()
    for path in sorted(hicolor.glob(f"*/apps/{APP_ID}.*")):
        result.addFile(str(path))
    return result
