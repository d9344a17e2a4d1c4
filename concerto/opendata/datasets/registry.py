from django.conf import settings
from django.utils.translation import gettext_lazy as _

from concerto.opendata import queries
from concerto.opendata.datasets.base import CHUNK_SIZE, Dataset, Field, choices
from concerto.processes.lifecycle import PUBLIC_STATUSES
from concerto.processes.models import Opinion
from concerto.processes.models.process import TerritoryLevel


def _process_rows():
    for process in queries.public_processes().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield {
            "id": process.pk,
            "titre": process.title,
            "resume": process.summary,
            "ministere": process.ministry.name,
            "ministere_identifiant": process.ministry.slug,
            "direction": process.directorate.name if process.directorate else None,
            "statut": process.status,
            "statut_libelle": str(process.get_status_display()),
            "echelle": process.territory_level,
            "territoires": process.territories,
            "themes": ";".join(theme.slug for theme in process.themes.all()),
            "methodes": ";".join(process.methods),
            "decision_en_jeu": process.decision_at_stake,
            "qui_decide": process.decision_maker,
            "date_decision": process.decision_date,
            "debut_participation": process.participation_start,
            "fin_participation": process.participation_end,
            "date_engagement_suite": process.follow_up_date,
            "budget_euros": process.budget,
            "participants_vises": process.target_participants,
            "publie_le": process.published_at,
            "url": settings.SITE_URL + process.get_absolute_url(),
        }


PROCESSES = Dataset(
    name="dispositifs",
    title=_("Registre des dispositifs participatifs"),
    description=_(
        "Les dispositifs participatifs publiés par les ministères : cadrage, calendrier, "
        "méthodes, engagement de devoir de suite et statut."
    ),
    primary_key=("id",),
    fields=(
        Field("id", "integer", _("Identifiant du dispositif."), required=True, unique=True),
        Field("titre", "string", _("Titre du dispositif."), required=True),
        Field("resume", "string", _("Résumé pour le public.")),
        Field("ministere", "string", _("Ministère qui porte le dispositif."), required=True),
        Field("ministere_identifiant", "string", _("Identifiant du ministère."), required=True),
        Field("direction", "string", _("Direction ou service qui conduit le dispositif.")),
        Field(
            "statut",
            "string",
            _("Statut du dispositif (code)."),
            required=True,
            enum=tuple(sorted(str(s) for s in PUBLIC_STATUSES)),
        ),
        Field("statut_libelle", "string", _("Statut du dispositif (libellé)."), required=True),
        Field(
            "echelle",
            "string",
            _("Échelle territoriale."),
            required=True,
            enum=choices(TerritoryLevel),
        ),
        Field("territoires", "string", _("Territoires concernés.")),
        Field("themes", "string", _("Identifiants des thèmes, séparés par des points-virgules.")),
        Field(
            "methodes",
            "string",
            _("Méthodes de participation (codes OCDE), séparées par des points-virgules."),
        ),
        Field("decision_en_jeu", "string", _("La décision que la participation doit éclairer.")),
        Field("qui_decide", "string", _("Qui prend la décision.")),
        Field("date_decision", "date", _("Date prévue de la décision.")),
        Field("debut_participation", "date", _("Début de la participation.")),
        Field("fin_participation", "date", _("Fin de la participation.")),
        Field(
            "date_engagement_suite",
            "date",
            _(
                "Date à laquelle le ministère s'engage à rendre "
                "compte des suites (devoir de suite)."
            ),
        ),
        Field("budget_euros", "number", _("Budget en euros TTC."), minimum=0),
        Field("participants_vises", "integer", _("Nombre de participants visé."), minimum=0),
        Field("publie_le", "datetime", _("Date de publication (UTC).")),
        Field("url", "string", _("Page publique du dispositif."), required=True, format="uri"),
    ),  # fmt: skip
    rows=_process_rows,
)


def _opinion_rows():
    opinions = queries.public_opinions().order_by("pk")
    for opinion in opinions.iterator(chunk_size=CHUNK_SIZE):
        referral = opinion.referral
        yield {
            "id": opinion.pk,
            "dispositif_id": referral.process_id,
            "dispositif": referral.process.title,
            "saisine_transmise_le": referral.submitted_at,
            "avis_attendu_le": referral.due_date,
            "avis_rendu_le": opinion.issued_at,
            "sens": opinion.verdict,
            "sens_libelle": str(opinion.get_verdict_display()),
            "motivation": opinion.reasoning,
            "recommandations": opinion.recommendation_count,
        }


OPINIONS = Dataset(
    name="avis-cipc",
    title=_("Avis du CIPC sur les saisines"),
    description=_(
        "Les avis motivés du Centre interministériel de la participation citoyenne sur les "
        "dispositifs qui l'ont saisi, avec les délais de la saisine."
    ),
    primary_key=("id",),
    fields=(
        Field("id", "integer", _("Identifiant de l'avis."), required=True, unique=True),
        Field(
            "dispositif_id",
            "integer",
            _("Identifiant du dispositif (voir le jeu « dispositifs »)."),
            required=True,
        ),
        Field("dispositif", "string", _("Titre du dispositif."), required=True),
        Field(
            "saisine_transmise_le",
            "datetime",
            _("Date de transmission de la saisine (UTC)."),
            required=True,
        ),
        Field("avis_attendu_le", "date", _("Date limite de l'avis."), required=True),
        Field("avis_rendu_le", "datetime", _("Date de l'avis (UTC)."), required=True),
        Field(
            "sens",
            "string",
            _("Sens de l'avis (code)."),
            required=True,
            enum=choices(Opinion.Verdict),
        ),
        Field("sens_libelle", "string", _("Sens de l'avis (libellé)."), required=True),
        Field("motivation", "string", _("Motivation de l'avis."), required=True),
        Field(
            "recommandations", "integer", _("Nombre de recommandations."), required=True, minimum=0
        ),
    ),  # fmt: skip
    rows=_opinion_rows,
)
