from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.forms import ModelChoiceField
from concerto.processes.models import CriterionReview, Opinion, Recommendation

MAX_RECOMMENDATIONS = 6


class MessageForm(DsfrBaseForm):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RecommendationAnswerForm(DsfrBaseForm):
    answer = forms.ChoiceField(
        label=_("Réponse du commanditaire"),
        choices=Recommendation.Answer.choices,
        widget=forms.RadioSelect,
    )
    answer_reason = forms.CharField(
        label=_("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire si la recommandation n'est pas entièrement acceptée."),
    )


class AssignForm(DsfrBaseForm):
    advisor = ModelChoiceField(
        label=_("Conseiller chargé de l'examen"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = (
            User.objects.filter(memberships__role=Role.CIPC_ADVISOR, is_active=True)
            .distinct()
            .order_by("last_name")
        )


class CriterionReviewForm(DsfrBaseForm):
    score = forms.ChoiceField(
        label=_("Appréciation"), choices=CriterionReview.Score.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OpinionForm(DsfrBaseForm):
    verdict = forms.ChoiceField(
        label=_("Sens de l'avis"), choices=Opinion.Verdict.choices, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Publiée avec le dispositif."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, MAX_RECOMMENDATIONS + 1):
            self.fields[f"recommendation_{number}"] = forms.CharField(
                label=_("Recommandation %(number)s") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def recommendations(self) -> list[str]:
        return [
            self.cleaned_data[f"recommendation_{number}"]
            for number in range(1, MAX_RECOMMENDATIONS + 1)
        ]
