from django import forms
from django.utils.translation import gettext_lazy as _


class EraseAccountForm(forms.Form):
    email = forms.EmailField(
        label=_("Pour confirmer, saisissez l'adresse électronique de votre compte"),
    )
    withdraw_open_contributions = forms.BooleanField(
        label=_(
            "Retirer aussi mes contributions aux consultations encore ouvertes (leur texte sera "
            "effacé)"
        ),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(
                _("Cette adresse n'est pas celle de votre compte : rien n'a été supprimé.")
            )
        return email
