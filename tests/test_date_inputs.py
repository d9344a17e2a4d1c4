"""Date inputs round-trip: a browser's date picker only takes an ISO value.

Django renders a date in the active locale's first input format (`02/02/2027` in
French), which `<input type="date">` drops: the field looked empty and the date was lost
on the next save (issue 23). Every form of the platform is checked here.
"""

import importlib
import pkgutil
from datetime import date, datetime

from django import forms
from django.utils import translation

import concerto
from concerto.forms import DateInput, DateTimeInput

SKIPPED_PACKAGES = (".migrations", ".management", ".demo", ".settings", ".wsgi", ".cli")


def _all_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(concerto.__path__, "concerto."):
        if any(part in module.name for part in SKIPPED_PACKAGES):
            continue
        importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    return sorted(
        (cls for cls in found if cls.__module__.startswith("concerto.")),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _picker_fields():
    for form_class in _all_form_classes():
        for name, field in form_class.base_fields.items():
            if getattr(field.widget, "input_type", "") in {"date", "datetime-local"}:
                yield f"{form_class.__module__}.{form_class.__qualname__}.{name}", field


def test_every_date_picker_of_the_platform_renders_an_iso_value():
    fields = dict(_picker_fields())
    # The forms of the issue are among those found.
    assert "concerto.followup.forms.CommitmentDateForm.due_date" in fields
    assert "concerto.followup.forms.AnswerForm.new_date" in fields
    assert "concerto.expertgroups.forms.GovernmentAnswerForm.answered_on" in fields
    assert "concerto.meetings.forms.MeetingForm.starts_at" in fields
    with translation.override("fr"):
        for key, field in fields.items():
            widget = field.widget
            if widget.input_type == "date":
                assert isinstance(widget, DateInput), key
                assert widget.format_value(date(2027, 2, 2)) == "2027-02-02", key
            else:
                assert isinstance(widget, DateTimeInput), key
                value = widget.format_value(datetime(2027, 2, 2, 14, 30))
                assert value == "2027-02-02T14:30", key


def test_django_s_own_date_widget_renders_the_french_format_the_picker_drops():
    """Why the platform's widget exists."""
    with translation.override("fr"):
        assert forms.DateInput().format_value(date(2027, 2, 2)) == "02/02/2027"
