from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

RATINGS = [(str(value), label) for value, label in (
    (5, _("5 — Très satisfait")),
    (4, _("4 — Satisfait")),
    (3, _("3 — Moyennement satisfait")),
    (2, _("2 — Peu satisfait")),
    (1, _("1 — Pas du tout satisfait")),
)]  # fmt: skip


class SurveyForm(DsfrBaseForm):
    rating = forms.TypedChoiceField(
        label=_("Êtes-vous satisfait de cette formation ?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    useful = forms.TypedChoiceField(
        label=_("La formation vous sera-t-elle utile dans votre travail ?"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qui vous a manqué, ce qu'il faudrait garder."),
    )


class AttendanceForm(DsfrBaseForm):
    present = forms.MultipleChoiceField(
        label=_("Personnes présentes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(r.user_id), f"{r.user.get_full_name() or r.user.email} ({r.user.email})")
            for r in registrations
        ]
