from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.abilities import may_manage_role
from concerto.accounts.models import Organisation
from concerto.accounts.roles import MEMBERSHIP_ROLE_CHOICES, Role
from concerto.folding import french_order

ADMINISTRATOR = "administrator"


class PeopleFilterForm(DsfrBaseForm):
    q = forms.CharField(
        label=_("Rechercher une personne"),
        required=False,
        max_length=100,
        help_text=_("Nom, prénom ou adresse électronique, sans souci des accents."),
    )
    role = forms.ChoiceField(
        label=_("Rôle"),
        required=False,
        choices=[("", _("Tous les rôles")), *MEMBERSHIP_ROLE_CHOICES,
                 (ADMINISTRATOR, Role.ADMINISTRATOR.label)],
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.order_by(*french_order("name")),
        empty_label=_("Toutes les organisations"),
    )


class GrantRoleForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by(*french_order("name")),
        error_messages={"required": _("Choisissez l'organisation.")},
    )
    role = forms.ChoiceField(
        label=_("Rôle"),
        choices=[("", _("Choisir un rôle")), *MEMBERSHIP_ROLE_CHOICES],
        error_messages={"required": _("Choisissez le rôle.")},
    )
    reason = forms.CharField(
        label=_("Motif"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Par exemple « Nommée référente du ministère le 2 décembre ». Gardé dans l'historique."
        ),
        error_messages={"required": _("Indiquez le motif : il est gardé dans l'historique.")},
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the roles this person may give are offered.
        self.fields["role"].choices = [
            (value, label)
            for value, label in self.fields["role"].choices
            if not value or may_manage_role(actor, value)
        ]


class RevokeRoleForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif du retrait"),
        max_length=1000,
        help_text=_("Par exemple « A quitté le ministère ». Gardé dans l'historique."),
        error_messages={"required": _("Indiquez le motif : il est gardé dans l'historique.")},
    )
