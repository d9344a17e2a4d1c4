"""The steps of the declaration form: one form per step, each saved as a draft."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.accounts.models import Organisation, User
from concerto.accounts.roles import OrganisationKind, Role
from concerto.forms import DateInput, ModelChoiceField, ModelMultipleChoiceField
from concerto.frenchdates import french_date
from concerto.processes.models import Process
from concerto.processes.models.process import METHOD_CHOICES

DATE_WIDGET = DateInput()
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _day(value) -> str:
    return french_date(value, "d/m/Y")


class StepForm(DsfrBaseForm, forms.ModelForm):
    """A step of the declaration; `revision` carries the optimistic lock."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, instance: Process, **kwargs):
        kwargs.setdefault("initial", {})["revision"] = instance.revision
        super().__init__(*args, instance=instance, **kwargs)

    def model_fields(self) -> dict:
        """Cleaned values of the process's own columns (not relations)."""
        names = [name for name in self._meta.fields if name != "themes"]
        return {name: self.cleaned_data[name] for name in names}


class CreateForm(DsfrBaseForm):
    ministry = ModelChoiceField(
        label=_("Ministère porteur"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Titre du dispositif"),
        max_length=200,
        help_text=_(
            "Un titre clair pour le public, par exemple « Consultation sur le plan vélo »."
        ),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministry"].queryset = Organisation.objects.filter(
            pk__in=user.ministry_ids(Role.AGENT, Role.REFERENT)
        )


class DuplicateForm(forms.Form):
    """The "Dupliquer" button's form: a key made when the page is shown, so that a double
    click or a retried request makes one copy."""

    creation_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("creation_key", uuid.uuid4())
        super().__init__(*args, **kwargs)


class IdentityForm(StepForm):
    class Meta:
        model = Process
        fields = [
            "title", "summary", "directorate", "sponsor", "sponsor_title", "themes",
            "territory_level", "territories",
        ]  # fmt: skip
        field_classes = {
            "directorate": ModelChoiceField,
            "sponsor": ModelChoiceField,
            "themes": ModelMultipleChoiceField,
        }
        widgets = {
            "summary": TEXTAREA,
            "themes": forms.CheckboxSelectMultiple,
            "territory_level": forms.RadioSelect,
        }
        help_texts = {
            "sponsor": _("La personne qui décide et répond aux contributions (le commanditaire)."),
            "territories": _("Régions ou départements concernés, séparés par des virgules."),
        }

    def __init__(self, *args, instance: Process, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        ministry = instance.ministry
        self.fields["directorate"].queryset = Organisation.objects.filter(
            parent=ministry, kind=OrganisationKind.DIRECTORATE
        )
        self.fields["sponsor"].queryset = (
            User.objects.filter(memberships__organisation__in=[ministry, *ministry.children.all()])
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["sponsor"].label_from_instance = lambda user: f"{user} ({user.email})"


class FramingForm(StepForm):
    class Meta:
        model = Process
        fields = [
            "problem", "decision_at_stake", "decision_maker", "decision_date", "negotiable",
            "non_negotiable", "alternatives",
        ]  # fmt: skip
        widgets = {
            "problem": TEXTAREA,
            "decision_at_stake": TEXTAREA,
            "decision_date": DATE_WIDGET,
            "negotiable": TEXTAREA,
            "non_negotiable": TEXTAREA,
            "alternatives": TEXTAREA,
        }

    def clean_decision_date(self):
        decision = self.cleaned_data["decision_date"]
        end = self.instance.participation_end
        if decision and end and decision <= end:
            raise forms.ValidationError(
                _("La décision doit être prise après la fin de la participation (le %(end)s).")
                % {"end": _day(end)}
            )
        return decision


class PublicsForm(StepForm):
    class Meta:
        model = Process
        fields = ["publics_concerned", "outreach", "offline_reach", "target_participants"]
        widgets = {"publics_concerned": TEXTAREA, "outreach": TEXTAREA, "offline_reach": TEXTAREA}


class MethodForm(StepForm):
    methods = forms.MultipleChoiceField(
        label=_("Méthodes (lignes directrices de l'OCDE)"),
        choices=METHOD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Process
        fields = [
            "methods", "participation_start", "participation_end", "calendar", "modules_planned",
        ]  # fmt: skip
        widgets = {
            "participation_start": DATE_WIDGET,
            "participation_end": DATE_WIDGET,
            "calendar": TEXTAREA,
            "modules_planned": TEXTAREA,
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("participation_start"), cleaned.get("participation_end")
        decision = self.instance.decision_date
        if start and end and end < start:
            self.add_error(
                "participation_end",
                _("La fin de la participation doit suivre son début (le %(start)s).")
                % {"start": _day(start)},
            )
        elif end and decision and end >= decision:
            self.add_error(
                "participation_end",
                _("La participation doit se terminer avant la date prévue de la décision "
                  "(le %(decision)s).") % {"decision": _day(decision)},
            )  # fmt: skip
        return cleaned


class ResourcesForm(StepForm):
    class Meta:
        model = Process
        fields = ["budget", "team", "providers", "guarantor"]
        widgets = {"team": TEXTAREA, "providers": TEXTAREA}


class FollowUpForm(StepForm):
    class Meta:
        model = Process
        fields = ["follow_up_date"]
        widgets = {"follow_up_date": DATE_WIDGET}
        help_texts = {
            "follow_up_date": _(
                "Date à laquelle les participants sauront ce qui a été fait de leurs "
                "contributions ; au plus tard à la date de la décision."
            )
        }

    def clean_follow_up_date(self):
        follow_up = self.cleaned_data["follow_up_date"]
        decision, end = self.instance.decision_date, self.instance.participation_end
        if follow_up and decision and follow_up > decision:
            raise forms.ValidationError(
                _("Le devoir de suite doit être rendu au plus tard à la date de la décision "
                  "(le %(decision)s).") % {"decision": _day(decision)}
            )  # fmt: skip
        if follow_up and end and follow_up <= end:
            raise forms.ValidationError(
                _("Le devoir de suite vient après la fin de la participation (le %(end)s).")
                % {"end": _day(end)}
            )
        return follow_up


class EvaluationForm(StepForm):
    class Meta:
        model = Process
        fields = ["evaluation_plan", "publish_opinion_at_launch"]
        widgets = {"evaluation_plan": forms.Textarea(attrs={"rows": 5})}


class SourceForm(DsfrBaseForm):
    title = forms.CharField(label=_("Titre de la source"), max_length=255)
    viewpoint = forms.CharField(label=_("Point de vue représenté"), max_length=150, required=False)
    url = forms.URLField(label=_("Adresse web"), required=False, assume_scheme="https")
    contradictory = forms.BooleanField(label=_("Point de vue contradictoire"), required=False)


class CommitmentForm(DsfrBaseForm):
    what = forms.CharField(label=_("Ce qui sera rendu"), max_length=255)
    who = forms.CharField(label=_("Qui répond"), max_length=255)
    due_date = forms.DateField(label=_("Date d'engagement"), widget=DATE_WIDGET)
    channel = forms.CharField(label=_("Par quel canal"), max_length=255)
    quantity = forms.IntegerField(
        label=_("Nombre de réponses promises (Optionnel)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=_(
            "Par exemple 20 pour « répondre aux vingt propositions les plus soutenues » : "
            "l'engagement n'est tenu qu'une fois ce nombre de réponses publiées."
        ),
    )


SourceFormSet = forms.formset_factory(SourceForm, extra=2, can_delete=True)
CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=1, can_delete=True)


class InformationForm(StepForm):
    class Meta:
        model = Process
        fields: list[str] = []
