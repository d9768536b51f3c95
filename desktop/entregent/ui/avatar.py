"""A person's round initials avatar in their context colour (where no photo is),
and photos fitted to a size, both drawn at the screen's device pixel ratio."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPixmap

from entregent.contrast import text_on
from entregent.services.people.avatars import initials

AVATAR = 30


def screen_ratio() -> float:
    """Device pixels per pixel of the screens (2 at 200 %)."""
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0


def fitted(pixmap: QPixmap, size: int, ratio: float = 0) -> QPixmap:
    """``pixmap`` scaled to fit ``size`` × ``size`` px at ``ratio`` device pixels
    per pixel (the screen's by default): a photo stays sharp at 200 %."""
    ratio = ratio if ratio > 0 else screen_ratio()
    scaled = pixmap.scaled(
        round(size * ratio),
        round(size * ratio),
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    scaled.setDevicePixelRatio(ratio)
    return scaled


def avatar_pixmap(name: str, colour: str, size: int = AVATAR, ratio: float = 0) -> QPixmap:
    """A round avatar of ``size`` px holding the name's initials, drawn at
    ``ratio`` device pixels per pixel (by default the screen's: sharp at 200 %)."""
    if ratio <= 0:
        ratio = screen_ratio()
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(0, 0, size, size)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.4))
    painter.setFont(font)
    painter.setPen(QColor(text_on(QColor(colour).name())))  # WCAG AA on any hue
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    return pixmap
