from django.template import Context, Template

from concerto.frenchnumbers import french_number


def test_thousands_are_grouped_by_a_narrow_no_break_space():
    assert french_number(0) == "0"
    assert french_number(999) == "999"
    assert french_number(20000) == "20\u202f000"
    assert french_number(1_900_000) == "1\u202f900\u202f000"
    assert french_number(-4500) == "-4\u202f500"
    assert french_number(None) == ""
    assert french_number("12,5") == "12,5"


def test_the_nombre_filter_is_in_every_template():
    assert Template("{{ n|nombre }}").render(Context({"n": 339000})) == "339\u202f000"
