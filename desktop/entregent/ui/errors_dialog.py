"""Errors shown to a person: a clear sentence for what they can act on, and for a
bug a kind "something went wrong" with a report they can copy — never a
traceback in their face."""

from __future__ import annotations

import logging
import platform
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from entregent import __version__
from entregent.errors import UserError
from entregent.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def bug_report(exc: BaseException) -> str:
    """The text a person can copy into a bug report."""
    lines = [
        f"Entregent {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}",
        "",
    ]
    lines += traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """The dialog for ``exc`` (not shown yet)."""
    # Imported here: QMessageBox brings a dozen Qt enum types that PySide6 builds
    # on first use, tens of milliseconds a start without an error need not pay.
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(_("Entregent"))
    if isinstance(exc, UserError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(exc))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box
    log.error("something went wrong", exc_info=(type(exc), exc, exc.__traceback__))
    report = bug_report(exc)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setText(_("Something went wrong. Your data is safe; what you were doing was not finished."))
    box.setInformativeText(_("If it happens again, copy the report and send it to us."))
    box.setDetailedText(report)
    copy = box.addButton(_("Copy report"), QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
    box.addButton(QMessageBox.StandardButton.Close)
    box.setProperty("report", report)
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show ``exc`` without blocking (window-modal); returns the dialog."""
    box = error_box(parent, exc)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
