"""CSV exports of contributions: UTF-8, comma, ISO 8601 dates, constant memory.

Staff read the file in a spreadsheet: French column names, and each coded value (type,
channel, status…) written as the label the pages show.
"""

from collections.abc import Iterator

from django.utils import timezone

from concerto.participation.models import (
    Channel,
    Contribution,
    ContributionKind,
    HiddenReason,
    Module,
)
from concerto.pseudonyms import Scope, pseudonymous_id

COLUMNS = [
    "identifiant", "cree_le", "type", "canal", "statut", "motif_de_masquage", "ref_auteur",
    "pseudonyme", "titre", "texte", "theme", "lieu", "identifiant_parent", "position",
    "fusionnee_dans",
]  # fmt: skip
CHUNK = 2000


def export_scope(kind: str) -> Scope:
    """The organisers' export scope of a contribution of this kind."""
    if kind == ContributionKind.ANSWER:
        return Scope.EXPORT_QUESTIONNAIRE_ANSWERS
    return Scope.EXPORT_CONTRIBUTIONS


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


def _labels(choices) -> dict[str, str]:
    """Each code's label, translated once per export rather than once per row; the empty
    code (no stance, no reason) stays an empty cell."""
    return {code: str(label) for code, label in choices if code}


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
    kinds, channels = _labels(ContributionKind.choices), _labels(Channel.choices)
    statuses, reasons = _labels(Contribution.Status.choices), _labels(HiddenReason.choices)
    stances = _labels(Contribution.Stance.choices)
    for row in queryset.iterator(chunk_size=CHUNK):
        (pk, created, kind, channel, status, reason, author, pseudonym, title, body, theme,
         location, parent, stance, merged) = row  # fmt: skip
        yield [
            pk, created.astimezone(tz).isoformat(timespec="seconds"), kinds.get(kind, kind),
            channels.get(channel, channel), statuses.get(status, status),
            reasons.get(reason, reason), author_ref(process_id, author, kind), pseudonym, title,
            body, theme or "", location, parent or "", stances.get(stance, stance), merged or "",
        ]  # fmt: skip
