"""The Qt binding keeps Python's reference counts right.

PySide6 6.12.0 returns None from every method that returns nothing without
taking a reference to it. From Python 3.12 None is immortal and nothing shows;
before, each such call (``update()``, ``setText()``, ``QPainter.save()`` …)
takes one reference away and a session aborts with "deallocating None" after
a few thousand of them. pyproject.toml keeps that version out; this test says
so plainly if it ever comes back.
"""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_calls_that_return_nothing_leave_none_alone(qapp):
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(50):
            label.update()
            label.setText("x")
            painter.save()
            painter.restore()
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert after >= before - 20, f"None lost {before - after} references in 200 Qt calls"
