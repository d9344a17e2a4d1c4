from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.followup.forms import AnswerForm
from concerto.forms import DateInput, DateTimeField, DateTimeInput
from concerto.frenchdates import french_date
from concerto.panels.tickets import token_for
from concerto.uploads.validators import UploadValidator

MAX_CSV_SIZE = 5 * 1024 * 1024


class PanelForm(DsfrBaseForm):
    name = forms.CharField(label=_("Nom du panel"), max_length=200)
    size = forms.IntegerField(
        label=_("Nombre de membres à tirer au sort"), min_value=1, max_value=10_000
    )
    retention_date = forms.DateField(
        label=_("Date de suppression des données du vivier"),
        help_text=_(
            "Les données personnelles du vivier sont supprimées à cette date, au plus tard "
            "deux ans après la fin de la participation du dispositif."
        ),
        widget=DateInput(),
    )
    household_rule = forms.BooleanField(
        label=_("Au plus une personne par foyer (colonne « foyer » du fichier)"), required=False
    )


class CsvForm(DsfrBaseForm):
    file = forms.FileField(
        label=_("Fichier CSV"),
        validators=[UploadValidator(["csv", "txt"], max_size=MAX_CSV_SIZE)],
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
            "Tirée en public, par exemple les numéros d'un tirage officiel : "
            "« 07-19-23-31-42 ». Elle est utilisée telle quelle."
        ),
        error_messages={"required": _("Indiquez la graine.")},
    )
    origin = forms.CharField(
        label=_("Origine de la graine"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Qui l'a tirée, comment, quand et devant qui. Par exemple : « Tirée le 15 janvier "
            "à 14 h en séance publique à la préfecture, par une huissière de justice, cinq "
            "boules d'une urne de 49 ». Publié sur la page du panel."
        ),
        error_messages={"required": _("Dites qui a tiré la graine, comment et devant qui.")},
    )


class LotteryForm(DsfrBaseForm):
    announcement = forms.CharField(
        label=_("Comment la graine sera tirée"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Annoncé avec la loterie, avant le tirage de la graine : qui la tirera, comment, "
            "quand et où, ou quel tirage public à venir la fournira."
        ),
        error_messages={"required": _("Dites qui tirera la graine, comment, quand et où.")},
    )


class CategoriesForm(DsfrBaseForm):
    """The categories volunteers answer, one per line: « âge : 18-34, 35-64, 65+ »."""

    categories = forms.CharField(
        label=_("Catégories et valeurs"),
        help_text=_(
            "Une catégorie par ligne : son nom, deux-points, puis ses valeurs séparées par "
            "des virgules. Par exemple « âge : 18-34, 35-64, 65+ »."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_categories(self) -> list[tuple[str, list[str]]]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["categories"].splitlines(), start=1):
            if not line.strip():
                continue
            name, colon, rest = line.partition(":")
            values = [v.strip() for v in rest.split(",") if v.strip()]
            if not colon or not name.strip() or not values:
                raise forms.ValidationError(
                    _("Ligne %(line)d : écrivez « catégorie : valeur, valeur ».") % {"line": number}
                )
            parsed.append((name.strip(), values))
        return parsed

    @staticmethod
    def as_text(categories) -> str:
        return "\n".join(f"{c.name} : {', '.join(c.values)}" for c in categories)


class InvitationBatchForm(DsfrBaseForm):
    label = forms.CharField(
        label=_("Nom du lot"),
        max_length=100,
        help_text=_("Par exemple « Courrier de mars — 2 000 adresses tirées au sort »."),
    )
    channel = forms.ChoiceField(
        label=_("Canal d'invitation"),
        choices=[("mail", _("Courrier postal")), ("phone", _("Téléphone"))],
        widget=forms.RadioSelect,
        initial="mail",
    )
    file = forms.FileField(
        label=_("Fichier CSV des adresses ou numéros"),
        help_text=_(
            "Une colonne « adresse » ou « telephone » (ou une seule colonne), une ligne par "
            "invitation. Seule cette donnée est conservée, jusqu'à la date de suppression."
        ),
        validators=[UploadValidator(["csv", "txt"], max_size=MAX_CSV_SIZE)],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_SIZE:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo."))
        return upload.read()


class RegistrationForm(DsfrBaseForm):
    """The volunteer's answers: invitation code, one answer per category, consent."""

    code = forms.CharField(
        label=_("Code d'invitation"),
        max_length=30,
        help_text=_("Il figure sur votre invitation, par exemple « ABCD-EFGH-JKMN »."),
        error_messages={"required": _("Indiquez le code de votre invitation.")},
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, panel, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        for category in self.categories:
            self.fields[f"category_{category.pk}"] = forms.ChoiceField(
                label=category.name,
                choices=[(v, v) for v in category.values],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choisissez une réponse.")},
            )
        if panel.household_rule:
            self.fields["household"] = forms.CharField(
                label=_("Adresse de votre foyer"),
                max_length=200,
                help_text=_(
                    "Une seule personne par foyer peut être tirée au sort ; l'adresse sert "
                    "uniquement à le vérifier."
                ),
                error_messages={"required": _("Indiquez l'adresse de votre foyer.")},
            )
        self.fields["consent"] = forms.BooleanField(
            label=_(
                "J'accepte que mes réponses soient utilisées pour le tirage au sort du panel "
                "« %(name)s » et conservées jusqu'au %(date)s, date à laquelle elles sont "
                "supprimées."
            )
            % {"name": panel.name, "date": french_date(panel.retention_date, "j F Y")},
            error_messages={
                "required": _("Votre accord est nécessaire pour entrer dans le vivier.")
            },
        )

    def values(self) -> dict[str, str]:
        return {c.name: self.cleaned_data[f"category_{c.pk}"] for c in self.categories}


class SessionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Intitulé de la séance"), max_length=200)
    starts_at = DateTimeField(
        label=_("Date et heure"),
        widget=DateTimeInput(),
    )
    online = forms.BooleanField(label=_("Séance en ligne"), required=False)
    place = forms.CharField(label=_("Lieu ou lien de connexion"), max_length=300)
    agenda = forms.CharField(
        label=_("Ordre du jour"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class RecommendationForm(DsfrBaseForm):
    text = forms.CharField(
        label=_("Texte de la recommandation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class RecommendationAnswerForm(AnswerForm):
    """followup's answer form, without what a recommendation fixes (level, subject)."""

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, process=process, **kwargs)
        for name in ("level", "target", "analysis_theme", "question"):
            del self.fields[name]


class TicketCodeForm(DsfrBaseForm):
    """A volunteer's code, to find themself in a panel's published lottery."""

    code = forms.CharField(
        label=_("Votre code de tirage"),
        max_length=40,
        help_text=_(
            "Reçu de l'équipe du dispositif ou à votre inscription, par exemple « p3f09a1c27b4e »."
        ),
        error_messages={"required": _("Indiquez votre code.")},
    )

    def clean_code(self) -> str:
        token = token_for(self.cleaned_data["code"])
        if token is None:
            raise forms.ValidationError(
                _(
                    "Ce code n'est pas reconnu. Un code de tirage est la lettre « p » suivie "
                    "de 12 chiffres ou lettres de a à f."
                )
            )
        return token
