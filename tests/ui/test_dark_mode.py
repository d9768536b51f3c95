"""Light and dark: the Appearance setting, the palettes, and text contrast at WCAG AA
(4.5:1) measured on what the app really paints: the palette in effect once the
theme is applied, and the pixels of real widgets grabbed from the window."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QLabel

from entregent.contrast import TEXT_AA, contrast_ratio, mix, readable_tint, text_on
from entregent.errors import UserError
from entregent.palette import PALETTE
from entregent.services.people.avatars import NO_CONTEXT_COLOUR
from entregent.services.people.contexts import find_context, tag_contacts
from entregent.services.relations.followups import create_followup
from entregent.services.relations.interactions import log_interaction
from entregent.services.settings import read_setting, write_setting
from entregent.ui import theme
from entregent.ui.avatar import avatar_pixmap
from entregent.ui.people_delegate import CHIP_FILL_ALPHA, chip_text

from .conftest import add_person

R = QPalette.ColorRole
SCHEMES = ("light", "dark")


@pytest.fixture
def themed(qapp):
    """Apply a theme for the test; the app's palette as it was afterwards."""
    before = QPalette(qapp.palette())
    yield lambda choice: theme.apply_theme(qapp, choice)
    theme.apply_theme(qapp, "system")  # the choice back to the computer's
    qapp.styleHints().unsetColorScheme()
    qapp.setPalette(before)


def hex_(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


def rendered_contrast(image: QImage) -> tuple[float, str, str]:
    """(ratio, text, background) of a grabbed piece of the window: the background
    is its most common colour, the text the pixel farthest from it in contrast."""
    assert not image.isNull(), "nothing was painted"
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    counts = Counter(image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))
    background = QColor.fromRgb(counts.most_common(1)[0][0]).name()
    text = max(
        (QColor.fromRgb(p).name() for p in counts), key=lambda c: contrast_ratio(c, background)
    )
    return contrast_ratio(text, background), text, background


def test_contrast_ratio_is_wcags():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == 1.0
    tinted = readable_tint("#e69f00", "#ffffff")  # orange text on white: darkened
    assert tinted != "#e69f00" and contrast_ratio(tinted, "#ffffff") >= TEXT_AA
    assert readable_tint("#000000", "#ffffff") == "#000000"  # already readable: kept
    assert text_on("#bcbd22") == "#000000" and text_on("#1f3a93") == "#ffffff"


def test_the_appearance_setting_is_stored_and_checked(db):
    assert read_setting("theme") == "system"
    write_setting("theme", "dark")
    from entregent.services.settings import clear_cache

    clear_cache()
    assert read_setting("theme") == "dark"
    with pytest.raises(UserError):
        write_setting("theme", "blue")
    assert read_setting("theme") == "dark"


def test_dark_is_dark_and_light_is_light_whatever_the_platform_says(themed, qapp):
    assert themed("dark") == "dark" and theme.is_dark()
    assert qapp.palette().color(R.Base).lightness() < 60
    assert themed("light") == "light" and not theme.is_dark()
    assert qapp.palette().color(R.Base).lightness() > 200
    # "system" follows Qt's colour scheme (unknown offscreen: light).
    assert themed("system") == theme.current_scheme("system")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_text_colour_of_the_palette_reaches_aa(scheme, themed, qapp):
    themed(scheme)
    palette = qapp.palette()
    pairs = [
        (R.WindowText, R.Window),
        (R.Text, R.Base),
        (R.Text, R.AlternateBase),
        (R.ButtonText, R.Button),
        (R.ToolTipText, R.ToolTipBase),
        (R.HighlightedText, R.Highlight),
    ] + [(role, bg) for role in (R.PlaceholderText, R.Link) for bg in (R.Base, R.Window)]
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for fg, bg in pairs:
            text = palette.color(group, fg)
            back = hex_(palette.color(group, bg))
            ratio = contrast_ratio(mix(back, hex_(text), text.alphaF()), back)
            assert ratio >= TEXT_AA, (scheme, fg.name, bg.name, ratio)
    for bg in (R.Base, R.Window, R.AlternateBase):
        assert contrast_ratio(hex_(theme.warning()), hex_(palette.color(bg))) >= TEXT_AA


