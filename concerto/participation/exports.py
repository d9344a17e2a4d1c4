"""CSV exports of contributions: UTF-8, comma, ISO 8601 dates, constant memory."""

from collections.abc import Iterator

from django.utils import timezone

from concerto.opendata.anonymise import export_scope, pseudonymous_id
from concerto.participation.models import Contribution, Module

COLUMNS = [
    "id", "created_at", "kind", "channel", "status", "hidden_reason", "author_ref", "pseudonym",
    "title", "body", "theme", "location", "parent_id", "stance", "merged_into_id",
]  # fmt: skip
CHUNK = 2000


def author_ref(process_id: int, user_id: int | None, kind: str) -> str:
    """A stable pseudonymous reference to a participant, different for each process, so
    organisers can count contributions per person without learning who they are.

    Questionnaire answers get a reference of their own, unrelated to the one of the same
    person's proposals and comments, which are shown under their name; neither matches the
    identifiers of the open data.
    """
    if user_id is None:
        return ""
    return pseudonymous_id(f"u{user_id}", process_id, export_scope(kind)) or ""


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
            reason, author_ref(process_id, author, kind), pseudonym, title, body, theme or "",
            location, parent or "", stance, merged or "",
        ]  # fmt: skip
