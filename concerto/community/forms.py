from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import Organisation
from concerto.accounts.roles import OrganisationKind
from concerto.folding import french_order
from concerto.forms import ModelChoiceField, ModelMultipleChoiceField
from concerto.processes.models import Process
from concerto.resources.models import FaqTheme


class QuestionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Votre question"), max_length=200)
    body = forms.CharField(
        label=_("Précisions"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Le contexte de votre démarche, ce que vous avez déjà essayé."),
    )
    theme = ModelChoiceField(label=_("Thème"), queryset=FaqTheme.objects.all(), required=False)


class ReplyForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre réponse"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class PromoteForm(DsfrBaseForm):
    theme = ModelChoiceField(
        label=_("Thème de la FAQ"), queryset=FaqTheme.objects.all(), empty_label=None
    )


class ProfileForm(DsfrBaseForm):
    is_listed = forms.BooleanField(
        label=_("Apparaître dans l'annuaire des agents"),
        required=False,
        help_text=_("Seuls les agents connectés voient l'annuaire."),
    )
    ministry = ModelChoiceField(
        label=_("Ministère"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.MINISTRY),
        required=False,
    )
    job_title = forms.CharField(label=_("Fonction"), max_length=200)
    processes = ModelMultipleChoiceField(
        label=_("Dispositifs conduits sur Concerto"),
        queryset=Process.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    past_experience = forms.CharField(
        label=_("Autres démarches participatives conduites"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    skills = forms.CharField(
        label=_("Compétences"),
        max_length=500,
        required=False,
        help_text=_("Séparées par des virgules, par exemple : animation, tirage au sort."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only processes of the agent's own ministries: those they can have run.
        ministries = user.ministry_ids("agent", "referent")
        self.fields["processes"].queryset = Process.objects.filter(
            ministry_id__in=ministries
        ).order_by(*french_order("title"))
