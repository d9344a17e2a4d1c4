"""Importing another platform's contributions into a module: the organiser's action."""

from django.core.exceptions import ValidationError
from django.db import transaction

from concerto.opendata.imports.parsed import ParsedImport
from concerto.opendata.imports.report import ImportReport, Issue
from concerto.opendata.imports.store import external_key, store_external_contribution
from concerto.opendata.models import ImportRun
from concerto.participation.actions.common import require
from concerto.participation.models import Module


def import_contributions(
    module: Module, *, actor, parsed: ParsedImport, filename: str = ""
) -> ImportReport:
    """Store every valid item of a parsed export, in one transaction, and record the report.

    Rows the parser left out are listed in the report and nothing else changes; a refused
    file imports nothing. Each item's key comes from the platform, the module and its id
    there, so importing the same export again adds nothing.
    """
    require(module, actor, "manage")
    report = parsed.report
    if not report.refused:
        with transaction.atomic():
            stored = {}
            for item in parsed.items:
                parent = stored.get(item.parent_source_id) if item.parent_source_id else None
                key = external_key(report.source, module.pk, item.source_id)
                try:
                    contribution, created = store_external_contribution(
                        module, entered_by=actor, kind=item.kind, body=item.body,
                        idempotency_key=key, title=item.title, submitted_at=item.submitted_at,
                        parent=parent, stance=item.stance,
                    )  # fmt: skip
                except ValidationError as error:
                    report.rows_rejected.append(Issue(item.where, " ".join(error.messages)))
                    continue
                stored[item.source_id] = contribution
                if created:
                    report.created += 1
                    report.count(item.kind)
                else:
                    report.existing += 1
    ImportRun.objects.create(
        module=module, actor=actor, source=report.source, filename=filename[:255],
        created=report.created, existing=report.existing, rejected=len(report.rows_rejected),
        report=report.lines(),
    )  # fmt: skip
    return report
