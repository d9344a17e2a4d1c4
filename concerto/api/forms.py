from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import Organisation
from concerto.api.models import Scope
from concerto.forms import ModelChoiceField


class TokenForm(DsfrBaseForm):
    organisation = ModelChoiceField(
        label=_("Ministère"), queryset=Organisation.objects.none(), empty_label=None
    )
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Par exemple le nom de la plateforme partenaire qui l'utilisera."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Portées"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
