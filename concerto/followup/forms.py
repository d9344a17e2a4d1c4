import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from dsfr.forms import DsfrBaseForm

from concerto.analysis.models import CampaignGroup
from concerto.analysis.models import Theme as AnalysisTheme
from concerto.followup.models import Answer, AnswerLevel, AnswerStatus, Milestone, Rating
from concerto.followup.selection import (
    ANSWERED,
    UNANSWERED,
    Selection,
    answerable,
    current_campaigns,
    current_themes,
)
from concerto.forms import DateInput, LongSelect, ModelChoiceField, ModelMultipleChoiceField
from concerto.participation.models import Channel, Contribution, Module
from concerto.processes.models import FollowUpCommitment
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
    analysis_theme = ModelChoiceField(
        label=_("Thème de l'analyse"),
        queryset=AnalysisTheme.objects.none(),
        required=False,
        widget=LongSelect,
        help_text=_(
            "Pour une réponse à un thème : elle couvre toutes les contributions que l'analyse "
            "y a classées au moment de l'enregistrement."
        ),
    )
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
    edit_reason = forms.CharField(
        label=_("Motif public de la modification"),
        required=False,
        help_text=_("Obligatoire pour modifier une réponse publiée : il figure dans l'historique."),
    )

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, process, shown=None, published=False, creating=True, **kwargs):
        """`shown`: the contributions offered as boxes (those ticked in the workspace, or
        those the answer covers); None leaves the answer's coverage out of the form.
        A new answer's form carries a key of its own, so that posting it twice creates
        one answer."""
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["idempotency_key"]
        offer_themes(self.fields["analysis_theme"], process)
        self.fields["question"].queryset = Question.objects.filter(module__process=process)
        self.fields["commitment"].queryset = process.commitments.all()
        if shown is None:
            del self.fields["contributions"]
        else:
            field = self.fields["contributions"]
            # Any answerable contribution is accepted; only the selection is listed.
            field.queryset = answerable(process)
            field.widget.choices = [(c.pk, field.label_from_instance(c)) for c in shown]
        if not published:
            del self.fields["edit_reason"]


def offer_themes(field, process) -> None:
    """The process's current analysis themes as the field's choices, each named with its
    module when the process has several analysed modules. The choices come from one
    query of the columns they show: a Grand Débat module has 500 themes, and loading
    them whole (quotes and words included) twice per view of the workspace cost more than
    the rest of the page (bench/bench_followup.py)."""
    themes = current_themes(process)
    rows = list(
        themes.values_list("pk", "label", "size", "analysis__module_id", "analysis__module__title")
    )
    several = len({row[3] for row in rows}) > 1

    def module_of(title: str) -> str | None:
        return title if several else None

    field.queryset = themes  # what a chosen theme is checked against, one row
    field.label_from_instance = lambda theme: theme_label(
        theme.label, theme.size, module_of(theme.analysis.module.title)
    )
    field.choices = [
        *([("", field.empty_label)] if field.empty_label is not None else []),
        *((pk, theme_label(label, size, module_of(title))) for pk, label, size, _m, title in rows),
    ]


def theme_label(label: str, size: int, module_title: str | None = None) -> str:
    label = ngettext(
        "%(label)s (%(count)s contribution)", "%(label)s (%(count)s contributions)", size
    ) % {"label": label, "count": size}
    return f"{module_title} — {label}" if module_title else label


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


