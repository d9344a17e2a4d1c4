from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.follows.models import EventKind, Frequency, TargetKind


class FollowForm(forms.Form):
    """The follow button's hidden fields: the wanted state, not a toggle, so that a double
    click (or a stale page) leaves the follow as the person last asked."""

    kind = forms.ChoiceField(choices=TargetKind.choices)
    target_id = forms.IntegerField(min_value=0, max_value=2**53)
    state = forms.ChoiceField(choices=[("on", "on"), ("off", "off")])
    next = forms.CharField(required=False, max_length=2000)


class PreferencesForm(DsfrBaseForm):
    auto_follow = forms.BooleanField(
        label=_("Suivre automatiquement ce à quoi je contribue"),
        help_text=_(
            "Déposer une proposition, soutenir une proposition ou répondre à un questionnaire "
            "vous abonne alors au dispositif (et à la proposition)."
        ),
        required=False,
    )

    notification_emails = forms.BooleanField(
        label=_("Recevoir aussi par courriel les notifications de mon tableau de bord"),
        help_text=_("Elles restent toujours sur votre tableau de bord."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in EventKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Frequency.choices, widget=forms.RadioSelect
            )

    def frequencies(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in EventKind.values}
