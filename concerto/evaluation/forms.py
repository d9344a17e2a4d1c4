from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from concerto.evaluation.models import Dimension
from concerto.evaluation.models.margins import DIMENSION_CATEGORIES
from concerto.evaluation.models.report import OECD_CRITERIA, CriterionRating
from concerto.evaluation.questions import LIKERT, LIKERT_CHOICES
from concerto.uploads.fields import UploadField


class SurveyForm(DsfrBaseForm):
    """One field per question of a survey, radio buttons for agreement scales."""

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            if question["kind"] == LIKERT:
                field = forms.ChoiceField(
                    label=question["text"],
                    choices=LIKERT_CHOICES,
                    widget=forms.RadioSelect,
                    required=question["required"],
                )
            else:
                field = forms.CharField(
                    label=question["text"],
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=question["required"],
                    max_length=4000,
                )
            self.fields[question["code"]] = field
            dsfr_input_class_attr(self[question["code"]])


class MarginsForm(DsfrBaseForm):
    """Reference shares (%) per category of the fixed dimensions; départements by CSV."""

    source = forms.CharField(
        label=_("Source des marges"),
        required=False,
        max_length=255,
        help_text=_("Par exemple : Insee, recensement de la population 2021."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension, categories in DIMENSION_CATEGORIES.items():
            for code, label in categories:
                self.fields[f"{dimension}__{code}"] = forms.CharField(
                    label=_("%(dimension)s : %(category)s (%%)")
                    % {"dimension": Dimension(dimension).label, "category": label},
                    required=False,
                    max_length=8,
                )
                dsfr_input_class_attr(self[f"{dimension}__{code}"])

    def margins(self) -> dict[str, dict[str, str]]:
        result: dict[str, dict[str, str]] = {}
        for name, value in self.cleaned_data.items():
            if "__" in name:
                dimension, category = name.split("__", 1)
                result.setdefault(dimension, {})[category] = value
        return result


class MarginsImportForm(DsfrBaseForm):
    file = UploadField(
        extensions=["csv", "txt"],
        label=_("Fichier CSV des marges"),
        help_text=_(
            "Colonnes critere, categorie, part (UTF-8, séparateur virgule), par exemple "
            "« departement,29,1.4 »."
        ),
    )
    source = forms.CharField(label=_("Source des marges"), required=False, max_length=255)


class ReportForm(DsfrBaseForm):
    summary = forms.CharField(
        label=_("Synthèse de l'évaluation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in OECD_CRITERIA:
            self.fields[f"{code}_rating"] = forms.ChoiceField(
                label=_("Appréciation : %(criterion)s") % {"criterion": label},
                choices=[("", _("Choisir une appréciation")), *CriterionRating.choices],
                required=False,
            )
            self.fields[f"{code}_text"] = forms.CharField(
                label=_("Justification : %(criterion)s") % {"criterion": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            dsfr_input_class_attr(self[f"{code}_rating"])
            dsfr_input_class_attr(self[f"{code}_text"])

    def judgements(self) -> dict:
        return {
            code: {
                "rating": self.cleaned_data[f"{code}_rating"],
                "text": self.cleaned_data[f"{code}_text"],
            }
            for code, _label in OECD_CRITERIA
        }


class GrantForm(DsfrBaseForm):
    email = forms.EmailField(label=_("Adresse électronique de l'experte ou de l'expert"))


class AnnualReportForm(DsfrBaseForm):
    introduction = forms.CharField(
        label=_("Introduction du CIPC"), widget=forms.Textarea(attrs={"rows": 5})
    )
