"""Form fields shared by every domain.

Django's model choice fields query the database with whatever was posted. An id past
what the key column holds (`99999999999999999999`) then crashes the query: SQLite
raises OverflowError, PostgreSQL DataError on some lookups. These fields refuse such a
value as an invalid choice before any query. Likewise Django's DateTimeField accepts
the year 1, which no query can use once converted to UTC (OverflowError). Every form of
the platform uses these fields rather than Django's own
(tests/authz/test_generated_input.py posts such values to every form).

A browser's date input only accepts an ISO value (`2027-02-02`); Django renders a date
in the active locale's first input format (`02/02/2027` in French), which the browser
drops, so the field looks empty and the date is lost on the next save. Every date and
datetime input of the platform uses the widgets below, which always render ISO
(tests/test_date_inputs.py checks every form).

Django writes each option of a select with a template of its own: 16 ms for the 500
analysis themes a Grand Débat module can have, on every view of the follow-up workspace.
LongSelect writes them in Python, the same markup.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# The years a moment typed in a form may fall in.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _key_range(field: forms.ModelChoiceField) -> tuple[int, int] | None:
    """The values the chosen key's column can hold, or None when it is not an integer."""
    queryset = field.queryset
    if queryset is None:
        return None
    opts = queryset.model._meta
    key = opts.get_field(field.to_field_name) if field.to_field_name else opts.pk
    while key.is_relation:  # a parent link (multi-table inheritance) or a foreign key
        key = key.target_field
    if not isinstance(key, models.IntegerField):
        return None
    return connections[queryset.db].ops.integer_field_range(key.get_internal_type())


def _refuse_out_of_range(field: forms.ModelChoiceField, value, params: dict) -> None:
    bounds = _key_range(field)
    if bounds is None or isinstance(value, models.Model):
        return
    try:
        number = int(str(value))
    except ValueError:
        return  # not a number: Django's own check refuses it as an invalid choice
    low, high = bounds
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params=params
        )


class ModelChoiceField(forms.ModelChoiceField):
    """Django's field, refusing an id out of the key column's range before any query."""

    def to_python(self, value):
        if value not in self.empty_values:
            _refuse_out_of_range(self, value, {"value": value})
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing an id out of the key column's range before any query."""

    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            return super()._check_values(value)  # refused there as a list expected
        for item in values:
            _refuse_out_of_range(self, item, {"value": item})
        return super()._check_values(value)


def ticked(queryset, data, name: str = "selection"):
    """The rows of `queryset` whose ids a list's checkboxes sent; none when any value is
    not one of them (a tampered form), so a bulk action acts on what was shown or on
    nothing."""
    try:
        return ModelMultipleChoiceField(queryset=queryset, required=False).clean(data.getlist(name))
    except ValidationError:
        return queryset.none()


class LongSelect(forms.Select):
    """A select of many options without groups, each option written in Python."""

    template_name = "forms/long_select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [option for _n, group, _i in context["widget"]["optgroups"] for option in group]
        selected = mark_safe(" selected")  # noqa: S308 (a constant)
        context["widget"]["options_html"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((o["value"], selected if o["selected"] else "", o["label"]) for o in options),
        )
        return context


class DateInput(forms.DateInput):
    """A browser date picker (`<input type="date">`) that round-trips: ISO value."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """A browser date and time picker (`<input type="datetime-local">`) that round-trips."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateTimeField(forms.DateTimeField):
    """Django's field, refusing a moment outside FIRST_YEAR-LAST_YEAR: near the ends of
    Python's calendar, converting it to UTC overflows."""

    default_error_messages = {
        "out_of_range": _("Saisissez une date entre %(first)d et %(last)d."),
    }

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return moment


def posted_text(data, name: str) -> str:
    """A free text posted outside a form, stripped and without NUL characters, which a
    form's CharField refuses and PostgreSQL cannot store (DataError)."""
    return str(data.get(name, "")).replace("\x00", "").strip()
