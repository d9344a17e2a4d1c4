from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.forms import (
    DateInput,
    DateTimeField,
    DateTimeInput,
    ModelChoiceField,
    ModelMultipleChoiceField,
)
from concerto.network.models import ActionStatus
from concerto.processes.models import Process


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


def ministry_people(ministry):
    return (
        User.objects.filter(
            Q(memberships__organisation=ministry)
            | Q(memberships__organisation__parent=ministry)
            | Q(deputyships__ministry=ministry),
            is_active=True,
        )
        .exclude(memberships__role=Role.CITIZEN)
        .distinct()
        .order_by("last_name", "first_name")
    )


class PlanActionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Action"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = PersonChoiceField(label=_("Pilote"), queryset=User.objects.none(), required=False)
    starts_on = forms.DateField(
        label=_("Début"),
        required=False,
        widget=DateInput(),
    )
    due_date = forms.DateField(label=_("Échéance"), widget=DateInput())
    status = forms.ChoiceField(label=_("Statut"), choices=ActionStatus.choices)
    processes = ModelMultipleChoiceField(
        label=_("Dispositifs liés"),
        queryset=Process.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ministry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = ministry_people(ministry)
        self.fields["processes"].queryset = Process.objects.filter(ministry=ministry).order_by(
            "title"
        )


class StrategyForm(DsfrBaseForm):
    strategy = forms.CharField(
        label=_("Stratégie de participation du ministère"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )


class MeetingForm(DsfrBaseForm):
    title = forms.CharField(label=_("Intitulé"), max_length=255)
    starts_at = DateTimeField(
        label=_("Date et heure"),
        widget=DateTimeInput(),
    )
    place = forms.CharField(label=_("Lieu ou lien de visioconférence"), max_length=255)
    agenda = forms.CharField(label=_("Ordre du jour"), widget=forms.Textarea(attrs={"rows": 5}))


class MinutesForm(DsfrBaseForm):
    minutes = forms.CharField(label=_("Compte rendu"), widget=forms.Textarea(attrs={"rows": 8}))
    decisions = forms.CharField(
        label=_("Décisions"),
        help_text=_("Une décision par ligne."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    present = forms.MultipleChoiceField(
        label=_("Présents"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(a.user_id), str(a.user)) for a in meeting.attendances.select_related("user")
        ]


class MeetingActionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Action de suivi"), max_length=255)
    owner = PersonChoiceField(label=_("Pilote"), queryset=User.objects.none(), required=False)
    due_date = forms.DateField(label=_("Échéance"), widget=DateInput())

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            Q(pk__in=meeting.attendances.values("user_id")) | Q(memberships__role=Role.CIPC_ADVISOR)
        ).distinct()
