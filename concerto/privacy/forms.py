from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class EraseAccountForm(DsfrBaseForm):
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


class PublicNameForm(DsfrBaseForm):
    """How the person's contributions are signed on public pages."""

    public_name_choice = forms.ChoiceField(
        label=_("Sur les pages publiques, mes contributions sont signées par"),
        choices=lambda: get_user_model().PublicName.choices,
        widget=forms.RadioSelect,
    )
    public_pseudonym = forms.CharField(
        label=_("Mon pseudonyme"),
        help_text=_("Obligatoire si vous choisissez un pseudonyme ; 60 caractères au plus."),
        max_length=60,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        pseudonym = " ".join(cleaned.get("public_pseudonym", "").split())
        cleaned["public_pseudonym"] = pseudonym
        if cleaned.get("public_name_choice") == get_user_model().PublicName.PSEUDONYM and (
            not pseudonym
        ):
            self.add_error(
                "public_pseudonym", _("Saisissez le pseudonyme à afficher sur les pages publiques.")
            )
        return cleaned
