"""The frozen declaration of a referral, section by section, as the CIPC reads it.

The sections are the declaration's own steps (concerto.processes.steps), so a field
added to a step shows in the review without another list to keep in step.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from concerto.processes.models.process import METHOD_CHOICES, TerritoryLevel
from concerto.processes.snapshot import label_of
from concerto.processes.steps import STEPS
from concerto.processes.templatetags.processes import iso_date

# Frozen beside the steps' fields, shown first: who declares and who leads.
IDENTITY_EXTRAS = ("ministry", "project_lead")
DATE_FIELDS = frozenset({"decision_date", "participation_start", "participation_end",
                         "follow_up_date"})  # fmt: skip


@dataclass(frozen=True)
class Entry:
    label: str
    # One text, or one line per item (sources, commitments).
    value: str | list[str]

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    entries: list[Entry]


def _source(source: dict) -> str:
    parts = [source["title"], source["viewpoint"], source["url"]]
    text = " — ".join(part for part in parts if part)
    return f"{text} ({_('point de vue contradictoire')})" if source["contradictory"] else text


def _commitment(commitment: dict) -> str:
    parts = [commitment["what"], commitment["who"], iso_date(commitment["due_date"]),
             commitment["channel"]]  # fmt: skip
    text = " — ".join(part for part in parts if part)
    if commitment.get("quantity"):
        text += " " + _("(%(count)s réponses promises)") % {"count": commitment["quantity"]}
    return text


def _value(field: str, value) -> str | list[str]:
    if field in DATE_FIELDS:
        return iso_date(value)
    if value in (None, "", []):
        return _("Non renseigné")
    if field == "territory_level":
        return str(dict(TerritoryLevel.choices).get(value, value))
    if field == "methods":
        labels = dict(METHOD_CHOICES)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if field == "themes":
        return ", ".join(value)
    if field == "budget":
        return f"{number_format(Decimal(value), decimal_pos=2, force_grouping=True)} €"
    if field == "sources":
        return [_source(source) for source in value]
    if field == "commitments":
        return [_commitment(commitment) for commitment in value]
    return str(value)


def sections(frozen: dict) -> list[Section]:
    """Every part of a version's snapshot, grouped by declaration step."""
    result = []
    for step in STEPS:
        fields = list(step.form_class._meta.fields)
        if step is STEPS[0]:
            fields = [*IDENTITY_EXTRAS, *fields]
        if step.formset:
            fields.append(step.formset[0])
        entries = [
            Entry(label_of(field), _value(field, frozen[field]))
            for field in fields
            if field in frozen
        ]
        result.append(Section(step.slug, str(step.title), entries))
    return result
