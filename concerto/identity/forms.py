from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class TotpForm(DsfrBaseForm):
    code = forms.CharField(
        label=_("Code de vérification"),
        help_text=_("Les 6 chiffres affichés par votre application d'authentification"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("Le code ne contient que 6 chiffres, sans espace."))
        return code


class SignInLinkForm(DsfrBaseForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : nom@domaine.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
