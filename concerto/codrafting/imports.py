"""Import the République numérique 2015 dump into a co-drafting module.

The government's draft (the engine's `draft_document`: opinions 61 to 90 of the shared
sample, Articles 1 to 30, in chapters and sections) becomes version 1 of the text, and
is published. Every other opinion becomes a suggestion of a new article, after the last
of the draft's articles in its section:

- On that platform, a change to one of the government's articles was a "version" of it
  (the dump counts them in `versions_count` but does not hold them); an "opinion" was a
  proposed article, filed in a section. Nothing in the dump ties a citizen's opinion to
  one article: some titles read "Article 8 bis - …" or "Suppression de l'article 3", but
  their numbers follow their authors' own numbering as often as the draft's. Reading a
  target from free text would guess; every opinion is therefore a new article in its
  section, as the platform filed it.
- Each is a contribution of kind PROPOSAL, channel ONLINE (it was submitted online, on
  another platform; `entered_by` names the organiser who imported it), dated when it
  was submitted there, with its arguments as ARGUMENT children, for or against.
- Arguments on the government's articles have no suggestion to answer: they are
  ARGUMENT contributions without parent, tied to their article by their ImportedRecord.
- Opinions and arguments the platform put in the trash are imported hidden by the
  moderation (with their arguments), so that the counts add up to the dump's; none is
  skipped.
- Votes (d'accord / pas d'accord / mitigé) have no voters in the dump: their counts are
  kept on the ImportedRecord of the article or suggestion, never turned into supports.

Each item's idempotency key is a keyed hash of the source, the module and its id
there: importing the dump again adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from concerto.codrafting.actions.text import publish_version
from concerto.codrafting.documents import reading_order, write_units
from concerto.codrafting.kind import TEXT
from concerto.codrafting.legacy import ImportedRecord
from concerto.codrafting.models import Suggestion, SuggestionAction, TextUnit, TextVersion
from concerto.engines.codrafting.republique_numerique import load_republique_numerique
from concerto.engines.codrafting.republique_numerique_draft import draft_document
from concerto.engines.codrafting.republique_numerique_model import Argument, Opinion
from concerto.participation.actions.common import require
from concerto.participation.bulk import Pending, check_contribution, store_contributions
from concerto.participation.idempotency import external_key
from concerto.participation.models import Channel, Contribution, ContributionKind

SOURCE = "republique_numerique"
DRAFT_NAME = "Projet de loi pour une République numérique"
# Where the shared sample sits, next to the repository (as for the engines' samples).
DEFAULT_FOLDER = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "consultations"
    / "republique_numerique_2015"
)
OPINION = ImportedRecord.SourceKind.OPINION
ARGUMENT = ImportedRecord.SourceKind.ARGUMENT


class ImportRefused(Exception):
    """The dump could not be read: `problems` are the engine's."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{p.code} {p.line or ''} {p.detail}" for p in problems))
        self.problems = problems


@dataclass
class ImportResult:
    articles: int = 0
    version_created: bool = False
    suggestions_created: int = 0
    arguments_created: int = 0
    contributions_existing: int = 0
    hidden: int = 0  # of the imported contributions, created now or before
    withdrawn: int = 0  # likewise: withdrawn by their authors on the other platform
    left_out: dict[str, int] = field(default_factory=dict)  # comments that are no argument
    records_created: int = 0
    by_action: Counter = field(default_factory=Counter)
    rejected: list[str] = field(default_factory=list)


def _key(module, kind: str, source_id: int):
    return external_key(SOURCE, module.pk, kind, source_id)


def _status(trashed: bool) -> str:
    return Contribution.Status.HIDDEN if trashed else Contribution.Status.PUBLISHED


def imported_version(
    module, actor, document, *, name: str, source: str, result: ImportResult
) -> TextVersion:
    """Version 1 from an imported text, published; the one an earlier run of the same
    import made. A module holding another text is refused: imports go to an empty module."""
    version = module.text_versions.filter(number=1).first()
    if version is None:
        if module.text_versions.exists():
            raise ValidationError(_("Ce module a déjà un texte : importez dans un module vide."))
        with transaction.atomic():
            version = TextVersion.objects.create(
                module=module, number=1, name=name[:300], source_format=source, created_by=actor
            )
            write_units(version, document)
        result.version_created = True
    elif version.source_format != source:
        raise ValidationError(_("Ce module a déjà un autre texte : importez dans un module vide."))
    return publish_version(version, actor=actor)


def _article_rows(version: TextVersion, draft) -> dict[str, TextUnit]:
    """The version's rows by the draft's keys (rows and units in the same reading order)."""
    rows = reading_order(version)
    units = list(draft.document.flatten())
    if [(r.kind, r.label) for r in rows] != [(u.kind, u.label[:100]) for u in units]:
        raise ValidationError(_("La version 1 de ce module n'est plus le projet importé."))
    return {unit.key: row for unit, row in zip(units, rows, strict=True)}


def _after_article(draft, rows: dict[str, TextUnit]) -> dict[str, TextUnit]:
    """Each section's key -> the article its proposals come after: its last one, or the
    last article before it should a section have none."""
    after, last = {}, None
    for unit in draft.document.flatten():
        if unit.kind == "article":
            last = rows[unit.key]
        elif unit.kind == "section":
            articles = [child for child in unit.children if child.kind == "article"]
            after[unit.key] = rows[articles[-1].key] if articles else last
    return after


def _contribution(module, actor, *, kind, key, title="", body, stance="", trashed=False):
    return Contribution(
        module=module, kind=kind, channel=Channel.ONLINE, entered_by=actor,
        title=Truncator(title.strip()).chars(200), body=body.strip(), stance=stance,
        status=_status(trashed), idempotency_key=key,
    )  # fmt: skip


