import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from concerto import ratelimit
from concerto.participation import idempotency
from concerto.participation.actions.common import RateLimited, require, required_text
from concerto.participation.models import Channel, Contribution, ContributionKind, Module

EMPTY_BODY = _lazy("Le texte de la contribution est vide.")
EMPTY_TITLE = _lazy("Donnez un titre à votre proposition.")
GONE_MEANWHILE = _lazy(
    "Votre contribution n'a pas pu être enregistrée : un choix du formulaire vient d'être "
    "modifié ou supprimé. Vérifiez le formulaire et renvoyez-le."
)
# A submission's keys point to rows its caller just read (the module, the author, the
# theme its form offered, the proposal commented): full_clean would read each again, one
# query per key, and the database's constraints refuse a row deleted in between.
KEYS = [field.name for field in Contribution._meta.concrete_fields if field.is_relation]


def submit_contribution(
    module: Module,
    *,
    author,
    kind: str,
    body: str,
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
    channel: str = Channel.ONLINE,
    entered_by=None,
    **fields,
) -> tuple[Contribution, bool]:
    """Store one contribution, exactly once per idempotency key of its submitter.

    Online: the author (or a pseudonym where allowed) contributes while the
    module is open, within the rate limits. Offline (paper, mail, meeting):
    an organiser types it in on the author's behalf, with its channel.
    Returns (contribution, created). The key is looked up only once the
    submission is allowed, and only among the submitter's own contributions to
    this module: a retry returns the contribution stored the first time, and
    the same key from anyone else is stored as a contribution of its own.
    """
    if channel == Channel.ONLINE:
        user = author if author is not None else _Anonymous()
        require(module, user, "contribute")
        if author is None and not fields.get("pseudonym"):
            raise ValidationError({"pseudonym": _("Indiquez un pseudonyme.")})
        if not ratelimit.allow("contribute", ratelimit.client_keys(author, address)):
            raise RateLimited()
        if author is not None:
            scope = idempotency.user_scope(author)
        else:
            scope = idempotency.pseudonym_scope(
                pseudonym=fields["pseudonym"], title=fields.get("title", ""), body=body
            )
    else:
        if entered_by is None or not module.get_abilities(entered_by)["manage"]:
            raise PermissionDenied
        scope = idempotency.organisation_scope(module)
    body = required_text(body, field="body", message=EMPTY_BODY)
    contribution = Contribution(
        module=module, author=author, kind=kind, body=body, channel=channel,
        entered_by=entered_by, idempotency_key=idempotency_key, idempotency_scope=scope,
        **fields,
    )  # fmt: skip
    contribution.full_clean(exclude=["idempotency_key", *KEYS])
    try:
        # Stored at once: a first sending, by far the most frequent, asks nothing more
        # (looking for the key first cost each submission a query); the key's unique
        # constraint refuses a second one.
        with transaction.atomic():
            contribution.save()
    except IntegrityError:
        # Sent before (a retry, a double click that committed first): keep that one.
        existing = None
        if idempotency_key is not None:
            existing = Contribution.objects.filter(
                module=module, idempotency_scope=scope, idempotency_key=idempotency_key
            ).first()
        if existing is None:
            # A row it points to went in between (a theme deleted after the form was
            # checked): the form comes back with what was typed, never a server error.
            raise ValidationError(GONE_MEANWHILE) from None
        return existing, False
    return contribution, True


class _Anonymous:
    is_authenticated = False
    is_active = False
    pk = None


@transaction.atomic
def withdraw_contribution(contribution: Contribution, *, actor) -> Contribution:
    """The author withdraws their contribution while the module is open; it is kept,
    counted as withdrawn, and no longer shown."""
    _require_author_while_open(contribution, actor)
    contribution.status = Contribution.Status.WITHDRAWN
    contribution.withdrawn_at = timezone.now()
    contribution.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return contribution


@transaction.atomic
def correct_contribution(
    contribution: Contribution, *, actor, body: str, title: str = ""
) -> Contribution:
    """The author corrects their contribution while the module is open. A proposal keeps
    a title: one of spaces is refused, not saved empty."""
    _require_author_while_open(contribution, actor)
    errors = {}
    try:
        body = required_text(body, field="body", message=EMPTY_BODY)
    except ValidationError as error:
        errors.update(error.error_dict)
    if contribution.kind == ContributionKind.PROPOSAL:
        try:
            title = required_text(title, field="title", message=EMPTY_TITLE)
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    contribution.body = body
    contribution.title = title.strip()
    contribution.full_clean(exclude=["idempotency_key"])
    contribution.save(update_fields=["body", "title", "updated_at"])
    return contribution


def _require_author_while_open(contribution: Contribution, actor) -> None:
    if contribution.author_id is None or contribution.author_id != actor.pk:
        raise PermissionDenied
    if not contribution.module.is_open() or contribution.status != Contribution.Status.PUBLISHED:
        raise ValidationError(
            _("Cette contribution ne peut plus être modifiée : le module est clos ou elle a "
              "été masquée ou retirée.")
        )  # fmt: skip
