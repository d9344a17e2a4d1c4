from datetime import date

import pytest

from concerto.engines.workdays import (
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday_matches_the_published_dates(year, easter):
    assert easter_sunday(year) == easter


def test_2026_has_the_eleven_french_public_holidays():
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 5, 8),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 7, 14),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    ]


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 23))  # a Monday
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 11, 11))  # Armistice, a Wednesday


def test_adding_working_days_skips_weekends_and_holidays():
    # Friday 2026-12-18 + 5 working days: 21, 22, 23, 24, (25 is Christmas) 28.
    assert add_working_days(date(2026, 12, 18), 5) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 18), 0) == date(2026, 12, 18)
    # Over the May 2026 bridges: 1 May (Fri), 8 May (Fri), 14 May (Ascension), 25 May.
    assert add_working_days(date(2026, 4, 30), 10) == date(2026, 5, 19)


def test_working_days_between_counts_the_end_not_the_start():
    assert working_days_between(date(2026, 12, 18), date(2026, 12, 28)) == 5
    assert working_days_between(date(2026, 12, 28), date(2026, 12, 18)) == -5
    assert working_days_between(date(2026, 12, 18), date(2026, 12, 18)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