def _pending(module, actor, opinions, draft_ids, result: ImportResult):
    """Proposals then their arguments, and the arguments on the draft's articles; an item
    the model refuses is listed in `result.rejected` (none in the shared sample)."""
    for opinion in opinions:
        opinion_key = _key(module, OPINION, opinion.id)
        if opinion.id not in draft_ids:
            proposal = _contribution(
                module, actor, kind=ContributionKind.PROPOSAL, key=opinion_key,
                title=opinion.title, body=opinion.body, trashed=opinion.is_trashed,
            )  # fmt: skip
            problems = check_contribution(proposal)
            if problems:
                result.rejected.append(f"opinion {opinion.id}: {' '.join(problems)}")
                result.rejected.extend(
                    f"argument {argument.id}: opinion {opinion.id}"
                    for argument in opinion.arguments
                )
                continue
            yield Pending(proposal, opinion.created_at)
        for argument in opinion.arguments:
            contribution = _contribution(
                module, actor, kind=ContributionKind.ARGUMENT,
                key=_key(module, ARGUMENT, argument.id), body=argument.body,
                stance=argument.stance, trashed=argument.is_trashed or opinion.is_trashed,
            )  # fmt: skip
            problems = check_contribution(contribution)
            if problems:
                result.rejected.append(f"argument {argument.id}: {' '.join(problems)}")
                continue
            parent = None if opinion.id in draft_ids else opinion_key
            yield Pending(contribution, argument.created_at, parent)


def _record(module, kind, item: Opinion | Argument, *, unit, contribution_pk) -> ImportedRecord:
    votes = {}
    if isinstance(item, Opinion):
        votes = {
            "votes_for": item.votes_for,
            "votes_against": item.votes_against,
            "votes_mixed": item.votes_mixed,
            "votes_total": item.votes_total,
        }
    else:
        votes = {"votes_total": item.votes}
    return ImportedRecord(
        module=module, source=SOURCE, source_kind=kind, source_id=item.id, unit=unit,
        contribution_id=contribution_pk, submitted_at=item.created_at, trashed=item.is_trashed,
        **votes,
    )  # fmt: skip


def import_republique_numerique(module, *, actor, folder=DEFAULT_FOLDER) -> ImportResult:
    """Import the dump in `folder` into a co-drafting module `actor` manages (see the
    module docstring); a second run finds everything stored and adds nothing."""
    require(module, actor, "manage", kind=TEXT)
    consultation = load_republique_numerique(folder)
    if consultation.problems or consultation.orphan_arguments:
        raise ImportRefused(consultation.problems)
    draft = draft_document(consultation)
    result = ImportResult()
    version = imported_version(
        module, actor, draft.document, name=DRAFT_NAME, source=SOURCE, result=result
    )
    rows = _article_rows(version, draft)
    result.articles = sum(1 for row in rows.values() if row.kind == "article")
    draft_ids = {opinion_id: rows[key] for key, opinion_id in draft.article_opinions.items()}
    section_of = {oid: key for key, ids in draft.proposals.items() for oid in ids}
    after = _after_article(draft, rows)
    opinions = sorted(consultation.opinions, key=lambda opinion: opinion.id)

    stored = store_contributions(module, _pending(module, actor, opinions, draft_ids, result))
    result.contributions_existing = stored.existing
    result.suggestions_created = stored.by_kind[ContributionKind.PROPOSAL]
    result.arguments_created = stored.by_kind[ContributionKind.ARGUMENT]

    def pk(kind, source_id):
        return stored.pks.get(_key(module, kind, source_id))

    with transaction.atomic():
        proposal_pks = {o.id: pk(OPINION, o.id) for o in opinions if o.id not in draft_ids}
        have = set(
            Suggestion.objects.filter(contribution_id__in=proposal_pks.values()).values_list(
                "contribution_id", flat=True
            )
        )
        suggestions = []
        for opinion in opinions:
            contribution_pk = proposal_pks.get(opinion.id)
            if contribution_pk is None or contribution_pk in have:
                continue
            suggestions.append(
                Suggestion(
                    contribution_id=contribution_pk,
                    unit=after[section_of[opinion.id]],
                    action=SuggestionAction.NEW_ARTICLE,
                    heading=Truncator(opinion.title.strip()).chars(300),
                )
            )
            result.by_action[SuggestionAction.NEW_ARTICLE] += 1
        Suggestion.objects.bulk_create(suggestions, batch_size=500)

        recorded = set(
            ImportedRecord.objects.filter(module=module, source=SOURCE).values_list(
                "source_kind", "source_id"
            )
        )
        records = []
        for opinion in opinions:
            article = draft_ids.get(opinion.id)
            unit = article or after[section_of[opinion.id]]
            if (OPINION, opinion.id) not in recorded and (article or proposal_pks[opinion.id]):
                records.append(
                    _record(module, OPINION, opinion, unit=unit,
                            contribution_pk=None if article else proposal_pks[opinion.id])
                )  # fmt: skip
            for argument in opinion.arguments:
                argument_pk = pk(ARGUMENT, argument.id)
                if (ARGUMENT, argument.id) not in recorded and argument_pk:
                    records.append(
                        _record(module, ARGUMENT, argument, unit=unit, contribution_pk=argument_pk)
                    )
        ImportedRecord.objects.bulk_create(records, batch_size=500)
        result.records_created = len(records)
    result.hidden = Contribution.objects.filter(
        module=module, pk__in=stored.pks.values(), status=Contribution.Status.HIDDEN
    ).count()
    return result
