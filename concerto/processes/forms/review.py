from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.forms import ModelChoiceField
from concerto.processes.actions.review import Appraisal
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
    """One criterion's appraisal; the score may wait in a draft of the grid."""

    score = forms.ChoiceField(
        label=_("Appréciation"),
        choices=CriterionReview.Score.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # Bounded: a forged revision beyond the database's integer range is refused here.
    revision = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )

    def __init__(self, *args, criterion: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if criterion:
            # Fifteen criteria on one page: each field names its criterion. The bound
            # fields, made by DsfrBaseForm's __init__, carry the label they show.
            labels = {
                "score": _("Appréciation — %(criterion)s"),
                "comment": _("Commentaire — %(criterion)s"),
            }
            for name, label in labels.items():
                self.fields[name].label = self[name].label = label % {"criterion": criterion}

    def appraisal(self) -> Appraisal:
        data = self.cleaned_data
        return Appraisal(data["score"], data["comment"], data["revision"])


class GridReviewForm:
    """The whole quality grid in one form: one CriterionReviewForm per criterion,
    prefixed with the criterion's code, sent together."""

    def __init__(self, results: list[dict], reviews: dict, data=None):
        self.forms = {}
        for result in results:
            review = reviews.get(result["code"])
            self.forms[result["code"]] = CriterionReviewForm(
                data,
                prefix=result["code"],
                criterion=result["title"],
                initial={
                    "score": review.score if review else None,
                    "comment": review.comment if review else "",
                    "revision": review.revision if review else None,
                },
            )
        self.non_field_errors: list[str] = []

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms.values()])

    def appraisals(self) -> dict[str, Appraisal]:
        return {code: form.appraisal() for code, form in self.forms.items()}

    def add_errors(self, error: ValidationError) -> None:
        """Show an action's errors, keyed `<criterion>-<field>`, next to their fields."""
        if not hasattr(error, "error_dict"):
            self.non_field_errors.extend(error.messages)
            return
        for key, messages in error.message_dict.items():
            code, _sep, field = key.rpartition("-")
            for message in messages:
                self.forms[code].add_error(field, message)

    def keep_typed_with_revisions(self, reviews: dict) -> None:
        """After a conflict: what was typed stays, with the revisions now stored, so that
        saving again is a deliberate overwrite."""
        for code, form in self.forms.items():
            data = form.data.copy()
            review = reviews.get(code)
            data[f"{code}-revision"] = review.revision if review else ""
            form.data = data
            form.is_valid()

    @property
    def error_count(self) -> int:
        return sum(len(form.errors) for form in self.forms.values())


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


class ReturnToAgentForm(DsfrBaseForm):
    remarks = forms.CharField(
        label=_("Remarques pour l'agent"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce qui doit être repris avant la saisine du CIPC."),
        error_messages={
            "required": _("Indiquez vos remarques : l'agent doit savoir quoi reprendre.")
        },
    )
