from django.utils.translation import gettext_lazy as _

from concerto.opendata import queries
from concerto.opendata.datasets.base import Dataset, Field
from concerto.representativeness.computed import figures
from concerto.representativeness.published import report_rows


def _rows():
    """The rows of every published representativeness page, as its CSV download has them."""
    for process in queries.published_representativeness():
        published_at = process.profile_settings.published_at
        for row in report_rows(figures(process).report):
            yield {
                "dispositif_id": process.pk,
                "dispositif": process.slug,
                **row,
                "publie_le": published_at,
            }


REPRESENTATIVENESS = Dataset(
    name="representativite",
    title=_("Représentativité des participants"),
    description=_(
        "Pour chaque dispositif dont la page « Qui a participé ? » est publiée, et chaque "
        "question de profil : l'effectif et la part de chaque catégorie parmi les répondants, "
        "sa part dans la population de référence, l'écart et l'indice de représentativité "
        "R = 1 − ½ Σ |pᵢ − qᵢ|. Tout effectif inférieur à 10, et tout effectif qui permettrait "
        "de le retrouver par différence, est masqué (vide). Aucune donnée individuelle."
    ),
    primary_key=("dispositif_id", "question", "categorie"),
    fields=(
        Field("dispositif_id", "integer", _("Identifiant du dispositif."), required=True),
        Field("dispositif", "string", _("Identifiant court (slug) du dispositif."), required=True),
        Field("question", "string", _("Code de la question de profil."), required=True),
        Field("libelle_question", "string", _("Intitulé de la question de profil."), required=True),
        Field("categorie", "string", _("Code de la catégorie."), required=True),
        Field("libelle_categorie", "string", _("Intitulé de la catégorie."), required=True),
        Field("repondants", "integer", _("Répondants à la question (vide : masqué)."), minimum=0),
        Field("effectif", "integer", _("Répondants de la catégorie (vide : masqué)."), minimum=0),
        Field(
            "part_pct",
            "number",
            _("Part de la catégorie parmi les répondants, en %."),
            minimum=0,
            maximum=100,
        ),
        Field(
            "part_reference_pct",
            "number",
            _("Part de la catégorie dans la population de référence, en % (vide : non comparée)."),
            minimum=0,
            maximum=100,
        ),
        Field("ecart_points", "number", _("Écart entre les deux parts, en points.")),
        Field(
            "sous_represente",
            "string",
            _("La part est sous le seuil d'alerte choisi par l'organisateur (oui ou non)."),
            enum=("oui", "non"),
        ),
        Field(
            "indice_question",
            "number",
            _("Indice de représentativité de la question (0 à 1)."),
            minimum=0,
            maximum=1,
        ),
        Field("source", "string", _("Source de la population de référence."), required=True),
        Field("annee_source", "integer", _("Année de la source.")),
        Field("publie_le", "datetime", _("Date de publication de la page (UTC)."), required=True),
    ),  # fmt: skip
    rows=_rows,
)
