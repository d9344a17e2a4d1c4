"""Designating an external analysis provider for a module's workspace, and
taking the access back. Both stay on record (ProviderAccess rows are kept)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.analysis.abilities import analysis_abilities
from concerto.analysis.models import ProviderAccess
from concerto.notifications.actions import notify


def _workspace_url(module) -> str:
    return reverse("analysis:workspace", kwargs={"pk": module.process_id, "module_id": module.pk})


def grant_provider(module, *, actor, email: str) -> ProviderAccess:
    """Give a provider (a person holding the provider role) read and work access."""
    if not analysis_abilities(module, actor)["providers"]:
        raise PermissionDenied
    user = (
        User.objects.filter(
            email__iexact=email.strip(), is_active=True, memberships__role=Role.PROVIDER
        )
        .distinct()
        .first()
    )
    if user is None:
        raise ValidationError(
            {"email": _("Aucun compte de prestataire actif ne porte cette adresse électronique.")}
        )
    try:
        with transaction.atomic():
            access = ProviderAccess.objects.create(module=module, user=user, granted_by=actor)
    except IntegrityError:
        # Already designated (or a double submission): the live access stands.
        return ProviderAccess.objects.get(module=module, user=user, revoked_at__isnull=True)
    notify(
        [user],
        subject=_("Accès à l'analyse des contributions"),
        body=_("Vous pouvez consulter et travailler l'analyse du module « %(module)s ».")
        % {"module": module.title},
        url=_workspace_url(module),
    )
    return access


@transaction.atomic
def revoke_provider(access: ProviderAccess, *, actor) -> ProviderAccess:
    access = ProviderAccess.objects.select_for_update().select_related("module").get(pk=access.pk)
    if not analysis_abilities(access.module, actor)["providers"]:
        raise PermissionDenied
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.revoked_by = actor
        access.save(update_fields=["revoked_at", "revoked_by"])
    return access
