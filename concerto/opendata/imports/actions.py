"""Importing another platform's contributions into a module: the organiser's action."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from concerto.opendata.imports.parsed import ParsedImport
from concerto.opendata.imports.report import ImportReport, Issue
from concerto.opendata.imports.store import legacy_external_key
from concerto.opendata.models import ImportRun
from concerto.participation.actions.common import require
from concerto.participation.bulk import Pending, check_contribution, store_contributions
from concerto.participation.idempotency import external_key
from concerto.participation.models import Channel, Contribution, Module


def import_contributions(
    module: Module,
    *,
    actor,
    parsed: ParsedImport,
    filename: str = "",
    on_batch: Callable[[int], None] | None = None,
) -> ImportReport:
    """Store every valid item of a parsed export, in short batches, and record the report.

    Rows the parser left out are listed in the report and nothing else changes; a refused
    file imports nothing, and should storing fail midway, what was stored is removed.
    Each item's key is a keyed hash of the platform, the module and its id there, looked
    for among the organisation's own contributions only, so importing the same export
    again adds nothing and nobody else can pre-empt an item. `on_batch(n)` is told how
    many items were handled after each batch.
    """
    require(module, actor, "manage")
    report = parsed.report
    if not report.refused:
        stored = store_contributions(
            module, _pending(module, actor, parsed, report), on_batch=on_batch
        )
        report.created, report.existing = stored.created, stored.existing
        report.by_kind = dict(stored.by_kind)
    ImportRun.objects.create(
        module=module, actor=actor, source=report.source, filename=filename[:255],
        created=report.created, existing=report.existing, rejected=len(report.rows_rejected),
        report=report.lines(),
    )  # fmt: skip
    return report


def _pending(module: Module, actor, parsed: ParsedImport, report: ImportReport):
    """The items to store, built one at a time (parents first): an item the model
    refuses is reported, and so are the replies to it."""
    left_out: set[str] = set()
    for item in parsed.items:
        if item.parent_source_id is not None and item.parent_source_id in left_out:
            report.rows_rejected.append(
                Issue(item.where, _("répond à un élément absent de l'export ou non importé."))
            )
            left_out.add(item.source_id)
            continue
        parts = (report.source, module.pk, item.source_id)
        contribution = Contribution(
            module=module, kind=item.kind, channel=Channel.ONLINE, entered_by=actor,
            title=item.title.strip(), body=item.body.strip(), stance=item.stance,
            idempotency_key=external_key(*parts),
        )  # fmt: skip
        problems = check_contribution(contribution)
        if problems:
            report.rows_rejected.append(Issue(item.where, " ".join(problems)))
            left_out.add(item.source_id)
            continue
        parent_key = None
        if item.parent_source_id is not None:
            parent_key = external_key(report.source, module.pk, item.parent_source_id)
        yield Pending(contribution, item.submitted_at, parent_key, legacy_external_key(*parts))
