from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.opendata.imports.common import MAX_FILE_SIZE
from concerto.opendata.models import ImportRun
from concerto.uploads.fields import UploadField

ENCODINGS = [
    ("ISO-8859-1", _("ISO-8859-1 (Latin-1, exports de Cap Collectif et du Grand Débat)")),
    ("cp1252", _("Windows-1252")),
    ("utf-8", _("UTF-8")),
]


class PlatformImportForm(DsfrBaseForm):
    source = forms.ChoiceField(
        label=_("Plateforme d'origine"), choices=ImportRun.Source.choices, widget=forms.RadioSelect
    )
    file = UploadField(
        extensions=["zip", "csv"],
        max_size=MAX_FILE_SIZE,
        label=_("Fichier exporté"),
        help_text=_(
            "Decidim : l'archive ZIP des données ouvertes. Cap Collectif : le fichier CSV "
            "du questionnaire. 20 Mo au plus."
        ),  # fmt: skip
    )
    encoding = forms.ChoiceField(
        label=_("Encodage du CSV Cap Collectif"),
        choices=ENCODINGS,
        initial="ISO-8859-1",
        help_text=_("Un fichier en UTF-8 est reconnu quel que soit ce choix."),
    )
