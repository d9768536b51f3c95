"""A person's round initials avatar in their context colour (where no photo is)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPixmap

from entregent.contrast import text_on
from entregent.services.people.avatars import initials

AVATAR = 30


def avatar_pixmap(name: str, colour: str, size: int = AVATAR, ratio: float = 0) -> QPixmap:
    """A round avatar of ``size`` px holding the name's initials, drawn at
    ``ratio`` device pixels per pixel (by default the screen's: sharp at 200 %)."""
    if ratio <= 0:
        app = QGuiApplication.instance()
        ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
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
