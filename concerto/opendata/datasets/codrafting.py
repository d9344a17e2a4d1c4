"""The co-drafting module's open data: the suggestions made on texts, and the units of
every published version of those texts. No author is named: an author's pseudonymous id
is already in the "contributions" dataset, joined on the suggestion's id."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from concerto.codrafting.models import SuggestionAction, TextUnit, UnitKind
from concerto.followup.models import Answer
from concerto.opendata import queries
from concerto.opendata.datasets.base import CHUNK_SIZE, Dataset, Field, choices
from concerto.participation.models import Contribution, ContributionKind


def _argument_count(stance: str):
    arguments = (
        Contribution.objects.published()
        .filter(parent=OuterRef("pk"), kind=ContributionKind.ARGUMENT, stance=stance)
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(arguments, output_field=IntegerField()), 0)


def public_suggestions():
    """Published suggestions of public co-drafting modules, with their counts and their
    published answers, newest answer first."""
    answers = Answer.objects.published().select_related("status").order_by("-published_at", "-pk")
    return (
        queries.public_contributions()
        .filter(kind=ContributionKind.PROPOSAL, text_suggestion__isnull=False)
        .select_related(
            "text_suggestion__unit__version", "text_suggestion__unit__parent", "imported_record"
        )
        .annotate(
            support_count=Count("supports", distinct=True),
            arguments_for=_argument_count(Contribution.Stance.FOR),
            arguments_against=_argument_count(Contribution.Stance.AGAINST),
        )
        .prefetch_related(Prefetch("followup_answers", queryset=answers, to_attr="answers"))
    )


def _article(unit: TextUnit) -> str:
    """The article a suggestion is about: its unit, or the paragraph's article."""
    if unit.kind == UnitKind.PARAGRAPH and unit.parent is not None:
        return unit.parent.label or unit.parent.heading
    return unit.label or unit.heading


def _suggestion_rows():
    for contribution in public_suggestions().order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        suggestion = contribution.text_suggestion
        unit = suggestion.unit
        imported = getattr(contribution, "imported_record", None)
        answer = contribution.answers[0] if contribution.answers else None
        yield {
            "id": contribution.pk,
            "dispositif_id": contribution.module.process_id,
            "module_id": contribution.module_id,
            "version": unit.version.number,
            "article": _article(unit),
            "repere": unit.key,
            "passage_id": unit.pk,
            "action": suggestion.action,
            "titre_propose": suggestion.heading,
            "texte_propose": contribution.body,
            "texte_origine": suggestion.base_text,
            "soutiens": contribution.support_count,
            "arguments_pour": contribution.arguments_for,
            "arguments_contre": contribution.arguments_against,
            "votes_ancienne_plateforme_pour": imported.votes_for if imported else None,
            "votes_ancienne_plateforme_contre": imported.votes_against if imported else None,
            "votes_ancienne_plateforme_mitiges": imported.votes_mixed if imported else None,
            "fusionnee_dans": contribution.merged_into_id,
            "deposee_le": contribution.created_at,
            "reponse_statut": answer.status.code if answer else None,
            "reponse_le": answer.published_at if answer else None,
        }


