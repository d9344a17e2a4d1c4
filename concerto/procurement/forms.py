import uuid
from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import Organisation
from concerto.accounts.roles import OrganisationKind, Role
from concerto.folding import french_order
from concerto.forms import ModelChoiceField
from concerto.processes.models import Process
from concerto.procurement.models import OrderStatus


class OrderForm(DsfrBaseForm):
    """Order request: a process of the ministry, a subject and a quantity per service."""

    process = ModelChoiceField(label=_("Dispositif concerné"), queryset=Process.objects.none())
    title = forms.CharField(label=_("Objet de la commande"), max_length=255)
    request_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, holder, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("request_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = Process.objects.filter(
            ministry_id__in=user.ministry_ids(Role.AGENT, Role.REFERENT)
        ).order_by(*french_order("title"))
        self.services = list(holder.services.filter(active=True))
        for service in self.services:
            self.fields[self.quantity_field(service)] = forms.DecimalField(
                label=_("Quantité — %(label)s") % {"label": service.label},
                help_text=_("%(price)s € HT par %(unit)s")
                % {
                    "price": number_format(service.unit_price_ht, 2, force_grouping=True),
                    "unit": service.unit,
                },
                required=False,
                min_value=Decimal("0"),
                max_digits=10,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            )

    @staticmethod
    def quantity_field(service) -> str:
        return f"quantity_{service.pk}"

    def quantities(self) -> dict[int, Decimal | None]:
        return {s.pk: self.cleaned_data.get(self.quantity_field(s)) for s in self.services}


class RefusalForm(DsfrBaseForm):
    reason = forms.CharField(label=_("Motif du refus"), widget=forms.Textarea(attrs={"rows": 3}))


class CatalogueSearchForm(DsfrBaseForm):
    q = forms.CharField(
        label=_("Rechercher une prestation, un lot ou un titulaire"), required=False
    )


class OrderFilterForm(DsfrBaseForm):
    """The orders list's filters; its CSV export keeps them."""

    SORTS = [
        ("", _("La plus récente d'abord")),
        ("ancienne", _("La plus ancienne d'abord")),
        ("montant", _("Le montant le plus élevé d'abord")),
    ]

    q = forms.CharField(
        label=_("Rechercher un bon de commande"),
        help_text=_("Numéro, objet, dispositif ou titulaire"),
        required=False,
        max_length=100,
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *OrderStatus.choices],
    )
    ministry = ModelChoiceField(
        label=_("Ministère"),
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.MINISTRY),
        empty_label=_("Tous les ministères"),
    )
    year = forms.IntegerField(label=_("Exercice"), required=False, min_value=2000, max_value=2100)
    mine = forms.BooleanField(label=_("Ceux qui attendent ma validation"), required=False)
    sort = forms.ChoiceField(label=_("Trier"), required=False, choices=SORTS)
