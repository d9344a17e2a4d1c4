"""CSV exports of contributions: UTF-8, comma, ISO 8601 dates, constant memory."""

import hashlib
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone

from concerto.participation.models import Contribution, Module

COLUMNS = [
    "id", "created_at", "kind", "channel", "status", "hidden_reason", "author_ref", "pseudonym",
    "title", "body", "theme", "location", "parent_id", "stance", "merged_into_id",
]  # fmt: skip
CHUNK = 2000


def author_ref(process_id: int, user_id: int | None) -> str:
    """A stable pseudonymous reference to a participant, different for each process, so
    organisers can count contributions per person without learning who they are."""
    if user_id is None:
        return ""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{process_id}:{user_id}".encode())
    return digest.hexdigest()[:12]


def contribution_rows(module: Module) -> Iterator[list]:
    """One row per contribution, in COLUMNS' order, read in chunks."""
    queryset = (
        Contribution.objects.filter(module=module)
        .order_by("pk")
        .values_list(
            "pk", "created_at", "kind", "channel", "status", "hidden_reason", "author_id",
            "pseudonym", "title", "body", "theme__slug", "location", "parent_id", "stance",
            "merged_into_id",
        )
    )  # fmt: skip
    process_id = module.process_id
    tz = timezone.get_current_timezone()
    for row in queryset.iterator(chunk_size=CHUNK):
        (pk, created, kind, channel, status, reason, author, pseudonym, title, body, theme,
         location, parent, stance, merged) = row  # fmt: skip
        yield [
            pk, created.astimezone(tz).isoformat(timespec="seconds"), kind, channel, status,
            reason, author_ref(process_id, author), pseudonym, title, body, theme or "",
            location, parent or "", stance, merged or "",
        ]  # fmt: skip
