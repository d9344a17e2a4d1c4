"""Filter forms of the public registry and of the CIPC's State-wide registry.

Each form reads the query string and narrows a process queryset. Invalid
values are reported on their field and ignored, so the other filters still apply.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import Organisation
from concerto.accounts.roles import OrganisationKind
from concerto.forms import DateInput, ModelChoiceField
from concerto.processes.lifecycle import PUBLIC_STATUSES, Status
from concerto.processes.models import Theme
from concerto.processes.models.process import METHOD_CHOICES, TerritoryLevel
from concerto.processes.search import search

PUBLIC_STATUS_CHOICES = [
    (status.value, status.label) for status in Status if status in PUBLIC_STATUSES
]


class SearchInput(forms.TextInput):
    input_type = "search"


def _with_blank(choices, label):
    return [("", label), *choices]


def with_method(queryset: QuerySet, code: str) -> QuerySet:
    """Processes whose `methods` JSON list holds `code`.

    The quoted code is matched in the list's JSON text: `contains` on a JSON
    array is PostgreSQL-only, and no method code is a quoted part of another.
    """
    return queryset.filter(methods__icontains=f'"{code}"')


class ProcessFilterForm(DsfrBaseForm):
    """Filters common to both registries."""

    ministry = ModelChoiceField(
        label=_("Ministère"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.MINISTRY),
        empty_label=_("Tous les ministères"),
        required=False,
    )
    theme = ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("Tous les thèmes"),
        required=False,
    )
    method = forms.ChoiceField(
        label=_("Méthode (OCDE)"),
        choices=_with_blank(METHOD_CHOICES, _("Toutes les méthodes")),
        required=False,
    )

    def filter(self, queryset: QuerySet) -> QuerySet:
        """`queryset` narrowed by every valid filter."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("ministry"):
            queryset = queryset.filter(ministry=data["ministry"])
        if data.get("theme"):
            queryset = queryset.filter(themes=data["theme"])
        if data.get("method"):
            queryset = with_method(queryset, data["method"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)


class PublicFilterForm(ProcessFilterForm):
    """Search and filters of the public registry `/dispositifs/`."""

    q = forms.CharField(
        label=_("Rechercher un dispositif"),
        help_text=_(
            "Mots du titre, des textes, des thèmes, des territoires ou du nom de "
            "l'administration ; accents et majuscules sans importance"
        ),
        max_length=200,
        required=False,
        widget=SearchInput,
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        choices=_with_blank(PUBLIC_STATUS_CHOICES, _("Tous les statuts")),
        required=False,
    )
    territory_level = forms.ChoiceField(
        label=_("Échelle"),
        choices=_with_blank(TerritoryLevel.choices, _("Toutes les échelles")),
        required=False,
    )

    field_order = ["q", "ministry", "theme", "method", "status", "territory_level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only ministries with something to show: the list stays short and nothing leaks.
        self.fields["ministry"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.MINISTRY, processes__status__in=PUBLIC_STATUSES
        ).distinct()

    def filter(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter(queryset)
        data = self.cleaned_data
        if data.get("territory_level"):
            queryset = queryset.filter(territory_level=data["territory_level"])
        return search(queryset, data.get("q") or "")


class RegistryFilterForm(ProcessFilterForm):
    """Filters of the CIPC's State-wide registry and of its CSV export."""

    status = forms.ChoiceField(
        label=_("Statut"),
        choices=_with_blank(Status.choices, _("Tous les statuts")),
        required=False,
    )
    participation_from = forms.DateField(
        label=_("Participation à partir du"),
        help_text=_("Format attendu : JJ/MM/AAAA"),
        required=False,
        widget=DateInput(),
    )
    participation_to = forms.DateField(
        label=_("Participation jusqu'au"),
        help_text=_("Format attendu : JJ/MM/AAAA"),
        required=False,
        widget=DateInput(),
    )

    field_order = [
        "ministry",
        "status",
        "method",
        "theme",
        "participation_from",
        "participation_to",
    ]

    def clean(self):
        data = super().clean()
        start, end = data.get("participation_from"), data.get("participation_to")
        if start and end and start > end:
            self.add_error(
                "participation_to",
                _("La date de fin doit être postérieure ou égale à la date de début."),
            )
        return data

    def filter(self, queryset: QuerySet) -> QuerySet:
        """Participation dates keep the processes whose period overlaps the range."""
        queryset = super().filter(queryset)
        data = self.cleaned_data
        if data.get("participation_from"):
            queryset = queryset.filter(participation_end__gte=data["participation_from"])
        if data.get("participation_to"):
            queryset = queryset.filter(participation_start__lte=data["participation_to"])
        return queryset


class QueueFilterForm(DsfrBaseForm):
    """The CIPC queue's filters: what is waiting, or the opinions already given."""

    SHOWN = [("attente", _("En attente d'avis")), ("avis", _("Avis rendus"))]
    SORTS = [
        ("", _("Avis attendu le plus tôt d'abord")),
        ("recentes", _("Transmises le plus récemment d'abord")),
    ]

    shown = forms.ChoiceField(label=_("Saisines"), required=False, choices=SHOWN)
    q = forms.CharField(label=_("Rechercher un dispositif"), required=False, max_length=100)
    ministry = ModelChoiceField(
        label=_("Ministère"),
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.MINISTRY),
        empty_label=_("Tous les ministères"),
    )
    mine = forms.BooleanField(label=_("Mes saisines seulement"), required=False)
    late = forms.BooleanField(label=_("En retard seulement"), required=False)
    sort = forms.ChoiceField(label=_("Trier"), required=False, choices=SORTS)
