"""The personal-data download as a person reads it: each kind of row under its French
name, each value under its field's label, codes shown as their labels."""

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from concerto.frenchdates import french_date


@dataclass
class Section:
    title: str
    anchor: str
    rows: list[list[tuple[str, str]]] = field(default_factory=list)


def sections(data: dict) -> list[Section]:
    """`data` as personal_data returns it, in sections: the account, then each kind of
    linked row (rows owned by another one name it: "Réponses (réponses à un questionnaire)")."""
    account = Section(_("Mon compte"), "compte", [_fields(get_user_model(), data["compte"])])
    found = [account]
    for number, (label, rows) in enumerate(data["donnees_liees"].items(), 1):
        path = [part.split("/")[0] for part in label.split(" > ")]
        model = apps.get_model(path[-1])
        title = capfirst(str(model._meta.verbose_name_plural))
        if len(path) > 1:
            parent = apps.get_model(path[0])._meta.verbose_name_plural
            title = f"{title} ({parent})"
        found.append(Section(title, f"donnees-{number}", [_fields(model, row) for row in rows]))
    return found


def _fields(model, row: dict) -> list[tuple[str, str]]:
    shown = []
    for name, value in row.items():
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - "id" and names the model no longer has
            shown.append((name, _value(None, value)))
            continue
        shown.append((capfirst(str(model_field.verbose_name)), _value(model_field, value)))
    return shown


def _value(model_field, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if model_field is not None and model_field.choices:
        labels = {str(key): label for key, label in model_field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, datetime):
        return french_date(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return french_date(value, "DATE_FORMAT")
    if model_field is not None and model_field.is_relation:
        return _("n° %(id)s") % {"id": value}
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
