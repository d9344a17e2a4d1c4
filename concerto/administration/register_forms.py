"""The forms of the reference lists, built from each list's declaration (registers.py)
with the platform's own fields: keys checked before any query, dates that round-trip."""

import uuid

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.administration.registers import Register
from concerto.folding import Folded, french_order
from concerto.forms import DateInput, DateTimeField, DateTimeInput, ModelChoiceField

REASON_HELP = _("Par exemple « Avenant n° 2 au marché ». Gardé dans le journal d'activité.")


def _formfield(model_field: models.Field, **kwargs):
    if isinstance(model_field, models.ForeignKey):
        return model_field.formfield(form_class=ModelChoiceField, **kwargs)
    if isinstance(model_field, models.DateTimeField):
        return model_field.formfield(form_class=DateTimeField, widget=DateTimeInput(), **kwargs)
    if isinstance(model_field, models.DateField):
        return model_field.formfield(widget=DateInput(), **kwargs)
    if isinstance(model_field, models.URLField):
        return model_field.formfield(assume_scheme="https", **kwargs)
    return model_field.formfield(**kwargs)


class RecordForm(DsfrBaseForm, forms.ModelForm):
    """A row of a list, with the reason of the change and what the form showed."""

    reason = forms.CharField(
        label=_("Motif de la modification"),
        max_length=1000,
        help_text=REASON_HELP,
        error_messages={"required": _("Indiquez le motif : il est gardé dans le journal.")},
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def record_form(register: Register, *args, **kwargs) -> RecordForm:
    form_class = forms.modelform_factory(
        register.model, form=RecordForm, fields=register.fields, formfield_callback=_formfield,
        help_texts=register.help_texts,
    )  # fmt: skip
    kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4().hex)
    return form_class(*args, **kwargs)


class DeleteForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif de la suppression"),
        max_length=1000,
        help_text=_("Gardé dans le journal d'activité."),
        error_messages={"required": _("Indiquez le motif : il est gardé dans le journal.")},
    )


class ListFilterForm(DsfrBaseForm):
    """Search, then one filter per field the list declares, then the order."""

    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)

    def __init__(self, *args, register: Register, **kwargs):
        super().__init__(*args, **kwargs)
        model = register.model
        for name in register.filters:
            model_field = model._meta.get_field(name)
            label = str(model_field.verbose_name).capitalize()
            if isinstance(model_field, models.ForeignKey):
                related = model_field.related_model._default_manager.all()
                self.fields[name] = ModelChoiceField(
                    label=label, queryset=related, required=False, empty_label=_("Tous")
                )
            elif isinstance(model_field, models.BooleanField):
                self.fields[name] = forms.ChoiceField(
                    label=label, required=False,
                    choices=[("", _("Tous")), ("oui", _("Oui")), ("non", _("Non"))],
                )  # fmt: skip
            else:
                self.fields[name] = forms.ChoiceField(
                    label=label, required=False, choices=[("", _("Tous")), *model_field.choices]
                )
        self.fields["sort"] = forms.ChoiceField(
            label=_("Trier par"), required=False, choices=sort_choices(register)
        )


def sort_choices(register: Register) -> list[tuple[str, str]]:
    choices = []
    for name in register.columns:
        if register.model._meta.get_field(name).is_relation:
            continue
        label = register.label(name)
        choices += [(name, _("%(field)s, croissant") % {"field": label}),
                    (f"-{name}", _("%(field)s, décroissant") % {"field": label})]  # fmt: skip
    return [("", _("Ordre habituel")), *choices]


def ordering(register: Register, sort: str) -> list:
    """ORDER BY for a chosen sort: texts the French way."""
    if not sort:
        return list(register.model._meta.ordering or ["pk"])
    name = sort.lstrip("-")
    model_field = register.model._meta.get_field(name)
    if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
        if sort.startswith("-"):
            return [Folded(name).desc(), F(name).desc(), "-pk"]
        return [*french_order(name), "pk"]
    return [sort, "pk"]
