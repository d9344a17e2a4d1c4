from django.utils.translation import gettext_lazy as _

from concerto.opendata import queries
from concerto.opendata.datasets.base import Dataset, Field


def _panel_rows():
    """One row per quota of each published panel: only the aggregates the panel page shows."""
    for panel in queries.published_panels().order_by("pk"):
        for quota in panel.quotas.all():
            yield {
                "panel_id": panel.pk,
                "dispositif_id": panel.process_id,
                "panel": panel.name,
                "membres": panel.size,
                "taille_vivier": panel.pool_size,
                "categorie": quota.category,
                "valeur": quota.value,
                "quota_min": quota.min,
                "quota_max": quota.max,
                "part_population": quota.population_share,
                "vivier": panel.pool_counts.get(quota.category, {}).get(quota.value, 0),
                "tires": panel.selected_counts.get(quota.category, {}).get(quota.value, 0),
                "probabilite_min": panel.min_probability,
                "graine": panel.seed,
                "empreinte_loterie": panel.lottery_digest,
                "publie_le": panel.published_at,
            }


PANELS = Dataset(
    name="panels",
    title=_("Statistiques publiées des panels tirés au sort"),
    description=_(
        "Pour chaque panel citoyen publié et chaque critère de quota : les bornes du quota, "
        "la part dans la population, le nombre de personnes du vivier et de personnes tirées "
        "au sort. Aucune donnée individuelle."
    ),
    primary_key=("panel_id", "categorie", "valeur"),
    fields=(
        Field("panel_id", "integer", _("Identifiant du panel."), required=True),
        Field("dispositif_id", "integer", _("Identifiant du dispositif."), required=True),
        Field("panel", "string", _("Nom du panel."), required=True),
        Field("membres", "integer", _("Nombre de membres du panel."), required=True, minimum=0),
        Field(
            "taille_vivier",
            "integer",
            _("Nombre de personnes du vivier."),
            required=True,
            minimum=0,
        ),
        Field(
            "categorie",
            "string",
            _("Critère de quota (par exemple : tranche d'âge)."),
            required=True,
        ),
        Field("valeur", "string", _("Valeur du critère."), required=True),
        Field(
            "quota_min",
            "integer",
            _("Minimum de membres pour cette valeur."),
            required=True,
            minimum=0,
        ),
        Field(
            "quota_max",
            "integer",
            _("Maximum de membres pour cette valeur."),
            required=True,
            minimum=0,
        ),
        Field(
            "part_population",
            "number",
            _("Part de la valeur dans la population, en pourcentage."),
            minimum=0,
            maximum=100,
        ),
        Field(
            "vivier",
            "integer",
            _("Personnes du vivier ayant cette valeur."),
            required=True,
            minimum=0,
        ),
        Field(
            "tires",
            "integer",
            _("Membres tirés au sort ayant cette valeur."),
            required=True,
            minimum=0,
        ),
        Field(
            "probabilite_min",
            "number",
            _("Plus petite probabilité de sélection du vivier."),
            minimum=0,
            maximum=1,
        ),
        Field("graine", "string", _("Graine publiée du tirage.")),
        Field("empreinte_loterie", "string", _("Empreinte SHA-256 de la loterie publiée.")),
        Field("publie_le", "datetime", _("Date de publication du panel (UTC).")),
    ),  # fmt: skip
    rows=_panel_rows,
)
