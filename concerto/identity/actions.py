"""Named operations on provider identities: sign in, link, join the proposed organisation."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from concerto.accounts.actions import grant_membership
from concerto.accounts.models import Membership, Organisation, User
from concerto.accounts.roles import OrganisationKind, Role
from concerto.identity.errors import refused
from concerto.identity.models import LinkedIdentity
from concerto.identity.providers import ProviderConfig


def _names(claims: dict) -> tuple[str, str]:
    first = (claims.get("given_name") or "").strip()
    last = (claims.get("usual_name") or claims.get("family_name") or "").strip()
    return first[:150], last[:150]


def _email(provider: ProviderConfig, claims: dict) -> str:
    email = (claims.get("email") or "").strip().lower()
    if not email:
        raise refused("email", provider=provider.label)
    return email


@transaction.atomic
def sign_in_identity(provider: ProviderConfig, claims: dict) -> tuple[User, bool]:
    """The account for these verified claims, and whether the identity was just linked.

    Accounts are matched by e-mail, not by `sub`: ProConnect gives each service its
    own `sub`, and the provider vouches for the address. A known identity signs its
    account in even if its address changed at the provider.
    """
    email = _email(provider, claims)
    identity = (
        LinkedIdentity.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider.name, sub=claims["sub"])
        .first()
    )
    linked = False
    if identity is None:
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is None:
            first_name, last_name = _names(claims)
            user = User.objects.create_user(
                email=email,
                password=None,
                first_name=first_name,
                last_name=last_name,
                email_verified_at=timezone.now(),
            )
        elif not user.email_verified:
            _reclaim_unconfirmed(user, claims)
        elif user.linked_identities.filter(provider=provider.name).exists():
            raise refused("other_identity", provider=provider.label)
        identity = _create_identity(user, provider, claims, email)
        linked = True
    user = identity.user
    if not user.is_active:
        raise refused("inactive")
    if not user.email_verified:  # the provider vouches for the address it sent
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    identity.last_used_at = timezone.now()
    identity.email = email
    identity.save(update_fields=["last_used_at", "email"])
    if not (user.first_name or user.last_name):
        user.first_name, user.last_name = _names(claims)
        user.save(update_fields=["first_name", "last_name"])
    return user, linked


def _reclaim_unconfirmed(user: User, claims: dict) -> None:
    """An account whose address nobody confirmed goes to the person the provider vouches
    for: whoever created it with that address (perhaps to wait for its owner) loses it.
    Its password no longer works, which also ends its sessions; it held no contribution,
    since an unconfirmed account cannot sign in."""
    user.set_unusable_password()
    user.first_name, user.last_name = _names(claims)
    user.email_verified_at = timezone.now()
    user.save(update_fields=["password", "first_name", "last_name", "email_verified_at"])


def _create_identity(user, provider, claims, email) -> LinkedIdentity:
    try:
        with transaction.atomic():
            return LinkedIdentity.objects.create(
                user=user, provider=provider.name, sub=claims["sub"], email=email
            )
    except IntegrityError:
        # A concurrent sign-in with the same identity got there first.
        identity = LinkedIdentity.objects.filter(provider=provider.name, sub=claims["sub"]).first()
        if identity is None or identity.user_id != user.pk:
            raise refused("linked_elsewhere", provider=provider.label) from None
        return identity


@transaction.atomic
def link_identity(
    user: User, provider: ProviderConfig, claims: dict
) -> tuple[LinkedIdentity, bool]:
    """Link a provider identity to a signed-in account; conflicts are refused, never merged.

    Returns the identity and whether it was created now (False: it was already linked).
    """
    email = _email(provider, claims)
    existing = LinkedIdentity.objects.filter(provider=provider.name, sub=claims["sub"]).first()
    if existing is not None:
        if existing.user_id != user.pk:
            raise refused("linked_elsewhere", provider=provider.label)
        return existing, False
    if email != user.email.lower():
        raise refused(
            "email_mismatch",
            provider=provider.label,
            provider_email=email,
            account_email=user.email,
        )
    if user.linked_identities.filter(provider=provider.name).exists():
        raise refused("other_identity", provider=provider.label)
    return _create_identity(user, provider, claims, email), True


def unlink_identity(user: User, identity_id: int) -> bool:
    """Remove one of the user's own linked identities; e-mail sign-in stays."""
    deleted, _ = LinkedIdentity.objects.filter(pk=identity_id, user=user).delete()
    return bool(deleted)


AGENT_ORGANISATION_KINDS = (OrganisationKind.MINISTRY, OrganisationKind.DIRECTORATE)


def proposed_organisation(user: User, claims: dict) -> Organisation | None:
    """The ministry or directorate ProConnect's SIRET names, for an agent without one."""
    siret = "".join(ch for ch in str(claims.get("siret") or "") if ch.isdigit())
    if len(siret) != 14 or Membership.objects.filter(user=user).exists():
        return None
    return (
        Organisation.objects.filter(siret=siret, kind__in=AGENT_ORGANISATION_KINDS)
        .order_by("pk")
        .first()
    )


def join_organisation(user: User, organisation: Organisation) -> Membership:
    """Make the user an agent of the organisation ProConnect vouched for."""
    return grant_membership(user=user, organisation=organisation, role=Role.AGENT)
