import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.forms import DateInput, ModelChoiceField
from concerto.support.models import Formula, Status
from concerto.trainings.forms import RATINGS  # one satisfaction scale for the CIPC's offer


class RequestForm(DsfrBaseForm):
    process = ModelChoiceField(
        label=_("Dispositif concerné"),
        queryset=None,
        required=False,
        empty_label=_("Aucun : le projet n'est pas encore déclaré"),
    )
    ministry = ModelChoiceField(
        label=_("Ministère"),
        queryset=None,
        required=False,
        help_text=_("Sans dispositif : le ministère qui porte le projet."),
    )
    title = forms.CharField(label=_("Objet de la demande"), max_length=200)
    context = forms.CharField(
        label=_("Contexte"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("La politique publique, la décision en jeu, ce qui a déjà été fait."),
    )
    needs = forms.CharField(
        label=_("Besoins"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce que vous attendez du CIPC : cadrage, choix de méthode, marché, suite…"),
    )
    calendar = forms.CharField(
        label=_("Calendrier"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Les dates clés : décision, lancement, échéances."),
    )
    formula_requested = forms.ChoiceField(
        label=_("Formule souhaitée"), choices=Formula.choices, widget=forms.RadioSelect
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, processes, ministries, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = processes
        self.fields["ministry"].queryset = ministries
        only = list(ministries[:2])
        if len(only) == 1:
            self.fields["ministry"].initial = only[0].pk


class MessageForm(DsfrBaseForm):
    message = forms.CharField(
        label=_("Message au demandeur"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RedirectForm(DsfrBaseForm):
    message = forms.CharField(
        label=_("Pourquoi le coaching léger convient mieux"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(DsfrBaseForm):
    reason = forms.CharField(label=_("Motif du refus"), widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(DsfrBaseForm):
    advisor = ModelChoiceField(label=_("Conseiller du CIPC"), queryset=None)

    def __init__(self, *args, advisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors


class MilestoneForm(DsfrBaseForm):
    title = forms.CharField(label=_("Jalon"), max_length=200)
    due_date = forms.DateField(label=_("Échéance"), widget=DateInput())


class NoteForm(DsfrBaseForm):
    text = forms.CharField(label=_("Note de suivi"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(DsfrBaseForm):
    summary = forms.CharField(
        label=_("Bilan de l'accompagnement"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SurveyForm(DsfrBaseForm):
    rating = forms.TypedChoiceField(
        label=_("Êtes-vous satisfait de l'accompagnement du CIPC ?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Recommanderiez-vous le CIPC à un collègue ?"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ListFilterForm(DsfrBaseForm):
    """The requests list's filters; its CSV export keeps them."""

    q = forms.CharField(label=_("Rechercher une demande"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("État"), required=False)
    mine = forms.BooleanField(label=_("Celles que je suis comme conseiller"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Tous les états")), *Status.choices]
