"""« 1er janvier »: the first of a month in every date people read."""

from datetime import date, datetime

import pytest
from django.template import Context, Template

from concerto.frenchdates import french_date


def rendered(source: str, value) -> str:
    return Template(source).render(Context({"value": value}))


@pytest.mark.parametrize(
    "source, value, expected",
    [
        ('{{ value|date:"j F Y" }}', date(2027, 1, 1), "1er janvier 2027"),
        ('{{ value|date:"j F Y" }}', date(2027, 1, 2), "2 janvier 2027"),
        ('{{ value|date:"j F Y" }}', date(2027, 1, 11), "11 janvier 2027"),
        ('{{ value|date:"d/m/Y" }}', date(2027, 1, 1), "01/01/2027"),
        ("{{ value|date }}", date(2027, 3, 1), "1er mars 2027"),
        (r'{{ value|date:"l j F Y à H\hi" }}', datetime(2027, 1, 1, 10, 30),
         "vendredi 1er janvier 2027 à 10h30"),
        ('{{ value|date:"j F Y" }}', None, ""),
    ],
)  # fmt: skip
def test_templates_write_the_first_of_a_month_1er(source, value, expected):
    assert rendered(source, value) == expected


def test_python_writes_it_too():
    assert french_date(date(2027, 5, 1), "j F Y") == "1er mai 2027"
    assert french_date(date(2027, 5, 21), "j F Y") == "21 mai 2027"
    assert french_date(date(2027, 5, 1)) == "1er mai 2027"
