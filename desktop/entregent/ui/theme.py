"""Light and dark: the window's palette and the few colours of our own.

The ``theme`` setting is "system" (follow the computer: Qt's
``QStyleHints.colorScheme``, and its changes while the app runs), "light" or
"dark". ``apply_theme`` asks the platform for that scheme; where the platform
cannot give it (no platform theme, offscreen rendering, an older desktop) the
app's own palette is set. Whatever palette results, ``readable`` then moves the
placeholder (our muted text), link and selection colours until text in them
reaches WCAG AA (4.5:1) on the backgrounds they are drawn on.

Custom-painted widgets read their colours here rather than writing them down:
``muted()``, ``warning()``, ``link()`` and ``tint(colour)`` (a context's hue as
readable text). A change of theme re-resolves the style sheets that name
``palette(...)`` and emits ``ThemeWatch.changed``, on which the main window
re-reads its views.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
)

from entregent.contrast import TEXT_AA, contrast_ratio, readable_tint

__all__ = [
    "THEMES",
    "apply_theme",
    "current_scheme",
    "is_dark",
    "dark_palette",
    "light_palette",
    "readable",
    "muted",
    "warning",
    "link",
    "tint",
    "hex_of",
    "ThemeWatch",
    "watch",
]

THEMES = ("system", "light", "dark")
_R = QPalette.ColorRole
_G = QPalette.ColorGroup

# The app's dark palette: greys with a touch of blue, text at 13:1 on the base.
_DARK = {
    _R.Window: "#2b2d31",
    _R.WindowText: "#e8eaed",
    _R.Base: "#1f2023",
    _R.AlternateBase: "#26282c",
    _R.Text: "#e8eaed",
    _R.Button: "#3a3d42",
    _R.ButtonText: "#e8eaed",
    _R.BrightText: "#ffffff",
    _R.ToolTipBase: "#3a3d42",
    _R.ToolTipText: "#e8eaed",
    _R.PlaceholderText: "#a3a9b1",
    _R.Highlight: "#2f6db5",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#8ab4f8",
    _R.LinkVisited: "#c58af9",
    _R.Light: "#505359",
    _R.Midlight: "#43464c",
    _R.Mid: "#33353a",
    _R.Dark: "#18191b",
    _R.Shadow: "#000000",
    _R.Accent: "#2f6db5",
}
_DARK_DISABLED = "#80858d"
_WARNING = "#b03a2e"  # overdue dates, a negative balance


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (_R.WindowText, _R.Text, _R.ButtonText, _R.PlaceholderText):
        palette.setColor(_G.Disabled, role, QColor(_DARK_DISABLED))
    palette.setColor(_G.Disabled, _R.Base, QColor(_DARK[_R.Window]))
    palette.setColor(_G.Disabled, _R.Highlight, QColor("#45484e"))
    return palette


def light_palette() -> QPalette:
    """Fusion's light palette (the same on every platform)."""
    style = QStyleFactory.create("Fusion")
    palette = QPalette(style.standardPalette()) if style is not None else QPalette()
    palette.setColor(_R.Accent, palette.color(_R.Highlight))
    return palette


def hex_of(colour: QColor) -> str:
    """``colour`` as #rrggbb, an alpha composited over nothing (Qt's own rule
    for a translucent role is to paint it over the background; see ``readable``)."""
    return colour.name(QColor.NameFormat.HexRgb)


