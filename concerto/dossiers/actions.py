"""Named write operations of the information dossier."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from concerto.dossiers.kind import DOSSIER
from concerto.dossiers.models import Document, SourceReview
from concerto.notifications.actions import notify
from concerto.participation.actions import submit_contribution
from concerto.participation.actions.common import require
from concerto.participation.models import Contribution, ContributionKind, Module

DOCUMENT_FIELDS = ("title", "summary", "body", "source", "url", "viewpoint", "contradictory")


@transaction.atomic
def add_document(module: Module, *, actor, **fields) -> Document:
    """An organiser adds a document at the end of the dossier."""
    require(module, actor, "manage", kind=DOSSIER)
    last = module.documents.aggregate(last=Max("position"))["last"] or 0
    document = Document(module=module, position=last + 1, **_document_fields(fields))
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def update_document(document: Document, *, actor, **fields) -> Document:
    require(document.module, actor, "manage", kind=DOSSIER)
    for name, value in _document_fields(fields).items():
        setattr(document, name, value)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def delete_document(document: Document, *, actor) -> None:
    require(document.module, actor, "manage", kind=DOSSIER)
    document.delete()


@transaction.atomic
def move_document(document: Document, *, actor, offset: int) -> Document:
    """Swap the document with its neighbour above (offset -1) or below (offset +1)."""
    require(document.module, actor, "manage", kind=DOSSIER)
    siblings = list(Document.objects.select_for_update().filter(module_id=document.module_id))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == document.pk)
    target = index + offset
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "updated_at"])
    document.refresh_from_db()
    return document


def suggest_source(
    module: Module,
    *,
    author,
    title: str,
    url: str,
    why: str,
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
    pseudonym: str = "",
) -> tuple[Contribution, bool]:
    """A participant suggests a source missing from the dossier.

    Stored as a core contribution, so it is moderated, counted and answered
    like any other; a retried submission stores one suggestion.
    """
    if module.kind != DOSSIER:
        raise PermissionDenied
    if not why.strip():
        raise ValidationError({"why": _("Expliquez pourquoi cette source manque au dossier.")})
    body = why.strip()
    if url:
        body = f"{body}\n\n{_('Adresse de la source :')} {url}"
    fields = {"pseudonym": pseudonym} if pseudonym else {}
    author = author if author is not None and author.is_authenticated else None
    return submit_contribution(
        module,
        author=author,
        kind=ContributionKind.SOURCE_SUGGESTION,
        title=title.strip(),
        body=body,
        idempotency_key=idempotency_key,
        address=address,
        **fields,
    )


@transaction.atomic
def review_suggestion(suggestion: Contribution, *, actor, decision: str) -> SourceReview:
    """An organiser accepts or declines a suggested source; the author is told.

    Accepted, the suggestion becomes public in the API and the open data (the files
    within minutes, see concerto.opendata.freshness); declined, it stays with the
    organisers. A later decision replaces the earlier one; each is logged.
    """
    require(suggestion.module, actor, "manage", kind=DOSSIER)
    if suggestion.kind != ContributionKind.SOURCE_SUGGESTION:
        raise PermissionDenied
    if decision not in SourceReview.Decision.values:
        raise ValidationError({"decision": _("Choisissez de retenir ou non cette source.")})
    suggestion = Contribution.objects.select_for_update().get(pk=suggestion.pk)
    review = SourceReview.objects.create(contribution=suggestion, decision=decision, actor=actor)
    if suggestion.author_id:
        if decision == SourceReview.Decision.ACCEPTED:
            subject = _("Votre suggestion de source a été retenue")
        else:
            subject = _("Votre suggestion de source n'a pas été retenue")
        body = _(
            "Les organisateurs du dossier « %(module)s » ont lu votre suggestion « %(title)s »."
        )
        notify(
            [suggestion.author],
            subject=subject,
            body=body % {"module": suggestion.module.title, "title": str(suggestion)[:80]},
            url=suggestion.module.get_absolute_url(),
        )
    return review


def _document_fields(fields: dict) -> dict:
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown document fields: {sorted(unknown)}")
    return fields
