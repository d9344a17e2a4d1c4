from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.expertgroups.models.drafting import AnswerStatus, DraftKind
from concerto.folding import french_order
from concerto.forms import DateInput, ModelMultipleChoiceField
from concerto.processes.models import Process


class PersonChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name()} ({obj.email})"


class GroupForm(DsfrBaseForm):
    name = forms.CharField(label=_("Nom du groupe"), max_length=200)
    mandate = forms.CharField(label=_("Mandat"), widget=forms.Textarea(attrs={"rows": 4}))
    calendar = forms.CharField(
        label=_("Calendrier des travaux"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une étape par ligne, par exemple « 15 mars : audition des organisateurs »."),
    )
    starts_on = forms.DateField(label=_("Début du mandat"), widget=DateInput())
    ends_on = forms.DateField(label=_("Fin du mandat"), required=False, widget=DateInput())
    members = PersonChoiceField(
        label=_("Membres (rôle d'expert)"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    processes = ModelMultipleChoiceField(
        label=_("Dispositifs auxquels le groupe a accès"),
        queryset=Process.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (
            User.objects.filter(memberships__role=Role.EXPERT, is_active=True)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["processes"].queryset = Process.objects.published().order_by(
            *french_order("title")
        )

    def group_fields(self) -> dict:
        names = ("name", "mandate", "calendar", "starts_on", "ends_on")
        return {name: self.cleaned_data[name] for name in names}


class NoteForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Notes partagées du groupe"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class DraftForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=_("Type de texte"), choices=DraftKind.choices)
    title = forms.CharField(label=_("Titre"), max_length=255)
    body = forms.CharField(label=_("Texte"), widget=forms.Textarea(attrs={"rows": 8}))


class DraftEditForm(DsfrBaseForm):
    title = forms.CharField(label=_("Titre"), max_length=255)
    body = forms.CharField(label=_("Texte"), widget=forms.Textarea(attrs={"rows": 8}))
    revision = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre commentaire"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class GovernmentAnswerForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("Réponse du gouvernement"), choices=AnswerStatus.choices)
    reason = forms.CharField(label=_("Motifs"), widget=forms.Textarea(attrs={"rows": 4}))
    answered_on = forms.DateField(label=_("Date de la réponse"), widget=DateInput())
