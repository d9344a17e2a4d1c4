"""The government's draft inside the République numérique dump, as a Document.

The dump does not say which opinions are the government's articles. They are those
published before the consultation opened: in creation order, the leading run of
opinions titled like an article ("Article 1 - Open data par défaut…"). In the 2015
sample that is opinions 61 to 90, Articles 1 to 30; every later opinion is a citizen's
proposal, to import as a suggestion of a new article in its section.

The document is chapter > section > article > one paragraph (the dump flattened the
articles' alinéas into one text). Chapters are inferred (see `republique_numerique`)
and have no label or heading in the dump; the organiser names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from concerto.engines.codrafting.numbering import recognise_heading
from concerto.engines.codrafting.republique_numerique_model import Consultation, Opinion
from concerto.engines.codrafting.structure import Document, Unit


@dataclass(frozen=True)
class DraftImport:
    """The draft and where each opinion goes.

    document: chapters, sections and the government's articles.
    article_opinions: article key -> id of the opinion that is that article.
    proposals: section key -> ids of the citizens' proposals in that section, by id.
    """

    document: Document
    article_opinions: dict[str, int]
    proposals: dict[str, tuple[int, ...]]


def draft_opinions(consultation: Consultation) -> list[Opinion]:
    """The government's articles: the leading run, by creation, of article-titled opinions."""
    draft = []
    for opinion in sorted(consultation.opinions, key=lambda o: (o.created_at, o.id)):
        if not opinion.article_label:
            break
        draft.append(opinion)
    return draft


def _article(opinion: Opinion) -> Unit:
    heading = recognise_heading(opinion.title)
    paragraph = Unit("paragraph", text=opinion.body)
    return Unit(
        "article",
        opinion.article_label,
        opinion.article_number,
        heading.heading if heading else "",
        children=(paragraph,),
    )


def draft_document(consultation: Consultation) -> DraftImport:
    draft_ids = {opinion.id for opinion in draft_opinions(consultation)}
    chapters: dict[int, list[Unit]] = {}
    placed: list[tuple[list[int], list[int]]] = []
    for section in consultation.sections:
        articles = [o for o in section.opinions if o.id in draft_ids]
        articles.sort(key=lambda o: (o.created_at, o.id))
        unit = Unit(
            "section",
            section.label,
            str(section.number),
            section.subtitle,
            children=tuple(_article(o) for o in articles),
        )
        chapters.setdefault(section.chapter, []).append(unit)
        proposals = [o.id for o in section.opinions if o.id not in draft_ids]
        placed.append(([o.id for o in articles], proposals))
    document = Document.of(
        [Unit("chapter", number=str(n), children=tuple(units)) for n, units in chapters.items()]
    )
    sections = [unit for unit in document.flatten() if unit.kind == "section"]
    article_opinions: dict[str, int] = {}
    proposals: dict[str, tuple[int, ...]] = {}
    for unit, (article_ids, proposal_ids) in zip(sections, placed, strict=True):
        article_opinions.update(zip((a.key for a in unit.children), article_ids, strict=True))
        proposals[unit.key] = tuple(proposal_ids)
    return DraftImport(document, article_opinions, proposals)
