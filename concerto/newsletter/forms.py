from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.mailing.models import normalised
from concerto.newsletter.actions import CONSENT_WORDING
from concerto.newsletter.audiences import Audience


class EmailForm(DsfrBaseForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : nom@domaine.fr"),
        max_length=254,  # the column's length
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        # Whether this address is subscribed is never said (see views.subscribe).
        return normalised(self.cleaned_data["email"])


class SubscribeForm(EmailForm):
    audience = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez le public qui vous correspond.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_WORDING,
        error_messages={
            "required": _(
                "Cochez cette case pour vous abonner : sans votre accord, le CIPC ne peut pas "
                "vous écrire."
            )
        },
    )
