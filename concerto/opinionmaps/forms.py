from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.opinionmaps.models import MAX_STATEMENT_LENGTH
from concerto.participation.forms import IdempotentForm
from concerto.uploads.fields import UploadField
from concerto.uploads.validators import MB

# A large Polis conversation's votes.csv holds millions of lines.
MAX_POLIS_FILE_SIZE = 100 * MB

STATEMENT_HELP = _("Une idée par énoncé, en une phrase courte (%(max)d caractères au plus).") % {
    "max": MAX_STATEMENT_LENGTH
}


class VoteForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.TypedChoiceField(choices=[("1", "1"), ("-1", "-1"), ("0", "0")], coerce=int)


class ProposeForm(IdempotentForm):
    text = forms.CharField(
        label=_("Votre énoncé"),
        max_length=MAX_STATEMENT_LENGTH,
        help_text=STATEMENT_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SeedForm(DsfrBaseForm):
    text = forms.CharField(
        label=_("Nouvel énoncé de départ"),
        max_length=MAX_STATEMENT_LENGTH,
        help_text=STATEMENT_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PolisImportForm(DsfrBaseForm):
    comments = UploadField(
        extensions=["csv"],
        max_size=MAX_POLIS_FILE_SIZE,
        label=_("Fichier des énoncés (comments.csv)"),
        help_text=_("Export Polis : colonnes comment-id, moderated, comment-body."),
    )
    votes = UploadField(
        extensions=["csv"],
        max_size=MAX_POLIS_FILE_SIZE,
        label=_("Fichier des votes (votes.csv)"),
        help_text=_("Export Polis : colonnes timestamp, comment-id, voter-id, vote."),
    )
