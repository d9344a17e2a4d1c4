from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.followup.models import AnswerLevel
from concerto.followup.queries import ministry_figures
from concerto.opendata import queries
from concerto.opendata.datasets.base import CHUNK_SIZE, Dataset, Field, choices


def _answer_rows():
    for answer in queries.public_answers().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        yield {
            "id": answer.pk,
            "dispositif_id": answer.process_id,
            "niveau": answer.level,
            "objet": answer.target,
            "theme": answer.theme.slug if answer.theme else None,
            "statut": answer.status.code,
            "statut_libelle": answer.status.label,
            "reponse": answer.text,
            "motif": answer.reason,
            "nouvelle_date": answer.new_date,
            "document_decision": answer.decision_url or None,
            "reference_jorf": answer.legal_reference,
            "ligne_budgetaire": answer.budget_line,
            "contributions": ";".join(
                str(pk) for pk in sorted(c.pk for c in answer.public_contributions)
            ),
            "avancement": answer.progress(list(answer.milestones.all())),
            "publiee_le": answer.published_at,
            "modifiee_le": answer.updated_at,
        }


ANSWERS = Dataset(
    name="reponses",
    title=_("Réponses du devoir de suite"),
    description=_(
        "Les réponses publiées par les commanditaires aux contributions, avec leur statut "
        "(retenue, non retenue, à l'étude…), leur motif, leurs dates et l'avancement de leur "
        "mise en œuvre."
    ),
    primary_key=("id",),
    fields=(
        Field("id", "integer", _("Identifiant de la réponse."), required=True, unique=True),
        Field("dispositif_id", "integer", _("Identifiant du dispositif."), required=True),
        Field(
            "niveau",
            "string",
            _("Ce à quoi la réponse répond."),
            required=True,
            enum=choices(AnswerLevel),
        ),
        Field("objet", "string", _("Objet de la réponse."), required=True),
        Field("theme", "string", _("Identifiant du thème, pour une réponse par thème.")),
        Field("statut", "string", _("Statut de la réponse (code)."), required=True),
        Field("statut_libelle", "string", _("Statut de la réponse (libellé)."), required=True),
        Field("reponse", "string", _("Texte de la réponse."), required=True),
        Field("motif", "string", _("Motif (obligatoire quand la proposition n'est pas retenue).")),
        Field("nouvelle_date", "date", _("Nouvelle date de réponse, pour une réponse reportée.")),
        Field("document_decision", "string", _("Document de décision."), format="uri"),
        Field("reference_jorf", "string", _("Référence au Journal officiel.")),
        Field("ligne_budgetaire", "string", _("Ligne budgétaire.")),
        Field(
            "contributions",
            "string",
            _("Identifiants des contributions couvertes, séparés par des points-virgules."),
        ),
        Field(
            "avancement",
            "integer",
            _(
                "Avancement de la mise en œuvre, en pourcentage, calculé à partir des jalons ; "
                "vide pour une réponse qui ne retient rien ou sans jalon."
            ),
            minimum=0,
            maximum=100,
        ),
        Field("publiee_le", "datetime", _("Date de publication (UTC)."), required=True),
        Field("modifiee_le", "datetime", _("Date de dernière modification (UTC)."), required=True),
    ),  # fmt: skip
    rows=_answer_rows,
)


def _figure_rows():
    today = timezone.localdate()
    for row in ministry_figures(today):
        yield {
            "ministere": row.ministry.name,
            "ministere_identifiant": row.ministry.slug,
            "dispositifs_clos": row.closed,
            "suites_dues": row.due,
            "rendues_a_temps": row.on_time,
            "rendues_en_retard": row.late,
            "non_rendues": row.not_delivered,
            "contributions": row.contributions,
            "contributions_couvertes": row.covered,
            "taux_de_suite": row.follow_up_rate,
            "calcule_le": today,
        }


FIGURES = Dataset(
    name="chiffres-suivi",
    title=_("Chiffres du devoir de suite par ministère"),
    description=_(
        "Pour chaque ministère : dispositifs clos, engagements de suite échus, rendus à temps, "
        "en retard ou pas encore, et part des contributions couvertes par une réponse publiée."
    ),
    primary_key=("ministere_identifiant",),
    fields=(
        Field("ministere", "string", _("Ministère."), required=True),
        Field(
            "ministere_identifiant",
            "string",
            _("Identifiant du ministère."),
            required=True,
            unique=True,
        ),
        Field(
            "dispositifs_clos",
            "integer",
            _("Dispositifs dont la participation est close."),
            required=True,
            minimum=0,
        ),
        Field(
            "suites_dues",
            "integer",
            _("Engagements de suite dont la date est passée ou déjà tenus."),
            required=True,
            minimum=0,
        ),
        Field(
            "rendues_a_temps",
            "integer",
            _("Engagements tenus à la date promise."),
            required=True,
            minimum=0,
        ),
        Field(
            "rendues_en_retard",
            "integer",
            _("Engagements tenus après la date promise."),
            required=True,
            minimum=0,
        ),
        Field(
            "non_rendues",
            "integer",
            _("Engagements échus sans réponse publiée."),
            required=True,
            minimum=0,
        ),
        Field("contributions", "integer", _("Contributions publiées."), required=True, minimum=0),
        Field(
            "contributions_couvertes",
            "integer",
            _("Contributions couvertes par une réponse publiée."),
            required=True,
            minimum=0,
        ),
        Field(
            "taux_de_suite",
            "number",
            _("Part des contributions couvertes, en pourcentage ; vide sans contribution."),
            minimum=0,
            maximum=100,
        ),
        Field("calcule_le", "date", _("Date du calcul."), required=True),
    ),  # fmt: skip
    rows=_figure_rows,
)
