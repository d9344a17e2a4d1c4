from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from concerto.editing import EditConflict
from concerto.processes.actions.common import require
from concerto.processes.models import FollowUpCommitment, InformationSource, Process


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "dispositif"
    slug, suffix = base, 2
    while Process.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def create_process(*, actor, ministry, title: str, **fields) -> Process:
    """Start a draft process for `ministry`, led by `actor`."""
    themes = fields.pop("themes", None)
    process = Process(
        ministry=ministry, title=title, slug=_unique_slug(title), project_lead=actor, **fields
    )
    require(process, actor, "edit")
    process.save()
    if themes is not None:
        process.themes.set(themes)
    return process


@transaction.atomic
def update_process(
    process: Process,
    *,
    actor,
    expected_revision: int,
    fields: dict,
    themes=None,
    sources: list[dict] | None = None,
    commitments: list[dict] | None = None,
) -> Process:
    """Save one step of the description, unless someone saved in between.

    Raises EditConflict when the process changed since `expected_revision`
    was read; nothing is written then.
    """
    require(process, actor, "edit")
    updated = Process.objects.filter(pk=process.pk, revision=expected_revision).update(
        revision=F("revision") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise EditConflict()
    process.refresh_from_db()
    if themes is not None:
        process.themes.set(themes)
    if sources is not None:
        process.sources.all().delete()
        InformationSource.objects.bulk_create(
            InformationSource(process=process, **source) for source in sources
        )
    if commitments is not None:
        process.commitments.all().delete()
        FollowUpCommitment.objects.bulk_create(
            FollowUpCommitment(process=process, **commitment) for commitment in commitments
        )
    return process
