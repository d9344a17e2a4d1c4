from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.abilities import may_manage_role
from concerto.accounts.models import Organisation
from concerto.accounts.roles import MEMBERSHIP_ROLE_CHOICES, Role
from concerto.folding import french_order
from concerto.forms import DateInput, ModelChoiceField

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
    organisation = ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.order_by(*french_order("name")),
        empty_label=_("Toutes les organisations"),
    )
    sort = forms.ChoiceField(
        label=_("Trier"),
        required=False,
        choices=[
            ("", _("Par nom")),
            ("inscription", _("Dernières inscriptions d'abord")),
            ("connexion", _("Dernières connexions d'abord")),
        ],
    )


class GrantRoleForm(DsfrBaseForm):
    FIRST: tuple[str, ...] = ()  # fields a subclass shows before the role
    organisation = ModelChoiceField(
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
        self.order_fields([*self.FIRST, "organisation", "role", "reason"])
        # Only the roles this person may give are offered.
        self.fields["role"].choices = [
            (value, label)
            for value, label in self.fields["role"].choices
            if not value or may_manage_role(actor, value)
        ]


class InviteForm(GrantRoleForm):
    """Someone without an account: their address and name, then the role they get."""

    FIRST = ("email", "first_name", "last_name")
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,  # the column's length: Django's field alone lets 320 through
        help_text=_("Format attendu : nom@domaine.fr. L'invitation y est envoyée."),
        error_messages={"required": _("Indiquez l'adresse électronique de la personne.")},
    )
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150,
        error_messages={"required": _("Indiquez le prénom.")},
    )  # fmt: skip
    last_name = forms.CharField(
        label=_("Nom"), max_length=150, error_messages={"required": _("Indiquez le nom.")}
    )


class RevokeRoleForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif du retrait"),
        max_length=1000,
        help_text=_("Par exemple « A quitté le ministère ». Gardé dans l'historique."),
        error_messages={"required": _("Indiquez le motif : il est gardé dans l'historique.")},
    )


class ActivityFilterForm(DsfrBaseForm):
    """The activity log's filters; also what its CSV export keeps."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=100,
        help_text=_("Un mot de l'action, de l'objet, du motif ou le nom de son auteur."),
    )
    kind = forms.ChoiceField(label=_("Type d'objet"), required=False)
    since = forms.DateField(label=_("Depuis le"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Jusqu'au"), required=False, widget=DateInput())
    order = forms.ChoiceField(
        label=_("Trier"),
        required=False,
        choices=[
            ("", _("Les plus récentes d'abord")),
            ("anciennes", _("Les plus anciennes d'abord")),
        ],
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tous les types")), *kinds]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("Cette date doit suivre la date de début."))
        return data


class BlockForm(DsfrBaseForm):
    days = forms.TypedChoiceField(
        label=_("Durée"),
        coerce=int,
        choices=[("", _("Choisir une durée")), (7, _("7 jours")), (30, _("30 jours")),
                 (90, _("90 jours")), (365, _("Un an"))],
        error_messages={"required": _("Choisissez une durée.")},
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Motif du blocage"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "La personne le lit dans le message qui l'informe. Cite la règle de la charte."
        ),
        error_messages={"required": _("Indiquez le motif : la personne le lira.")},
    )


class LiftBlockForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif de la levée"),
        max_length=1000,
        help_text=_("Gardé dans le journal d'activité."),
        error_messages={"required": _("Indiquez le motif : il est gardé dans le journal.")},
    )