def _over(colour: QColor, background: QColor) -> str:
    """A translucent ``colour`` painted on ``background``, as #rrggbb."""
    alpha = colour.alphaF()
    channels = (
        round(c * alpha + b * (1 - alpha))
        for c, b in zip(
            (colour.red(), colour.green(), colour.blue()),
            (background.red(), background.green(), background.blue()),
            strict=True,
        )
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def readable(palette: QPalette) -> QPalette:
    """``palette`` with muted (placeholder) text, links and selected text at WCAG
    AA on the backgrounds they meet; colours that already reach it are kept."""
    result = QPalette(palette)
    for group in (_G.Active, _G.Inactive):
        for role in (_R.PlaceholderText, _R.Link):
            colour = palette.color(group, role)
            for background_role in (_R.Base, _R.Window, _R.AlternateBase):
                background = palette.color(group, background_role)
                flat = _over(colour, background)
                tinted = readable_tint(flat, hex_of(background))
                colour = QColor(tinted) if tinted != flat else colour
            result.setColor(group, role, colour)
        highlight = hex_of(palette.color(group, _R.Highlight))
        on_highlight = hex_of(palette.color(group, _R.HighlightedText))
        if contrast_ratio(highlight, on_highlight) < TEXT_AA:
            result.setColor(group, _R.Highlight, QColor(readable_tint(highlight, on_highlight)))
    return result


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette if palette is not None else QApplication.palette()
    return palette.color(_R.Window).lightness() < 128


def current_scheme(choice: str) -> str:
    """ "light" or "dark": what ``choice`` means on this computer now."""
    if choice in ("light", "dark"):
        return choice
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


class FocusMarks(QProxyStyle):
    """The platform's style, plus a focus mark where it draws none: a default
    button (Save, OK) wears the same highlighted outline with or without the
    focus, so a second, inner outline shows that Enter and Space are on it; a
    list, tree or table gets a highlighted frame."""

    def drawControl(self, element, option, painter: QPainter, widget=None) -> None:  # noqa: N802
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_ShapedFrame:
            self._list_focus(option, painter, widget)
            return
        if element != QStyle.ControlElement.CE_PushButton:
            return
        if not isinstance(option, QStyleOptionButton):
            return
        state = option.state
        focused = state & QStyle.StateFlag.State_HasFocus and (
            state & QStyle.StateFlag.State_KeyboardFocusChange
        )
        if focused and option.features & QStyleOptionButton.ButtonFeature.DefaultButton:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(option.palette.color(_R.Highlight), 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(option.rect.adjusted(3, 3, -3, -3), 2, 2)
            painter.restore()

    @staticmethod
    def _list_focus(option, painter: QPainter, widget) -> None:
        """A list, tree or table with the keyboard focus: its frame in the
        highlight colour (an empty one has no current row to mark)."""
        if not isinstance(widget, QAbstractItemView) or not widget.hasFocus():
            return
        if not widget.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            return
        painter.save()
        painter.setPen(QPen(option.palette.color(_R.Highlight), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()


_focus_marks: list[FocusMarks] = []  # kept: Qt owns the style, Python its overrides


def _install_focus_marks(app: QApplication) -> None:
    if _focus_marks and app.style() is _focus_marks[0]:
        return
    style = FocusMarks(app.style().name())
    _focus_marks[:] = [style]
    app.setStyle(style)


_state = {"choice": "system"}


def apply_theme(app: QApplication, choice: str) -> str:
    """Give ``app`` the palette of ``choice`` ("system", "light" or "dark");
    returns the scheme now shown ("light" or "dark")."""
    if choice not in THEMES:
        choice = "system"
    _state["choice"] = choice
    hints = app.styleHints()
    if choice == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
    wanted = current_scheme(choice)
    _install_focus_marks(app)
    app.setPalette(QPalette())  # the platform's own, for the scheme just asked
    platform = app.palette()
    if is_dark(platform) != (wanted == "dark"):
        platform = dark_palette() if wanted == "dark" else light_palette()
    app.setPalette(readable(platform))
    _restyle(app)
    watch().changed.emit(wanted)
    return wanted


def _restyle(app: QApplication) -> None:
    """Style sheets resolve ``palette(...)`` when they are set: set them again."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if "palette(" in sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def muted() -> QColor:
    """Secondary text (hints, counts, kinds): the palette's placeholder colour."""
    return QApplication.palette().color(_R.PlaceholderText)


def link() -> QColor:
    return QApplication.palette().color(_R.Link)


def tint(colour: str, background: QColor | None = None) -> QColor:
    """A context's ``colour`` as text that reads on ``background`` (the base)."""
    if background is None:
        background = QApplication.palette().color(_R.Base)
    return QColor(readable_tint(colour, hex_of(background)))


_warnings: dict[int, QColor] = {}


def warning() -> QColor:
    """Red for what is late or uneven, readable on the base and the window."""
    palette = QApplication.palette()
    found = _warnings.get(palette.cacheKey())
    if found is None:
        colour = _WARNING
        for role in (_R.Base, _R.Window, _R.AlternateBase):
            colour = readable_tint(colour, hex_of(palette.color(role)))
        found = _warnings[palette.cacheKey()] = QColor(colour)
    return found


class ThemeWatch(QObject):
    """``changed("light"|"dark")`` after every ``apply_theme``, and when the
    computer switches scheme while the setting is "system"."""

    changed = Signal(str)

    def follow_system(self, app: QApplication) -> None:
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def _system_changed(self, _scheme) -> None:
        app = QApplication.instance()
        if _state["choice"] == "system" and isinstance(app, QApplication):
            apply_theme(app, "system")


_watch: list[ThemeWatch] = []


def watch() -> ThemeWatch:
    if not _watch:
        _watch.append(ThemeWatch())
    return _watch[0]
