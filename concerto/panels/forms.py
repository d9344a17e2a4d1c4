from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

MAX_CSV_SIZE = 5 * 1024 * 1024


class PanelForm(DsfrBaseForm):
    name = forms.CharField(label=_("Nom du panel"), max_length=200)
    size = forms.IntegerField(
        label=_("Nombre de membres à tirer au sort"), min_value=1, max_value=10_000
    )
    retention_date = forms.DateField(
        label=_("Date de suppression des données du vivier"),
        help_text=_("Les données personnelles du vivier sont supprimées à cette date."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    household_rule = forms.BooleanField(
        label=_("Au plus une personne par foyer (colonne « foyer » du fichier)"), required=False
    )


class CsvForm(DsfrBaseForm):
    file = forms.FileField(
        label=_("Fichier CSV"),
        validators=[FileExtensionValidator(["csv", "txt"])],
    )

    def __init__(self, *args, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = help_text

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_SIZE:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo."))
        return upload.read()


class QuotasForm(DsfrBaseForm):
    """Minimum and maximum per category value, one pair of fields per quota."""

    def __init__(self, *args, quotas, pool_counts, **kwargs):
        super().__init__(*args, **kwargs)
        self.quotas = list(quotas)
        for quota in self.quotas:
            count = pool_counts.get(quota.category, {}).get(quota.value, 0)
            label = f"{quota.category} = {quota.value}"
            self.fields[f"min_{quota.pk}"] = forms.IntegerField(
                label=_("Minimum — %(label)s") % {"label": label},
                help_text=_("%(count)d personnes dans le vivier") % {"count": count},
                min_value=0,
                initial=quota.min,
            )
            self.fields[f"max_{quota.pk}"] = forms.IntegerField(
                label=_("Maximum — %(label)s") % {"label": label},
                min_value=0,
                initial=quota.max,
            )

    def bounds(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {q.pk: (data[f"min_{q.pk}"], data[f"max_{q.pk}"]) for q in self.quotas}


class SeedForm(DsfrBaseForm):
    seed = forms.CharField(
        label=_("Graine"),
        max_length=200,
        help_text=_(
            "Publiée à l'avance ou tirée en public, par exemple les numéros d'un tirage "
            "officiel : « 07-19-23-31-42 ». Elle est utilisée telle quelle."
        ),
    )
