from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.forms import ModelChoiceField
from concerto.participation.forms import IdempotentForm, PseudonymMixin
from concerto.participation.models.contribution import MAX_BODY_LENGTH, MAX_TITLE_LENGTH
from concerto.processes.models import Theme
from concerto.proposals.queries import SORT_NEWEST, SORT_SUPPORTS

BODY_HELP = _("20 000 caractères au maximum.")


class ThemeField(ModelChoiceField):
    """A theme among `choosable`, the (id, name, slug) rows processes.scopes keeps in
    the cache: checked without a query, as every submission of a proposal asks. Without
    them, among the queryset, as Django's field does."""

    choosable: list[tuple[int, str, str]] | None = None

    def to_python(self, value):
        if self.choosable is None or value in self.empty_values:
            return super().to_python(value)
        found = next((row for row in self.choosable if str(row[0]) == str(value)), None)
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice",
                params={"value": value},
            )  # fmt: skip
        return Theme.from_db("default", ["id", "name", "slug"], found)


class ContributionForm(PseudonymMixin, IdempotentForm):
    """A contribution form asking for a pseudonym only from someone without an account,
    where the module allows it."""

    def __init__(self, *args, ask_pseudonym: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_pseudonym:
            self.fields["pseudonym"].required = True
        else:
            del self.fields["pseudonym"]


class ProposalForm(ContributionForm):
    title = forms.CharField(label=_("Titre de la proposition"), max_length=MAX_TITLE_LENGTH)
    body = forms.CharField(
        label=_("Texte de la proposition"),
        help_text=BODY_HELP,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    theme = ThemeField(
        label=_("Thème"), queryset=Theme.objects.none(), empty_label=_("Choisissez un thème")
    )
    location = forms.CharField(
        label=_("Lieu concerné"),
        help_text=_("Une commune, un quartier, une adresse, si votre proposition en vise un."),
        max_length=200,
        required=False,
    )

    field_order = ["title", "body", "theme", "location", "pseudonym"]

    def __init__(self, *args, themes=None, choosable: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes if themes is not None else Theme.objects.all()
        self.fields["theme"].choosable = choosable


class CommentForm(ContributionForm):
    body = forms.CharField(
        label=_("Votre commentaire"),
        help_text=BODY_HELP,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["body", "pseudonym"]


class ArgumentForm(ContributionForm):
    stance = forms.ChoiceField(
        label=_("Votre argument est"),
        choices=[("for", _("Pour la proposition")), ("against", _("Contre la proposition"))],
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Votre argument"),
        help_text=BODY_HELP,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = ["stance", "body", "pseudonym"]


class ListFilterForm(DsfrBaseForm):
    theme = ModelChoiceField(
        label=_("Thème"), queryset=Theme.objects.none(), required=False, empty_label=_("Tous")
    )
    tri = forms.ChoiceField(
        label=_("Trier par"),
        choices=[(SORT_SUPPORTS, _("Les plus soutenues")), (SORT_NEWEST, _("Les plus récentes"))],
        required=False,
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes

    def values(self) -> tuple[Theme | None, str]:
        if not self.is_valid():
            return None, SORT_SUPPORTS
        return self.cleaned_data["theme"], self.cleaned_data["tri"] or SORT_SUPPORTS


class MergeForm(DsfrBaseForm):
    source = ModelChoiceField(
        label=_("Proposition à fusionner"),
        help_text=_("Elle ne sera plus listée ; ses lecteurs seront renvoyés vers l'autre."),
        queryset=None,
        empty_label=_("Choisissez une proposition"),
    )
    target = ModelChoiceField(
        label=_("Proposition qui la reçoit"),
        help_text=_("Elle reçoit les soutiens, commentaires et arguments."),
        queryset=None,
        empty_label=_("Choisissez une proposition"),
    )
    note = forms.CharField(
        label=_("Précision pour les auteurs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            self.fields[name].queryset = proposals
            self.fields[name].label_from_instance = _proposal_label

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            self.add_error("target", _("Choisissez une autre proposition."))
        return cleaned


def _proposal_label(proposal) -> str:
    return f"{proposal.title} (n° {proposal.pk})"
