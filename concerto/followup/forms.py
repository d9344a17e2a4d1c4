from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.analysis.models import SynthesisTheme
from concerto.followup.models import AnswerLevel, AnswerStatus, Milestone, Rating
from concerto.forms import DateInput, ModelChoiceField, ModelMultipleChoiceField
from concerto.participation.models import Contribution
from concerto.processes.models import FollowUpCommitment, Theme
from concerto.questionnaires.models import Question


class ContributionChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} — {obj.get_kind_display()} ({obj.get_channel_display()})"


class AnswerForm(DsfrBaseForm):
    level = forms.ChoiceField(label=_("Niveau de la réponse"), choices=AnswerLevel.choices)
    target = forms.CharField(
        label=_("Objet de la réponse"),
        required=False,
        max_length=255,
        help_text=_("Par défaut : le titre de la proposition, le thème ou la question."),
    )
    theme = ModelChoiceField(label=_("Thème"), queryset=Theme.objects.none(), required=False)
    question = ModelChoiceField(
        label=_("Question du questionnaire"), queryset=Question.objects.none(), required=False
    )
    status = ModelChoiceField(
        label=_("Statut"), queryset=AnswerStatus.objects.all(), empty_label=None
    )
    text = forms.CharField(label=_("Réponse"), widget=forms.Textarea(attrs={"rows": 5}))
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire si la proposition n'est pas retenue."),
    )
    new_date = forms.DateField(
        label=_("Nouvelle date de réponse"),
        required=False,
        widget=DateInput(),
        help_text=_("Obligatoire si la proposition est à l'étude."),
    )
    decision_url = forms.URLField(
        label=_("Document de décision (adresse web)"), required=False, assume_scheme="https"
    )
    legal_reference = forms.CharField(
        label=_("Référence au Journal officiel (JORF / Légifrance)"),
        required=False,
        max_length=100,
        help_text=_("Par exemple : JORFTEXT000049000000"),
    )
    budget_line = forms.CharField(label=_("Ligne budgétaire"), required=False, max_length=200)
    commitment = ModelChoiceField(
        label=_("Engagement tenu par cette réponse"),
        queryset=FollowUpCommitment.objects.none(),
        required=False,
    )
    contributions = ContributionChoiceField(
        label=_("Contributions couvertes"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    synthesis_themes = ModelMultipleChoiceField(
        label=_("Thèmes de la synthèse auxquels la réponse répond"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    edit_reason = forms.CharField(
        label=_("Motif public de la modification"),
        required=False,
        help_text=_("Obligatoire pour modifier une réponse publiée : il figure dans l'historique."),
    )

    def __init__(self, *args, process, contributions, published=False, **kwargs):
        super().__init__(*args, **kwargs)
        themes = Theme.objects.filter(process=process)
        self.fields["theme"].queryset = themes if themes.exists() else Theme.objects.all()
        self.fields["question"].queryset = Question.objects.filter(module__process=process)
        self.fields["commitment"].queryset = process.commitments.all()
        self.fields["contributions"].queryset = contributions
        # The published syntheses' themes of this process (issue 8).
        self.fields["synthesis_themes"].queryset = (
            SynthesisTheme.objects.filter(synthesis__module__process=process)
            .select_related("synthesis__module")
            .order_by("synthesis__module__position", "position")
        )
        self.fields["synthesis_themes"].label_from_instance = lambda theme: (
            f"{theme.synthesis.module.title} — {theme.label}"
        )
        if not published:
            del self.fields["edit_reason"]


class MilestoneForm(DsfrBaseForm):
    title = forms.CharField(label=_("Intitulé du jalon"), max_length=255)
    due_date = forms.DateField(label=_("Échéance"), widget=DateInput())
    parent = ModelChoiceField(
        label=_("Jalon parent"), queryset=Milestone.objects.none(), required=False
    )
    weight = forms.IntegerField(label=_("Poids"), min_value=1, max_value=100, initial=1)
    progress = forms.IntegerField(label=_("Avancement (%)"), min_value=0, max_value=100, initial=0)
    evidence_url = forms.URLField(
        label=_("Justificatif (adresse web)"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, answer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = answer.milestones.all()


class MilestoneProgressForm(DsfrBaseForm):
    progress = forms.IntegerField(label=_("Avancement (%)"), min_value=0, max_value=100)
    done = forms.BooleanField(label=_("Réalisé"), required=False)
    evidence_url = forms.URLField(
        label=_("Justificatif (adresse web)"), required=False, assume_scheme="https"
    )


class CommitmentDateForm(DsfrBaseForm):
    due_date = forms.DateField(label=_("Nouvelle date d'engagement"), widget=DateInput())
    reason = forms.CharField(
        label=_("Motif public du changement"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RatingForm(DsfrBaseForm):
    value = forms.ChoiceField(
        label=_("Avez-vous vraiment obtenu une réponse ?"),
        choices=Rating.Value.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
