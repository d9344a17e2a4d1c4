from django.utils.translation import gettext_lazy as _

from concerto.opendata import queries
from concerto.opendata.anonymise import contribution_author_id
from concerto.opendata.datasets.base import CHUNK_SIZE, Dataset, Field, choices
from concerto.participation.models import Channel, Contribution, ContributionKind

AUTHOR = Field(
    "auteur_pseudonyme", "string",
    _("Identifiant pseudonyme de l'auteur : le même pour toutes ses contributions à un même "
      "dispositif, sans lien d'un dispositif à l'autre ; les réponses aux questionnaires ont "
      "un identifiant distinct, sans lien avec celui des propositions, commentaires et "
      "arguments de la même personne ; vide pour une contribution non signée. Aucun nom "
      "n'est publié."),
)  # fmt: skip


def _contribution_rows():
    contributions = queries.public_contributions().order_by("pk")
    for contribution in contributions.iterator(chunk_size=CHUNK_SIZE):
        process_id = contribution.module.process_id
        yield {
            "id": contribution.pk,
            "dispositif_id": process_id,
            "module_id": contribution.module_id,
            "type": contribution.kind,
            "canal": contribution.channel,
            "titre": contribution.title,
            "texte": contribution.body,
            "theme": contribution.theme.slug if contribution.theme else None,
            "parent_id": contribution.parent_id,
            "position": contribution.stance,
            "fusionnee_dans": contribution.merged_into_id,
            "auteur_pseudonyme": contribution_author_id(contribution, process_id),
            "deposee_le": contribution.created_at,
        }


CONTRIBUTIONS = Dataset(
    name="contributions",
    title=_("Contributions des participants (anonymisées)"),
    description=_(
        "Toutes les contributions publiées, en ligne et hors ligne (papier, courrier, réunions), "
        "sans donnée personnelle ; les contributions masquées par la modération ou retirées "
        "par leur auteur ne sont pas publiées."
    ),
    primary_key=("id",),
    fields=(
        Field("id", "integer", _("Identifiant de la contribution."), required=True, unique=True),
        Field("dispositif_id", "integer", _("Identifiant du dispositif."), required=True),
        Field("module_id", "integer", _("Identifiant du module de participation."), required=True),
        Field(
            "type",
            "string",
            _("Type de contribution."),
            required=True,
            enum=choices(ContributionKind),
        ),
        Field(
            "canal",
            "string",
            _("Canal d'arrivée : en ligne, papier, courrier, courriel, réunion."),
            required=True,
            enum=choices(Channel),
        ),
        Field("titre", "string", _("Titre, s'il y en a un.")),
        Field("texte", "string", _("Texte de la contribution."), required=True),
        Field("theme", "string", _("Identifiant du thème.")),
        Field(
            "parent_id",
            "integer",
            _("Contribution à laquelle celle-ci répond (commentaire, argument)."),
        ),
        Field(
            "position",
            "string",
            _("Pour ou contre (arguments)."),
            enum=tuple(v for v in choices(Contribution.Stance) if v),
        ),
        Field(
            "fusionnee_dans", "integer", _("Proposition dans laquelle celle-ci a été fusionnée.")
        ),
        AUTHOR,
        Field(
            "deposee_le",
            "datetime",
            _("Date de dépôt (UTC) ; pour une contribution hors ligne, date de réception."),
            required=True,
        ),
    ),  # fmt: skip
    rows=_contribution_rows,
)


def _proposal_rows():
    proposals = queries.public_proposals().order_by("pk")
    for proposal in proposals.iterator(chunk_size=CHUNK_SIZE):
        process_id = proposal.module.process_id
        yield {
            "id": proposal.pk,
            "dispositif_id": process_id,
            "module_id": proposal.module_id,
            "titre": proposal.title,
            "texte": proposal.body,
            "theme": proposal.theme.slug if proposal.theme else None,
            "canal": proposal.channel,
            "soutiens": proposal.support_count,
            "fusionnee_dans": proposal.merged_into_id,
            "auteur_pseudonyme": contribution_author_id(proposal, process_id),
            "deposee_le": proposal.created_at,
        }


PROPOSALS = Dataset(
    name="propositions",
    title=_("Propositions et leurs soutiens"),
    description=_("Les propositions publiées et le nombre de personnes qui les soutiennent."),
    primary_key=("id",),
    fields=(
        Field("id", "integer", _("Identifiant de la proposition."), required=True, unique=True),
        Field("dispositif_id", "integer", _("Identifiant du dispositif."), required=True),
        Field("module_id", "integer", _("Identifiant du module de propositions."), required=True),
        Field("titre", "string", _("Titre de la proposition.")),
        Field("texte", "string", _("Texte de la proposition."), required=True),
        Field("theme", "string", _("Identifiant du thème.")),
        Field("canal", "string", _("Canal d'arrivée."), required=True, enum=choices(Channel)),
        Field(
            "soutiens",
            "integer",
            _("Nombre de soutiens (une personne compte une fois)."),
            required=True,
            minimum=0,
        ),
        Field(
            "fusionnee_dans", "integer", _("Proposition dans laquelle celle-ci a été fusionnée.")
        ),
        AUTHOR,
        Field("deposee_le", "datetime", _("Date de dépôt (UTC)."), required=True),
    ),  # fmt: skip
    rows=_proposal_rows,
)
