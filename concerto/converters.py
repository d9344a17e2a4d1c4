"""Path converters for the platform's URLs: bounded numbers rather than Django's `int`.

Django's `<int:...>` matches any run of digits, so `/fiches/99999999999999999999.pdf`
reaches the view, whose query then crashes (SQLite cannot hold the number, PostgreSQL
refuses it on some lookups). `<id:...>` matches at most 18 digits, always within a
64-bit key, and `<year:...>` four: a longer number does not match and answers 404.
Importing this module registers both; every `urls.py` with a number in a path imports
it (tests/authz/test_bad_input.py checks that no URL uses `int`).
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class YearConverter(IdConverter):
    regex = "[0-9]{4}"


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
