import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.forms import DateInput


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
        from concerto.participation.models import ModuleKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ModuleKind.choices

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
        from concerto.participation.models import HiddenReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choisir un motif")), *HiddenReason.choices]


class ReportForm(DsfrBaseForm):
    reason = forms.ChoiceField(label=_("Motif du signalement"))
    comment = forms.CharField(label=_("Précision"), required=False, max_length=1000)

    def __init__(self, *args, **kwargs):
        from concerto.participation.models import HiddenReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choisir un motif")), *HiddenReason.choices]


class ProfileForm(DsfrBaseForm):
    age_band = forms.ChoiceField(label=_("Tranche d'âge"), required=False)
    gender = forms.ChoiceField(label=_("Genre"), required=False)
    departement = forms.RegexField(
        label=_("Département (code)"),
        regex=r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$",
        required=False,
        help_text=_("Par exemple 69, 2A ou 974."),
        error_messages={"invalid": _("Indiquez un code de département, par exemple 69 ou 2A.")},
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que ces réponses servent uniquement à mesurer, de façon agrégée, qui a "
            "participé. Elles ne sont jamais publiées individuellement."
        )
    )

    def __init__(self, *args, **kwargs):
        from concerto.participation.models.profile import AgeBand, Gender

        super().__init__(*args, **kwargs)
        self.fields["age_band"].choices = [("", _("Ne pas répondre")), *AgeBand.choices]
        self.fields["gender"].choices = [("", _("Ne pas répondre")), *Gender.choices]


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
