"""Relative times in English and French, with French plurals (0 and 1 singular)."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent import i18n
from entregent.i18n_dates import relative_day, relative_time

NOW = dt.datetime(2026, 3, 15, 12, 0, 0)
TODAY = NOW.date()


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("moment", "english", "french_text"),
    [
        (NOW - dt.timedelta(seconds=20), "just now", "à l’instant"),
        (NOW - dt.timedelta(minutes=1), "1 minute ago", "il y a 1 minute"),
        (NOW - dt.timedelta(minutes=5), "5 minutes ago", "il y a 5 minutes"),
        (NOW + dt.timedelta(minutes=5), "in 5 minutes", "dans 5 minutes"),
        (NOW - dt.timedelta(hours=3), "3 hours ago", "il y a 3 heures"),
        (NOW - dt.timedelta(hours=1, minutes=59), "1 hour ago", "il y a 1 heure"),
        (NOW - dt.timedelta(days=1), "yesterday", "hier"),
        (NOW - dt.timedelta(days=3), "3 days ago", "il y a 3 jours"),
        (NOW + dt.timedelta(days=3), "in 3 days", "dans 3 jours"),
        (NOW - dt.timedelta(days=15), "2 weeks ago", "il y a 2 semaines"),
        (NOW - dt.timedelta(days=100), "3 months ago", "il y a 3 mois"),
        (NOW - dt.timedelta(days=400), "1 year ago", "il y a 1 an"),
        (NOW + dt.timedelta(days=800), "in 2 years", "dans 2 ans"),
    ],
)
def test_relative_time_in_both_languages(moment, english, french_text):
    assert relative_time(moment, NOW) == english
    try:
        i18n.set_language("fr")
        assert relative_time(moment, NOW) == french_text
    finally:
        i18n.set_language("en")


def test_aware_moments_are_compared_in_utc():
    paris = dt.timezone(dt.timedelta(hours=1))
    assert relative_time(dt.datetime(2026, 3, 15, 10, 0, tzinfo=paris), NOW) == "3 hours ago"


def test_days_around_today(french):
    assert relative_day(TODAY, TODAY) == "aujourd’hui"
    assert relative_day(TODAY + dt.timedelta(days=1), TODAY) == "demain"
    assert relative_day(TODAY - dt.timedelta(days=1), TODAY) == "hier"
    assert relative_day(TODAY + dt.timedelta(days=10), TODAY) == "dans 10 jours"
    assert relative_day(TODAY + dt.timedelta(days=21), TODAY) == "dans 3 semaines"


def test_days_written_out_in_both_languages():
    from entregent.i18n_dates import format_day

    assert format_day(dt.date(2026, 11, 5)) == "5 Nov 2026"
    assert format_day(dt.date(2024, 5, 31)) == "31 May 2024"
    try:
        i18n.set_language("fr")
        assert format_day(dt.date(2026, 11, 5)) == "5 nov. 2026"
        assert format_day(dt.date(2024, 5, 31)) == "31 mai 2024"  # "May" in its context
        assert format_day(dt.date(2025, 8, 15)) == "15 août 2025"
    finally:
        i18n.set_language("en")
