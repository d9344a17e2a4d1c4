from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from concerto.codrafting.actions.answers import Decision
from concerto.codrafting.models import MAX_HEADING_LENGTH, MAX_LABEL_LENGTH
from concerto.participation.models.contribution import MAX_BODY_LENGTH
from concerto.proposals.forms import BODY_HELP, ContributionForm
from concerto.uploads.fields import UploadField

MAX_DRAFT_BYTES = 5 * 1024 * 1024
FORMAT_CHOICES = [
    ("markdown", _("Markdown (titres # Titre, ## Chapitre, ### Article)")),
    ("text", _("Texte collé (« TITRE Ier », « Chapitre II », « Article 1er »…)")),
]


class ImportForm(DsfrBaseForm):
    name = forms.CharField(
        label=_("Titre du texte"),
        help_text=_("Par exemple : « Projet de loi pour une République numérique »."),
        max_length=MAX_HEADING_LENGTH,
    )
    text = forms.CharField(
        label=_("Coller le texte"),
        help_text=_("Ou bien déposez un fichier ci-dessous."),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=2_000_000,
    )
    format = forms.ChoiceField(
        label=_("Format du texte collé"), choices=FORMAT_CHOICES, initial="markdown"
    )
    file = UploadField(
        extensions=["md", "txt", "docx", "odt"],
        max_size=MAX_DRAFT_BYTES,
        label=_("Déposer un fichier"),
        help_text=_(
            "Markdown (.md), texte (.txt), Word (.docx) ou OpenDocument (.odt), 5 Mo au plus."
        ),
        required=False,
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload is None and not text:
            self.add_error("text", _("Collez le texte ou déposez un fichier."))
        return data


class UnitForm(DsfrBaseForm):
    heading = forms.CharField(label=_("Titre"), max_length=MAX_HEADING_LENGTH, required=False)
    text = forms.CharField(
        label=_("Texte de l'alinéa"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    open = forms.BooleanField(label=_("Ouvert aux suggestions des citoyens"), required=False)
    closed_reason = forms.CharField(
        label=_("Pourquoi ce passage n'est pas ouvert"),
        help_text=_(
            "Affiché aux citoyens, par exemple : « disposition imposée par le droit européen »."
        ),
        max_length=500,
        required=False,
    )
    sources = forms.TypedMultipleChoiceField(
        label=_("Suggestions dont vient ce changement"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, unit=None, suggestions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None and not unit.is_paragraph:
            del self.fields["text"]
        if suggestions is None:
            del self.fields["sources"]
        else:
            self.fields["sources"].choices = [(s.pk, f"#{s.pk} — {s.title}") for s in suggestions]


class NewArticleForm(DsfrBaseForm):
    label = forms.CharField(
        label=_("Numéro"), help_text=_("Par exemple : « Article 6 »."), max_length=MAX_LABEL_LENGTH
    )
    heading = forms.CharField(label=_("Titre"), max_length=MAX_HEADING_LENGTH, required=False)
    text = forms.CharField(label=_("Texte de l'article"), widget=forms.Textarea(attrs={"rows": 5}))
    sources = UnitForm.base_fields["sources"]

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = [(s.pk, f"#{s.pk} — {s.title}") for s in suggestions]


class PublishForm(DsfrBaseForm):
    note = forms.CharField(
        label=_("Ce que cette version change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class RewordingForm(ContributionForm):
    text = forms.CharField(
        label=_("Votre rédaction de l'alinéa"),
        help_text=_("Modifiez le texte actuel : vos changements seront montrés mot à mot."),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    explanation = forms.CharField(
        label=_("Pourquoi ce changement ? (facultatif)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    field_order = ["text", "explanation", "pseudonym"]


class NewArticleSuggestionForm(ContributionForm):
    heading = forms.CharField(
        label=_("Titre de l'article (facultatif)"), max_length=MAX_HEADING_LENGTH, required=False
    )
    text = forms.CharField(
        label=_("Texte de l'article proposé"),
        help_text=BODY_HELP,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    explanation = RewordingForm.base_fields["explanation"]
    field_order = ["heading", "text", "explanation", "pseudonym"]


class AnswerForm(DsfrBaseForm):
    decision = forms.ChoiceField(
        label=_("Décision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Réponse"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_BODY_LENGTH
    )
    reason = forms.CharField(
        label=_("Motif (obligatoire si la suggestion n'est pas retenue)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )


class MergeForm(DsfrBaseForm):
    target = forms.TypedChoiceField(label=_("Fusionner avec"), coerce=int)
    note = forms.CharField(label=_("Précision (facultatif)"), max_length=500, required=False)

    def __init__(self, *args, targets=(), **kwargs):
        """`targets`: the suggestions to choose from; None for a number to type (an
        article with many suggestions; the view checks the number)."""
        super().__init__(*args, **kwargs)
        if targets is None:
            self.fields["target"] = forms.IntegerField(
                label=_("Fusionner avec"),
                help_text=_("Le numéro de la suggestion qui la regroupera, par exemple 1234."),
                min_value=1,
            )
            # The base form has bound (and styled) the list already: bind the number.
            self._bound_fields_cache.pop("target", None)
            dsfr_input_class_attr(self["target"])
            return
        self.fields["target"].choices = [("", _("Choisissez une suggestion"))] + [
            (s.pk, f"#{s.pk} — {s.title}") for s in targets
        ]