@pytest.mark.parametrize("scheme", SCHEMES)
def test_context_hues_as_chip_text_and_avatar_initials_reach_aa(scheme, themed, qapp):
    themed(scheme)
    palette = qapp.palette()
    for hue in (*PALETTE, NO_CONTEXT_COLOUR):
        for role in (R.Base, R.AlternateBase):
            base = palette.color(role)
            on = mix(hex_(base), hue, CHIP_FILL_ALPHA / 255)
            assert contrast_ratio(hex_(chip_text(hue, base)), on) >= TEXT_AA, (scheme, hue)
        # The detail pane's chips: the hue as text on the window.
        window = palette.color(R.Window)
        assert contrast_ratio(hex_(theme.tint(hue, window)), hex_(window)) >= TEXT_AA
        # The avatar as drawn: its fill and the initials on it.
        image = avatar_pixmap("Wendy Mwangi", hue, 40, 1.0).toImage()
        ratio, _text, fill = rendered_contrast(image.copy(8, 8, 24, 24))
        assert fill == hue and ratio >= TEXT_AA, (scheme, hue, ratio)


def test_the_rendered_check_catches_unreadable_text(themed, qtbot):
    themed("dark")
    label = QLabel("Last in touch 3 days ago")
    label.setStyleSheet("color: #55606e;")  # the old hard-coded grey
    qtbot.addWidget(label)
    label.show()
    ratio, text, _background = rendered_contrast(label.grab().toImage())
    assert text == "#55606e" and ratio < TEXT_AA


def _network(today: dt.date) -> tuple[int, int]:
    anne = add_person("Anne", "Martin", email="anne.martin@example.org")
    bob = add_person("Bob", "Durand")
    tag_contacts([anne], [find_context("friends").id, find_context("club").id])
    tag_contacts([bob], [find_context("sport").id])
    log_interaction(
        [anne],
        kind="meal",
        when=dt.datetime(today.year, today.month, 1, 12, 0) - dt.timedelta(days=200),
        note="Lunch by the river",
    )
    create_followup(anne, today - dt.timedelta(days=2), note="Send the photos")
    return anne, bob


def _assert_readable(widget, scheme: str, what: str, rect: QRect | None = None) -> None:
    image = (widget.grab(rect) if rect is not None else widget.grab()).toImage()
    ratio, text, background = rendered_contrast(image)
    assert ratio >= TEXT_AA, f"{scheme}: {what} {text} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_painted_window_reads_at_aa(scheme, themed, make_window, qtbot):
    themed(scheme)
    anne, _bob = _network(dt.date.today())
    window = make_window()
    qtbot.waitUntil(lambda: window.people_model.rowCount() == 2)
    window.people_view.select_person(anne)
    pane = window.detail_pane
    qtbot.waitUntil(lambda: pane.contact_id == anne and pane.timeline.tree.topLevelItemCount() > 0)
    window.sidebar.select("all")
    qtbot.wait(50)
    table = window.people_view.table
    model = window.people_model
    cells = ((1, "name cell"), (2, "context chips"), (3, "last contact"))
    for row in range(model.rowCount()):  # Anne's row is selected, Bob's not
        for column, what in cells[: 3 if model.contact_id(row) == anne else 2]:
            rect = table.visualRect(model.index(row, column)).adjusted(2, 2, -2, -2)
            if column == 2:  # inside the first chip: the chip is the background there
                rect = QRect(rect.x() + 6, rect.y() + 4, 30, rect.height() - 8)
            _assert_readable(table.viewport(), scheme, f"row {row}: {what}", rect)
    _assert_readable(
        pane.subtitle_label if pane.subtitle_label.text() else pane.name_label,
        scheme,
        "the person's subtitle",
    )
    _assert_readable(pane.name_label, scheme, "the person's name")
    _assert_readable(pane.timeline.tree.viewport(), scheme, "the timeline")
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: any(k.startswith("context:") for k in sidebar.keys()))
    checked = 0
    for i in range(sidebar.topLevelItemCount()):
        item = sidebar.topLevelItem(i)
        if item.text(1):  # a count, in the muted colour
            rect = sidebar.visualRect(sidebar.indexFromItem(item, 1))
            _assert_readable(sidebar.viewport(), scheme, f"count of {item.text(0)}", rect)
            checked += 1
        if item.childCount():  # a section title, muted too
            rect = sidebar.visualRect(sidebar.indexFromItem(item, 0))
            _assert_readable(sidebar.viewport(), scheme, f"section {item.text(0)}", rect)
            checked += 1
    assert checked >= 3
    window.sidebar.select("home")
    home = window.home_view
    qtbot.waitUntil(lambda: home.loaded and bool(home.followups_card.rows))
    row_widget = home.followups_card.rows[0]
    qtbot.waitUntil(lambda: row_widget.reason_label.isVisible() and row_widget.width() > 50)
    _assert_readable(row_widget.name_label, scheme, "a Home card's name")
    _assert_readable(row_widget.reason_label, scheme, "a Home card's reason")
    _assert_readable(home.followups_card.heading, scheme, "a Home card's title")
    for entry in home.months_legend.entries:
        text_part = QRect(entry.DOT + 5, 0, entry.width() - entry.DOT - 5, entry.height())
        _assert_readable(entry, scheme, f"legend entry {entry.label}", text_part)
    window_bg = hex_(window.palette().color(R.Window))
    for axis in home.months_chart.axes():
        assert contrast_ratio(hex_(axis.labelsColor()), window_bg) >= TEXT_AA


