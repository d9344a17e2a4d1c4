"""Import a Decidim participatory text (its proposals JSON export) into a co-drafting module.

The engine (`concerto.engines.codrafting.decidim`) reads the export; here:

- The text's parts become version 1 of the module's text, published: sections are
  chapters, sub-sections sections, articles articles with their paragraphs. Each part
  keeps its Decidim id, supports and publication date on an ImportedRecord.
- Each amendment becomes a suggestion rewording one paragraph of its article: a
  contribution of kind PROPOSAL, channel ONLINE (submitted online, on another
  platform; `entered_by` is the organiser who imported it), dated when it was
  published there, withdrawn if its author withdrew it there. Its supports are kept
  as counts on its ImportedRecord, never turned into supports (their voters are not
  in the export). Decidim's own answer to it (accepted, rejected) is not imported:
  the organiser answers here, through the devoir de suite.
- With the comments export, each comment for or against an article or an amendment
  becomes an ARGUMENT contribution: an amendment's is its reply, an article's has no
  parent and is tied to the article by its ImportedRecord (as République numérique's
  arguments on the draft). Neutral comments, replies and comments on sections are
  counted in `left_out`, not imported.
- All or nothing: a file the engine refuses, or an amendment the model refuses,
  imports nothing. Importing the same file again adds nothing (each item's
  idempotency key is a keyed hash of the source, the module and its Decidim id).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from concerto.codrafting.documents import reading_order
from concerto.codrafting.imports import ImportRefused, ImportResult, imported_version
from concerto.codrafting.kind import TEXT
from concerto.codrafting.legacy import ImportedRecord
from concerto.codrafting.models import Suggestion, SuggestionAction, TextUnit, TextVersion
from concerto.engines.codrafting import load_decidim_comments, load_decidim_text
from concerto.participation.actions.common import require
from concerto.participation.bulk import Pending, check_contribution, store_contributions
from concerto.participation.idempotency import external_key
from concerto.participation.models import Channel, Contribution, ContributionKind

SOURCE = "decidim"
OPINION = ImportedRecord.SourceKind.OPINION
ARGUMENT = ImportedRecord.SourceKind.ARGUMENT


class CommentsRefused(ImportRefused):
    """The comments export could not be read: `problems` are the engine's."""


def _key(module, kind: str, source_id: int):
    return external_key(SOURCE, module.pk, kind, source_id)


def _rows(version: TextVersion, text) -> dict[str, TextUnit]:
    """The version's rows by the engine's keys; refused if the export is another text."""
    rows = reading_order(version)
    units = list(text.document.flatten())
    if [(r.kind, r.label, r.text) for r in rows] != [
        (u.kind, u.label[:100], u.text) for u in units
    ]:
        raise ValidationError(
            _("La version 1 de ce module n'est pas le texte de cet export : importez-le "
              "dans un module vide.")
        )  # fmt: skip
    return {unit.key: row for unit, row in zip(units, rows, strict=True)}


def _title(article: TextUnit, paragraph: TextUnit, rows: dict[str, TextUnit]) -> str:
    """As a suggestion made here is titled: "Article 3, alinéa 2 : nouvelle rédaction"."""
    paragraphs = [row for row in rows.values() if row.parent_id == article.pk]
    place = _("%(article)s, alinéa %(rank)s") % {
        "article": article.label or article.heading,
        "rank": paragraphs.index(paragraph) + 1,
    }
    return _("%(place)s : nouvelle rédaction") % {"place": place}


def _pending(module, actor, text, arguments, rows) -> list[Pending]:
    """Every amendment, then every argument, as a contribution to store; refused all
    together if the model refuses one."""
    pending, refused = [], []
    amended = {a.proposal.id for a in text.amendments}
    for amendment in text.amendments:
        proposal = amendment.proposal
        contribution = Contribution(
            module=module, kind=ContributionKind.PROPOSAL, channel=Channel.ONLINE,
            entered_by=actor, body=amendment.text,
            title=Truncator(
                _title(rows[amendment.article_key], rows[amendment.paragraph_key], rows)
            ).chars(200),
            status=Contribution.Status.WITHDRAWN if proposal.withdrawn
            else Contribution.Status.PUBLISHED,
            idempotency_key=_key(module, OPINION, proposal.id),
        )  # fmt: skip
        problems = check_contribution(contribution)
        if problems:
            refused.append(
                _("Amendement %(id)s : %(problems)s")
                % {"id": proposal.id, "problems": " ".join(problems)}
            )
        pending.append(Pending(contribution, proposal.submitted_at))
    for argument in arguments:
        contribution = Contribution(
            module=module, kind=ContributionKind.ARGUMENT, channel=Channel.ONLINE,
            entered_by=actor, body=argument.body, stance=argument.stance,
            idempotency_key=_key(module, ARGUMENT, argument.id),
        )  # fmt: skip
        problems = check_contribution(contribution)
        if problems:
            refused.append(
                _("Commentaire %(id)s : %(problems)s")
                % {"id": argument.id, "problems": " ".join(problems)}
            )
        parent = argument.proposal_id in amended
        parent_key = _key(module, OPINION, argument.proposal_id) if parent else None
        pending.append(Pending(contribution, argument.submitted_at, parent_key))
    if refused:
        raise ValidationError(refused)
    return pending


