"""Named write operations of the organisations' API: tokens, contributions, answers."""

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.api.abilities import token_abilities
from concerto.api.models import TOKEN_PREFIX, ApiToken, Scope, hash_secret, new_token_parts
from concerto.followup import actions as followup_actions
from concerto.opendata.imports.store import legacy_external_key, store_external_contribution
from concerto.participation.idempotency import external_key
from concerto.participation.models import Channel, Contribution, ContributionKind, Module

# Channels a partner may declare: its own online platform, or offline arrivals.
API_CHANNELS = [Channel.ONLINE, Channel.PAPER, Channel.MAIL, Channel.EMAIL, Channel.MEETING]
API_KINDS = [ContributionKind.CONTRIBUTION, ContributionKind.PROPOSAL, ContributionKind.ANSWER]


def _require_manage(organisation, actor) -> None:
    if not token_abilities(organisation, actor)["manage"]:
        raise PermissionDenied


@transaction.atomic
def create_token(organisation, *, actor, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """Create a token; returns it with the full secret, which is never shown again."""
    _require_manage(organisation, actor)
    errors = {}
    if not name.strip():
        errors["name"] = _("Nommez le jeton (par exemple le nom de la plateforme partenaire).")
    valid = {scope.value for scope in Scope}
    if not scopes or any(scope not in valid for scope in scopes):
        errors["scopes"] = _("Choisissez au moins une portée.")
    if errors:
        raise ValidationError(errors)
    prefix, secret = new_token_parts()
    token = ApiToken.objects.create(
        organisation=organisation, name=name.strip(), prefix=prefix,
        secret_hash=hash_secret(secret), scopes=sorted(set(scopes)), created_by=actor,
    )  # fmt: skip
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def revoke_token(token: ApiToken, *, actor) -> ApiToken:
    """Revoke at once; revoking twice keeps the first date."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    _require_manage(token.organisation, actor)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def _require_token(token: ApiToken, scope: str, process) -> None:
    if not token.is_active or not token.has_scope(scope):
        raise PermissionDenied
    if process.ministry_id != token.organisation_id:
        raise PermissionDenied


def submit_partner_contribution(
    token: ApiToken,
    module: Module,
    *,
    idempotency_key: str,
    body: str,
    channel: str = Channel.ONLINE,
    kind: str = ContributionKind.CONTRIBUTION,
    title: str = "",
    submitted_at: datetime | date | None = None,
) -> tuple[Contribution, bool]:
    """A contribution received by the ministry elsewhere (a partner platform, paper, mail,
    a meeting), sent with a key of the sender's choosing: the same key twice from the
    ministry's tokens stores one. The key is checked once the token may write here."""
    _require_token(token, Scope.CONTRIBUTIONS_WRITE, module.process)
    actor = token.created_by
    if not module.get_abilities(actor)["manage"]:
        raise PermissionDenied
    errors = {}
    if channel not in API_CHANNELS:
        errors["channel"] = _("Canal inconnu.")
    if kind not in API_KINDS:
        errors["kind"] = _("Type de contribution non accepté par l'API.")
    if not body.strip():
        errors["body"] = _("Le texte de la contribution est vide.")
    if isinstance(submitted_at, date) and not isinstance(submitted_at, datetime):
        submitted_at = timezone.make_aware(datetime.combine(submitted_at, time(12)))
    if submitted_at is not None and submitted_at > timezone.now():
        errors["submitted_at"] = _("La date de dépôt est dans le futur.")
    if errors:
        raise ValidationError(errors)
    parts = ("api", token.organisation_id, idempotency_key)
    return store_external_contribution(
        module, entered_by=actor, kind=kind, body=body, idempotency_key=external_key(*parts),
        legacy_key=legacy_external_key(*parts), channel=channel, title=title,
        submitted_at=submitted_at,
    )  # fmt: skip


def draft_answer(token: ApiToken, process, *, fields: dict, contributions=()):
    """A draft answer of the devoir de suite, written by the partner's tool."""
    _require_token(token, Scope.ANSWERS_WRITE, process)
    return followup_actions.save_answer(
        process, actor=token.created_by, fields=fields, contributions=contributions
    )


def publish_answers(token: ApiToken, process):
    """Publish the process's draft answers as one batch, as the platform does."""
    _require_token(token, Scope.ANSWERS_WRITE, process)
    return followup_actions.publish_answers(process, actor=token.created_by)
