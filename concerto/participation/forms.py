import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.forms import DateInput
from concerto.participation import kinds
from concerto.participation.models import HiddenReason
from concerto.participation.profile_questions import invalid_answer_message, profile_questions


class IdempotentForm(DsfrBaseForm):
    """A contribution form carrying a key generated when it is shown: submitting it
    twice (double click, retry after a timeout) stores one contribution."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)


class PseudonymMixin(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonyme"),
        max_length=60,
        required=False,
        help_text=_("Sans compte, votre contribution est publiée sous ce pseudonyme."),
    )


class ModuleForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=_("Type de module"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Présentation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(label=_("Ouverture"), widget=DateInput())
    closes_on = forms.DateField(label=_("Clôture"), widget=DateInput())
    allow_pseudonym = forms.BooleanField(
        label=_("Autoriser la participation sous pseudonyme, sans compte"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices()

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("La clôture doit suivre l'ouverture."))
        return cleaned


class ModuleEditForm(ModuleForm):
    """A module's settings once created. `limits` (field -> why) fixes what may no longer
    change, e.g. the kind once citizens took part, and says why next to the field."""

    results_public = forms.BooleanField(
        label=_("Rendre visibles au public les résultats des questions fermées"), required=False
    )

    def __init__(self, *args, limits: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, why in (limits or {}).items():
            # DsfrBaseForm made the bound fields already; they copied the help text then.
            self.fields[name].help_text = self[name].help_text = why
        if limits and "kind" in limits:
            self.fields["kind"].disabled = True


class MoveForm(forms.Form):
    position = forms.IntegerField(min_value=1, max_value=10_000)


class HideForm(DsfrBaseForm):
    reason = forms.ChoiceField(label=_("Motif"))
    note = forms.CharField(
        label=_("Précision pour l'auteur"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choisir un motif")), *HiddenReason.choices]


class ReportForm(DsfrBaseForm):
    reason = forms.ChoiceField(label=_("Motif du signalement"))
    comment = forms.CharField(label=_("Précision"), required=False, max_length=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choisir un motif")), *HiddenReason.choices]


# Past this many answers, a question is a drop-down list rather than radio buttons.
LONG_LIST = 8


def profile_field(question, *, blank_label) -> forms.ChoiceField:
    """One optional question of the catalogue: radio buttons, or a list to pick from
    when it is long (départements, régions)."""
    long_list = len(question.categories) > LONG_LIST
    return forms.ChoiceField(
        label=question.prompt,
        choices=[("", blank_label)] + [(c.code, c.label) for c in question.categories],
        widget=forms.Select if long_list else forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": invalid_answer_message(question.key)},
    )


class ProfileForm(DsfrBaseForm):
    """Every catalogue question, each optional, and the consent that keeps them."""

    consent = forms.BooleanField(
        label=_(
            "J'accepte que ces réponses soient conservées dans mon profil pour mesurer, de "
            "façon agrégée, qui a participé, et pour pré-remplir les questions de profil des "
            "prochains dispositifs. Elles ne sont jamais publiées individuellement."
        ),
        error_messages={"required": _("Cochez la case pour que vos réponses soient conservées.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consent = self.fields.pop("consent")
        for key, question in profile_questions().items():
            self.fields[key] = profile_field(question, blank_label=_("Ne pas répondre"))
        self.fields["consent"] = consent
        self.question_keys = list(profile_questions())

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in self.question_keys}


class CorrectionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Titre"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Texte"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("20 000 caractères au plus."),
    )

    def __init__(self, *args, title_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if title_required:
            # A proposal is listed and shown under its title: it cannot lose it.
            self.fields["title"].required = True
            self.fields["title"].error_messages["required"] = _(
                "Donnez un titre à votre proposition."
            )


class StateQueueForm(DsfrBaseForm):
    q = forms.CharField(
        label=_("Dispositif ou ministère"),
        required=False,
        max_length=100,
        help_text=_("Un mot du titre du dispositif ou du nom du ministère."),
    )