def _window_colour(png) -> str:
    image = QImage(str(png))
    assert image.width() >= 1000, png
    return image.pixelColor(image.width() // 2, image.height() - 40).name()


def test_the_command_draws_dark_from_the_flag_or_the_setting(tmp_path):
    """The real ``entregent`` from an empty HOME: ``--theme dark`` for one run,
    else the stored Appearance setting. (Without either, offscreen, the window is
    light: ``test_app_behaviour``'s screenshots.)"""
    from entregent.services.storage.session import close_session, open_session
    from tests.fresh_home import data_file, run

    home = tmp_path / "home"
    home.mkdir()
    done = run(
        home, "--screenshot", str(tmp_path / "flag.png"), "--view", "people", "--theme", "dark"
    )
    assert done.returncode == 0, done.stderr
    assert QColor(_window_colour(tmp_path / "flag.png")).lightness() < 80
    open_session(data_file(home), apply_language=False)
    try:
        write_setting("theme", "dark")
    finally:
        close_session()
    done = run(home, "--screenshot", str(tmp_path / "setting.png"), "--view", "people")
    assert done.returncode == 0, done.stderr
    assert _window_colour(tmp_path / "setting.png") == _window_colour(tmp_path / "flag.png")
    done = run(home, "--theme", "blue", "--screenshot", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "--theme" in done.stderr


def test_choosing_dark_in_the_settings_applies_it_at_once(themed, make_window, qtbot, qapp):
    from entregent.ui.settings_dialog import SettingsDialog

    themed("light")
    add_person("Anne", "Martin")
    window = make_window()
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: sidebar.topLevelItem(2).text(1) != "")
    light_count = sidebar.topLevelItem(2).foreground(1).color().name()
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    combo = dialog.theme_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "light", "dark"]
    assert combo.accessibleName() == "Appearance" and combo.accessibleDescription()
    combo.setCurrentIndex(combo.findData("dark"))
    dialog.accept()
    assert read_setting("theme") == "dark"
    assert theme.is_dark(qapp.palette())
    dark_count = sidebar.topLevelItem(2).foreground(1).color()
    assert dark_count.name() != light_count and dark_count == theme.muted()
    qtbot.waitUntil(lambda: sidebar.palette().color(R.Base) == qapp.palette().color(R.Base))
    assert contrast_ratio(dark_count.name(), hex_(sidebar.palette().color(R.Base))) >= TEXT_AA
