"""Small widgets of the detail pane: section titles, in-place line edits, and the
list of ways to reach someone (click to open mailto:/tel:, a button to copy)."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from entregent.contact_labels import method_label
from entregent.i18n import _
from entregent.ui.elided_label import ElidedButton
from entregent.ui.plain import plain_label


def section_title(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setStyleSheet("color: palette(placeholder-text); margin-top: 10px;")
    return label


class InPlaceLineEdit(QLineEdit):
    """A flat line edit that saves when editing finishes and the text changed."""

    def __init__(self, field: str, on_save, parent=None, accessible: str = ""):
        super().__init__(parent)
        self.field = field
        self._on_save = on_save
        self._shown = ""
        self.setFrame(False)
        self.setObjectName(f"{field}LineEdit")
        self.setAccessibleName(accessible or field)
        self.setAccessibleDescription(_("Edit in place; it is saved when you press Enter or leave"))
        self.editingFinished.connect(self._finished)

    def show_value(self, value: str) -> None:
        self._shown = value or ""
        self.setText(self._shown)
        self.setCursorPosition(0)

    def _finished(self) -> None:
        if self.text() != self._shown:
            self._shown = self.text()
            self._on_save(self.field, self.text())


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().hide()  # gone now, not at the next loop turn
            item.widget().deleteLater()
        elif item.layout():
            clear_layout(item.layout())


def method_url(kind: str, value: str, normalized: str) -> str | None:
    if kind == "email":
        return "mailto:" + (normalized or value.strip())
    if kind == "tel":
        number = normalized or "".join(c for c in value if c.isdigit() or c == "+")
        return "tel:" + number if number else None
    if kind == "url" and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


class MethodsBox(QWidget):
    """Phones, e-mails, addresses and links, each one click from use; a row to add
    one and a button to remove each (``add_requested``, ``remove_requested``)."""

    add_requested = Signal(str, str)  # kind, value
    remove_requested = Signal(int)  # method id

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = QVBoxLayout()
        layout.addLayout(self.rows)
        adding = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(_("Kind of contact detail"))
        self.kind_combo.setAccessibleDescription(_("Phone, e-mail, address or web site"))
        for kind, label in (
            ("tel", _("phone")),
            ("email", _("e-mail")),
            ("adr", _("address")),
            ("url", _("link")),
        ):
            self.kind_combo.addItem(label, kind)
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("newMethodEdit")
        self.value_edit.setAccessibleName(_("New phone, e-mail or address"))
        self.value_edit.setAccessibleDescription(_("Type it and press Enter to add it"))
        self.value_edit.setPlaceholderText(_("Add a phone, an e-mail…"))
        self.value_edit.returnPressed.connect(self._add)
        adding.addWidget(self.kind_combo)
        adding.addWidget(self.value_edit, 1)
        layout.addLayout(adding)

    def _add(self) -> None:
        value = self.value_edit.text().strip()
        if value:
            self.add_requested.emit(self.kind_combo.currentData(), value)
            self.value_edit.clear()

    def fill(self, methods) -> None:
        clear_layout(self.rows)
        if not methods:
            self.rows.addWidget(plain_label(_("No phone or e-mail yet.")))
        for method in methods:
            row = QHBoxLayout()
            kind = plain_label(method_label(method.kind, method.label))
            kind.setMinimumWidth(70)
            kind.setStyleSheet("color: palette(placeholder-text);")
            value = ElidedButton(method.value)
            value.setFlat(True)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            value.setStyleSheet("text-align: left; color: palette(link);")
            value.setAccessibleName(f"{method.kind} {method.value}")
            url = method_url(method.kind, method.value, method.normalized)
            value.setToolTip(url or method.value)
            value.clicked.connect(lambda _c=False, u=url, v=method.value: open_method(u, v))
            copy = QToolButton()
            copy.setText(_("Copy"))
            copy.setAccessibleName(_("Copy {value}").format(value=method.value))
            copy.clicked.connect(
                lambda _c=False, v=method.value: QGuiApplication.clipboard().setText(v)
            )
            remove = QToolButton()
            remove.setText("×")
            remove.setToolTip(_("Remove"))
            remove.setAccessibleName(_("Remove {value}").format(value=method.value))
            remove.clicked.connect(lambda _c=False, i=method.id: self.remove_requested.emit(i))
            row.addWidget(kind)
            row.addWidget(value, 1)
            row.addWidget(copy)
            row.addWidget(remove)
            self.rows.addLayout(row)


def open_method(url: str | None, value: str) -> None:
    """Open mailto:/tel:/https: in the system's app, or copy what has no link."""
    if url:
        QDesktopServices.openUrl(QUrl(url))
    else:
        QGuiApplication.clipboard().setText(value)