SUGGESTIONS = Dataset(
    name="suggestions-texte",
    title=_("Suggestions sur les textes co-construits"),
    description=_(
        "Les suggestions publiées sur les textes soumis à la co-construction (nouvelle "
        "rédaction d'un alinéa, nouvel article), avec le passage visé, leurs soutiens, leurs "
        "arguments et la réponse publiée ; sans donnée personnelle. Les suggestions importées "
        "d'une autre plateforme gardent ses votes, sans les votants."
    ),
    primary_key=("id",),
    fields=(
        Field(
            "id",
            "integer",
            _("Identifiant de la suggestion (le même que dans le jeu « contributions »)."),
            required=True,
            unique=True,
        ),
        Field("dispositif_id", "integer", _("Identifiant du dispositif."), required=True),
        Field(
            "module_id", "integer", _("Identifiant du module de co-construction."), required=True
        ),
        Field(
            "version",
            "integer",
            _("Version du texte sur laquelle porte la suggestion."),
            required=True,
            minimum=1,
        ),
        Field("article", "string", _("Article visé (ou après lequel insérer le nouvel article).")),
        Field(
            "repere",
            "string",
            _(
                "Repère du passage dans la version (chapitre, section, article, alinéa : "
                "« c2.a3.p1 »), voir le jeu « texte-passages »)."
            ),
        ),
        Field(
            "passage_id",
            "integer",
            _("Identifiant du passage visé (voir le jeu « texte-passages »)."),
            required=True,
        ),
        Field(
            "action",
            "string",
            _("Nouvelle rédaction d'un alinéa (reword) ou nouvel article (new_article)."),
            required=True,
            enum=choices(SuggestionAction),
        ),
        Field("titre_propose", "string", _("Titre proposé pour un nouvel article.")),
        Field("texte_propose", "string", _("Texte proposé."), required=True),
        Field(
            "texte_origine", "string", _("L'alinéa tel que l'auteur l'a lu (nouvelle rédaction).")
        ),
        Field(
            "soutiens",
            "integer",
            _("Nombre de soutiens (une personne compte une fois)."),
            required=True,
            minimum=0,
        ),
        Field(
            "arguments_pour",
            "integer",
            _("Nombre d'arguments pour publiés."),
            required=True,
            minimum=0,
        ),
        Field(
            "arguments_contre",
            "integer",
            _("Nombre d'arguments contre publiés."),
            required=True,
            minimum=0,
        ),
        Field(
            "votes_ancienne_plateforme_pour",
            "integer",
            _("Suggestion importée : votes « d'accord » sur la plateforme d'origine."),
            minimum=0,
        ),
        Field(
            "votes_ancienne_plateforme_contre",
            "integer",
            _("Suggestion importée : votes « pas d'accord » sur la plateforme d'origine."),
            minimum=0,
        ),
        Field(
            "votes_ancienne_plateforme_mitiges",
            "integer",
            _("Suggestion importée : votes « mitigé » sur la plateforme d'origine."),
            minimum=0,
        ),
        Field("fusionnee_dans", "integer", _("Suggestion dans laquelle celle-ci a été fusionnée.")),
        Field(
            "deposee_le",
            "datetime",
            _("Date de dépôt (UTC), sur la plateforme d'origine pour une suggestion importée."),
            required=True,
        ),
        Field(
            "reponse_statut",
            "string",
            _(
                "Statut de la réponse publiée (code du devoir de suite : retained, "
                "partly-retained, not-retained…) ; vide sans réponse publiée."
            ),
        ),
        Field("reponse_le", "datetime", _("Date de publication de la réponse (UTC).")),
    ),  # fmt: skip
    rows=_suggestion_rows,
)


def public_units():
    """The units of the published versions of public co-drafting modules."""
    return TextUnit.objects.filter(
        version__published_at__isnull=False, version__module__in=queries.public_modules()
    ).select_related("version", "version__module")


def _unit_rows():
    units = public_units().order_by("version__module_id", "version__number", "position", "pk")
    for unit in units.iterator(chunk_size=CHUNK_SIZE):
        version = unit.version
        yield {
            "id": unit.pk,
            "dispositif_id": version.module.process_id,
            "module_id": version.module_id,
            "version": version.number,
            "version_publiee_le": version.published_at,
            "rang": unit.position,
            "repere": unit.key,
            "type": unit.kind,
            "parent_id": unit.parent_id,
            "intitule": unit.label,
            "titre": unit.heading,
            "texte": unit.text,
            "ouvert": unit.open,
            "origine_id": unit.origin_id,
        }


UNITS = Dataset(
    name="texte-passages",
    title=_("Versions des textes co-construits, passage par passage"),
    description=_(
        "Chaque version publiée des textes soumis à la co-construction, découpée en titres, "
        "chapitres, sections, articles et alinéas, dans l'ordre de lecture ; chaque passage "
        "renvoie au passage de la version précédente dont il provient."
    ),
    primary_key=("id",),
    fields=(
        Field("id", "integer", _("Identifiant du passage."), required=True, unique=True),
        Field("dispositif_id", "integer", _("Identifiant du dispositif."), required=True),
        Field(
            "module_id", "integer", _("Identifiant du module de co-construction."), required=True
        ),
        Field("version", "integer", _("Numéro de la version."), required=True, minimum=1),
        Field(
            "version_publiee_le",
            "datetime",
            _("Date de publication de la version (UTC)."),
            required=True,
        ),
        Field(
            "rang",
            "integer",
            _("Rang dans l'ordre de lecture de la version (croissant, avec des écarts)."),
            required=True,
            minimum=0,
        ),
        Field(
            "repere",
            "string",
            _(
                "Repère du passage dans la version (« c2.a3.p1 » : chapitre 2, article 3, "
                "alinéa 1)."
            ),
        ),
        Field(
            "type",
            "string",
            _("Titre, chapitre, section, article ou alinéa."),
            required=True,
            enum=choices(UnitKind),
        ),
        Field("parent_id", "integer", _("Passage qui le contient.")),
        Field("intitule", "string", _("Intitulé (« Article 3 », « Chapitre II »).")),
        Field("titre", "string", _("Titre du chapitre, de la section ou de l'article.")),
        Field("texte", "string", _("Texte de l'alinéa.")),
        Field("ouvert", "boolean", _("Ouvert aux suggestions."), required=True),
        Field(
            "origine_id",
            "integer",
            _("Le même passage dans la version précédente ; vide pour un passage ajouté."),
        ),
    ),  # fmt: skip
    rows=_unit_rows,
)