def _record(module, item, *, kind=OPINION, unit, contribution_pk=None) -> ImportedRecord:
    supports = getattr(item, "supports", 0)
    return ImportedRecord(
        module=module, source=SOURCE, source_kind=kind, source_id=item.id, unit=unit,
        contribution_id=contribution_pk, submitted_at=item.submitted_at or timezone.now(),
        votes_for=supports, votes_total=supports, trashed=False,
    )  # fmt: skip


@transaction.atomic
def import_decidim_text(
    module, *, actor, data: str | bytes, comments: str | bytes | None = None, name: str = ""
) -> ImportResult:
    """Import the proposals export `data`, and the comments export `comments` if given,
    into a co-drafting module `actor` manages (see the module docstring); a second run of
    the same exports adds nothing."""
    require(module, actor, "manage", kind=TEXT)
    text = load_decidim_text(data, name or module.title)
    if not text.ok:
        raise ImportRefused(text.problems)
    read = load_decidim_comments(comments, text) if comments is not None else None
    if read is not None and read.problems:
        raise CommentsRefused(read.problems)
    arguments = read.arguments if read else ()
    result = ImportResult(left_out=dict(read.left_out) if read else {})
    version = imported_version(
        module, actor, text.document, name=name or module.title, source=SOURCE, result=result
    )
    rows = _rows(version, text)
    result.articles = sum(1 for row in rows.values() if row.kind == "article")

    stored = store_contributions(module, _pending(module, actor, text, arguments, rows))
    result.contributions_existing = stored.existing
    result.suggestions_created = stored.by_kind[ContributionKind.PROPOSAL]
    result.arguments_created = stored.by_kind[ContributionKind.ARGUMENT]

    pks = {a.proposal.id: stored.pks[_key(module, OPINION, a.proposal.id)] for a in text.amendments}
    have = set(
        Suggestion.objects.filter(contribution_id__in=pks.values()).values_list(
            "contribution_id", flat=True
        )
    )
    suggestions = []
    for amendment in text.amendments:
        if pks[amendment.proposal.id] in have:
            continue
        suggestions.append(
            Suggestion(
                contribution_id=pks[amendment.proposal.id],
                unit=rows[amendment.paragraph_key],
                action=SuggestionAction.REWORD,
                base_text=amendment.base_text,
            )
        )
        result.by_action[SuggestionAction.REWORD] += 1
    Suggestion.objects.bulk_create(suggestions)

    recorded = set(
        ImportedRecord.objects.filter(module=module, source=SOURCE).values_list(
            "source_kind", "source_id"
        )
    )
    records = [
        _record(module, part, unit=rows[key])
        for key, part in text.parts.items()
        if (OPINION, part.id) not in recorded
    ]
    records += [
        _record(module, a.proposal, unit=rows[a.article_key], contribution_pk=pks[a.proposal.id])
        for a in text.amendments
        if (OPINION, a.proposal.id) not in recorded
    ]
    # An argument is about its article, or about the article its amendment rewords.
    article_of = {part.id: rows[key] for key, part in text.parts.items()}
    article_of.update((a.proposal.id, rows[a.article_key]) for a in text.amendments)
    records += [
        _record(
            module,
            argument,
            kind=ARGUMENT,
            unit=article_of[argument.proposal_id],
            contribution_pk=stored.pks[_key(module, ARGUMENT, argument.id)],
        )  # fmt: skip
        for argument in arguments
        if (ARGUMENT, argument.id) not in recorded
    ]
    ImportedRecord.objects.bulk_create(records)
    result.records_created = len(records)
    result.withdrawn = Contribution.objects.filter(
        pk__in=pks.values(), status=Contribution.Status.WITHDRAWN
    ).count()
    return result
