from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.analysis.models import CampaignGroup
from concerto.forms import ModelChoiceField, ModelMultipleChoiceField


class RunForm(DsfrBaseForm):
    themes = forms.IntegerField(
        label=_("Nombre de thèmes"),
        help_text=_(
            "Par question ouverte. Laissez vide pour que l'outil le choisisse (entre 4 et 16)."
        ),
        required=False,
        min_value=2,
        max_value=40,
    )


class RenameForm(DsfrBaseForm):
    label = forms.CharField(label=_("Intitulé du thème"), max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MergeForm(DsfrBaseForm):
    themes = ModelMultipleChoiceField(
        label=_("Thèmes à fusionner"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins deux thèmes à fusionner.")},
    )
    label = forms.CharField(
        label=_("Intitulé du thème fusionné"),
        help_text=_("Laissez vide pour garder celui du plus grand thème."),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, analysis, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = analysis.themes.select_related("question").order_by(
            "-size", "position"
        )
        self.fields["themes"].label_from_instance = _theme_choice


def _theme_choice(theme) -> str:
    if theme.question_id:
        return f"{theme.label} ({theme.size}) — {theme.question.text}"
    if theme.section_label:
        return f"{theme.label} ({theme.size}) — {theme.section_label}"
    return f"{theme.label} ({theme.size})"


class MoveForm(DsfrBaseForm):
    contributions = forms.TypedMultipleChoiceField(
        label=_("Contributions à déplacer"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une contribution.")},
    )
    target = ModelChoiceField(
        label=_("Vers le thème"), queryset=None, required=False, empty_label=_("— Nouveau thème —")
    )
    new_label = forms.CharField(
        label=_("Intitulé du nouveau thème"), max_length=200, required=False
    )

    def __init__(self, *args, theme, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributions"].choices = choices
        # Only themes of the same section (question, article): each is analysed apart.
        self.fields["target"].queryset = (
            theme.analysis.themes.filter(section_key=theme.section_key)
            .exclude(pk=theme.pk)
            .order_by("-size", "position")
        )

    def clean(self):
        data = super().clean()
        if not data.get("target") and not (data.get("new_label") or "").strip():
            self.add_error(
                "new_label", _("Choisissez le thème de destination ou nommez un nouveau thème.")
            )
        return data


class ReviewForm(DsfrBaseForm):
    review = forms.ChoiceField(choices=CampaignGroup.Review.choices)


class PublishForm(DsfrBaseForm):
    confirm = forms.BooleanField(
        label=_(
            "J'ai relu les intitulés des thèmes, les campagnes et les citations, et je "
            "publie cette synthèse."
        ),
        error_messages={
            "required": _(
                "Cochez la case pour confirmer que vous avez relu la synthèse : "
                "elle n'a pas été publiée."
            )
        },
    )


class ProviderForm(DsfrBaseForm):
    email = forms.EmailField(
        label=_("Adresse électronique du prestataire"),
        help_text=_("La personne doit avoir un compte de prestataire sur la plateforme."),
    )
