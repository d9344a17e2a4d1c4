from django import forms
from django.forms.models import model_to_dict
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.forms import DateTimeField, DateTimeInput, ModelChoiceField
from concerto.meetings.models import MAX_REPORT_FILE_SIZE, Meeting
from concerto.participation.forms import IdempotentForm
from concerto.participation.models.contribution import MAX_BODY_LENGTH, MAX_TITLE_LENGTH
from concerto.processes.models import Theme
from concerto.uploads.fields import UploadField

DATETIME_WIDGET = DateTimeInput()
REPORT_EXTENSIONS = ["pdf", "odt", "docx", "txt"]


def body_help_text() -> str:
    return gettext("Jusqu'à %(max)s caractères.") % {
        "max": number_format(MAX_BODY_LENGTH, force_grouping=True)
    }


def theme_choices(process):
    """The process's themes when it names some, else every theme."""
    themes = process.themes.all()
    return themes if themes.exists() else Theme.objects.all()


class MeetingForm(DsfrBaseForm):
    """A meeting's details; the rules (dates, address, capacity) live in the actions."""

    title = forms.CharField(label=_("Titre de la réunion"), max_length=200)
    description = forms.CharField(
        label=_("Présentation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    starts_at = DateTimeField(
        label=_("Début (date et heure, heure de Paris)"), widget=DATETIME_WIDGET
    )
    ends_at = DateTimeField(label=_("Fin (date et heure, heure de Paris)"), widget=DATETIME_WIDGET)
    online = forms.BooleanField(label=_("Réunion en ligne"), required=False)
    address = forms.CharField(
        label=_("Adresse"),
        max_length=300,
        required=False,
        help_text=_("Obligatoire sauf pour une réunion seulement en ligne."),
    )
    join_url = forms.URLField(
        label=_("Lien de connexion"),
        required=False,
        assume_scheme="https",
        help_text=_("Montré aux seules personnes inscrites."),
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        min_value=1,
        required=False,
        help_text=_("Laissez vide pour ne pas limiter le nombre de participants."),
    )

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        if meeting is not None:
            kwargs.setdefault("initial", model_to_dict(meeting, fields=list(self.base_fields)))
        super().__init__(*args, **kwargs)


class ReportForm(DsfrBaseForm):
    report = forms.CharField(
        label=_("Compte rendu"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("Publié sur la page de la réunion dès son enregistrement."),
    )
    report_file = UploadField(
        extensions=REPORT_EXTENSIONS,
        max_size=MAX_REPORT_FILE_SIZE,
        label=_("Fichier du compte rendu"),
        required=False,
    )
    remove_file = forms.BooleanField(label=_("Retirer le fichier actuel"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        kwargs.setdefault("initial", {})["report"] = meeting.report
        super().__init__(*args, **kwargs)
        self.fields["report_file"].help_text = gettext(
            "Formats acceptés : %(formats)s. Taille maximale : %(size)s."
        ) % {"formats": ", ".join(REPORT_EXTENSIONS), "size": filesizeformat(MAX_REPORT_FILE_SIZE)}
        if not meeting.report_file:
            del self.fields["remove_file"]


class ReportContributionForm(IdempotentForm):
    """One point raised at the meeting, entered as a contribution."""

    speaker = forms.CharField(
        label=_("Nom de la personne"),
        max_length=60,
        required=False,
        help_text=_("Laissez vide si la personne n'a pas donné son nom."),
    )
    title = forms.CharField(label=_("Titre"), max_length=MAX_TITLE_LENGTH, required=False)
    body = forms.CharField(
        label=_("Contribution"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    theme = ModelChoiceField(
        label=_("Thème"), queryset=Theme.objects.none(), required=False, empty_label=_("Aucun")
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = theme_choices(process)
        self.fields["body"].help_text = body_help_text()