class WorkspaceFilterForm(DsfrBaseForm):
    """The workspace's filters, read from the address (GET)."""

    q = forms.CharField(label=_("Rechercher dans le texte"), required=False, max_length=200)
    theme = ModelChoiceField(
        label=_("Thème de l'analyse"), queryset=AnalysisTheme.objects.none(), required=False,
        empty_label=_("Tous les thèmes"), widget=LongSelect,
    )  # fmt: skip
    campaign = ModelChoiceField(
        label=_("Campagne"), queryset=CampaignGroup.objects.none(), required=False,
        empty_label=_("Toutes"),
    )  # fmt: skip
    module = ModelChoiceField(
        label=_("Module"), queryset=Module.objects.none(), required=False,
        empty_label=_("Tous les modules"),
    )  # fmt: skip
    channel = forms.ChoiceField(label=_("Canal"), required=False)
    answer = forms.ChoiceField(label=_("Réponse"), required=False)
    covered_by = ModelChoiceField(
        label=_("Couvertes par la réponse"), queryset=Answer.objects.none(), required=False,
        empty_label=_("Toutes"),
    )  # fmt: skip

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        offer_themes(self.fields["theme"], process)
        self.fields["campaign"].queryset = current_campaigns(process)
        self.fields["campaign"].label_from_instance = campaign_label
        self.fields["module"].queryset = process.modules.order_by("position", "pk")
        self.fields["channel"].choices = [("", _("Tous les canaux")), *Channel.choices]
        self.fields["answer"].choices = [
            ("", _("Toutes")),
            (UNANSWERED, _("Sans réponse")),
            (ANSWERED, _("Avec une réponse")),
            *(
                (status.code, _("Réponse « %(status)s »") % {"status": status.label})
                for status in AnswerStatus.objects.all()
            ),
        ]
        self.fields["covered_by"].queryset = Answer.objects.filter(process=process)

    def selection(self) -> Selection:
        """The filters as a Selection; an invalid filter is dropped (its error is shown)."""
        # cleaned_data holds the valid fields only, also when another one is invalid.
        if not self.is_bound:
            return Selection()
        self.is_valid()
        data = self.cleaned_data
        return Selection(
            theme=_pk(data.get("theme")),
            campaign=_pk(data.get("campaign")),
            module=_pk(data.get("module")),
            channel=data.get("channel") or "",
            answer=data.get("answer") or "",
            covered_by=_pk(data.get("covered_by")),
            q=(data.get("q") or "").strip(),
        )

    def describe(self) -> list[str]:
        """The filters that are set, in words ("Thème de l'analyse : Transports (31)")."""
        lines = []
        for name in self.selection().filters:
            field = self[name].field
            value = self.cleaned_data[name]
            if hasattr(field, "label_from_instance"):
                shown = field.label_from_instance(value)
            elif hasattr(field, "choices"):
                shown = dict(field.choices).get(value, value)
            else:
                shown = value
            lines.append(f"{field.label} : {shown}")
        return lines


def _pk(instance):
    return instance.pk if instance is not None else None


def campaign_label(campaign) -> str:
    text = campaign.sentence or (campaign.example.body if campaign.example else "")
    text = text if len(text) <= 80 else text[:79] + "…"
    return ngettext(
        "« %(text)s » (%(count)s texte)", "« %(text)s » (%(count)s textes)", campaign.size
    ) % {"text": text, "count": campaign.size}


class BulkLinkForm(DsfrBaseForm):
    """What the workspace's bulk action applies to, and to which answer."""

    NEW = "new"
    scope = forms.ChoiceField(
        label=_("Appliquer à"),
        choices=[("checked", _("Les contributions cochées")), ("all", "")],
        widget=forms.RadioSelect,
        initial="checked",
    )
    target = forms.ChoiceField(label=_("Réponse"))
    reason = forms.CharField(
        label=_("Motif public (obligatoire pour une réponse déjà publiée)"),
        required=False,
        max_length=500,
    )

    def __init__(self, *args, process, matching: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [
            ("checked", _("Les contributions cochées sur cette page")),
            ("all", ngettext(
                "La contribution qui correspond aux filtres",
                "Les %(count)s contributions qui correspondent aux filtres", matching,
            ) % {"count": matching}),
        ]  # fmt: skip
        answers = Answer.objects.filter(process=process).order_by("pk")
        self.answers = {str(answer.pk): answer for answer in answers}
        self.fields["target"].choices = [
            (self.NEW, _("Nouvelle réponse…")),
            *((pk, answer.target) for pk, answer in self.answers.items()),
        ]
