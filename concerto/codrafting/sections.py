"""Which article each contribution of a text module is about, for the analysis: a text is
analysed article by article, as a questionnaire is question by question (issue 26,
"synthesis per article").

A rewording is about its paragraph's article, a new article about the article it follows;
arguments and comments are about their suggestion's article. Suggestions made on an
earlier version count with the same article of the current version (its lineage)."""

from typing import NamedTuple

from django.db.models import Q
from django.utils.translation import gettext as _

from concerto.codrafting.models import Suggestion, TextUnit, UnitKind
from concerto.codrafting.queries import current_version, lineage
from concerto.participation.models import Contribution


def article_title(article: TextUnit) -> str:
    """ "Article 3 — Titre", or whichever of the two the article has."""
    if article.label and article.heading:
        return _("%(label)s — %(heading)s") % {"label": article.label, "heading": article.heading}
    return article.label or article.heading


class ArticleOf(NamedTuple):
    """The article a contribution is about. A suggestion's title is written by the
    platform ("Article 3, alinéa 2 : nouvelle rédaction"), so its words are not the
    citizen's: the analysis reads its proposed text and its explanation instead."""

    article: int
    title: str
    position: int
    is_suggestion: bool = False
    explanation: str = ""


def contribution_articles(module) -> dict[int, ArticleOf]:
    """The article of each of the module's suggestions and of the contributions that
    answer them (two levels: an argument or a comment, and a reply to it), by
    contribution id. The article is that of the current version where it still exists."""
    version = current_version(module)
    current = list(version.units.filter(kind=UnitKind.ARTICLE)) if version else []
    chains = lineage(current)
    owner = {pk: article for article in current for pk in chains[article.pk]}
    suggestions = Suggestion.objects.filter(contribution__module=module)
    rows = suggestions.values_list(
        "contribution_id", "unit__kind", "unit_id", "unit__parent_id", "explanation"
    )
    by_suggestion, explanations = {}, {}
    for pk, kind, unit, parent, explanation in rows:
        by_suggestion[pk] = unit if kind == UnitKind.ARTICLE else parent
        explanations[pk] = explanation
    # An article the current version no longer has keeps its own title and place.
    missing = set(by_suggestion.values()) - set(owner) - {None}
    owner |= {unit.pk: unit for unit in TextUnit.objects.filter(pk__in=missing)}
    titles = {pk: article_title(unit) for pk, unit in owner.items()}
    out = {
        pk: ArticleOf(owner[unit].pk, titles[unit], owner[unit].position, True, explanations[pk])
        for pk, unit in by_suggestion.items()
        if unit in owner
    }
    ids = suggestions.values("contribution_id")
    answers = Contribution.objects.filter(module=module).filter(
        Q(parent__in=ids) | Q(parent__parent__in=ids)
    )
    for pk, parent, grandparent in answers.values_list("pk", "parent_id", "parent__parent_id"):
        article = out.get(parent) or out.get(grandparent)
        if article:
            out[pk] = article._replace(is_suggestion=False, explanation="")
    return out
