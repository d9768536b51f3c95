"""Dates, times and numbers as the chosen language writes them (QLocale).

``ui.translations.install_qt_translations`` sets the default QLocale at start;
these helpers use it. Relative times ("3 days ago") come from the Qt-free
``entregent.i18n_dates``, re-exported here for the views' convenience.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

from entregent.i18n_dates import relative_day, relative_time

__all__ = [
    "format_date",
    "format_datetime",
    "format_time",
    "format_number",
    "format_count",
    "relative_day",
    "relative_time",
]

_FORMATS = {
    "short": QLocale.FormatType.ShortFormat,
    "long": QLocale.FormatType.LongFormat,
    "narrow": QLocale.FormatType.NarrowFormat,
}


def format_date(day: dt.date, length: str = "short") -> str:
    """``day`` as the locale writes it: 31/05/2024, 5/31/24, "vendredi 31 mai 2024"."""
    return QLocale().toString(QDate(day.year, day.month, day.day), _FORMATS[length])


def format_time(moment: dt.time, length: str = "short") -> str:
    return QLocale().toString(QTime(moment.hour, moment.minute, moment.second), _FORMATS[length])


def format_datetime(moment: dt.datetime, length: str = "short") -> str:
    """A stored moment (naive UTC, or aware) in the user's time zone and locale."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    utc = moment.astimezone(dt.UTC)
    qt_moment = QDateTime(
        QDate(utc.year, utc.month, utc.day),
        QTime(utc.hour, utc.minute, utc.second),
        QTimeZone.utc(),
    )
    return QLocale().toString(qt_moment.toLocalTime(), _FORMATS[length])


def format_number(value: float, decimals: int = 0) -> str:
    """1,234.5 in English, 1 234,5 in French."""
    if decimals == 0:
        return QLocale().toString(int(round(value)))
    return QLocale().toString(float(value), "f", decimals)


def format_count(value: int) -> str:
    return QLocale().toString(int(value))
