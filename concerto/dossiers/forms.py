from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.dossiers.models import Document
from concerto.participation.forms import IdempotentForm, PseudonymMixin
from concerto.participation.models.contribution import MAX_BODY_LENGTH, MAX_TITLE_LENGTH


class DocumentForm(DsfrBaseForm, forms.ModelForm):
    url = forms.URLField(
        label=_("Adresse du document original"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Par exemple : https://www.exemple.gouv.fr/etude.pdf"),
    )

    class Meta:
        model = Document
        fields = ["title", "source", "viewpoint", "contradictory", "summary", "body", "url"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }


class SourceSuggestionForm(IdempotentForm):
    title = forms.CharField(label=_("Titre de la source"), max_length=MAX_TITLE_LENGTH)
    url = forms.URLField(
        label=_("Adresse de la source"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Par exemple : https://www.exemple.fr/etude.pdf"),
    )
    why = forms.CharField(
        label=_("Pourquoi cette source manque-t-elle au dossier ?"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Jusqu'à 20 000 caractères."),
    )


class PseudonymSourceSuggestionForm(PseudonymMixin, SourceSuggestionForm):
    field_order = ["pseudonym", "title", "url", "why"]
