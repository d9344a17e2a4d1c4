"""Named write operations on accounts and organisations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concerto.accounts.abilities import may_manage_role
from concerto.accounts.models import Membership, Organisation, RoleChange, User
from concerto.activity.log import record


@transaction.atomic
def register_user(
    *, email: str, password: str, first_name: str, last_name: str
) -> tuple[User, bool]:
    """The account for a sign-up, unconfirmed until its owner opens the link; and whether
    it was created now.

    A claimed account (see `claimed`) is left alone. An unconfirmed one takes the new
    password and names: nobody proved owning it yet, and the new password voids every
    confirmation link sent before (they carry a fingerprint of it).
    """
    email = email.strip().lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email, password=password, first_name=first_name, last_name=last_name
                )
            return user, True
        except IntegrityError:  # the same address signed up at the same moment
            user = User.objects.select_for_update().get(email__iexact=email)
    if not claimed(user):
        user.set_password(password)
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["password", "first_name", "last_name"])
    return user, False


def claimed(user: User) -> bool:
    """Whether an account is already someone's: its address is confirmed, or staff made it
    with a role for its address's owner (an invitation, concerto.accounts.invitation). A
    sign-up with its address must neither take it over nor void the invitation's link."""
    return user.email_verified or user.memberships.exists()


def grant_membership(*, user: User, organisation: Organisation, role: str) -> Membership:
    """Give `user` a role in `organisation`; granting it twice changes nothing.

    Raises ValidationError when the role does not fit the kind of organisation.
    """
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        membership = Membership.objects.get(user=user, organisation=organisation, role=role)
    for cached in ("roles", "_memberships"):
        user.__dict__.pop(cached, None)
    return membership


def require_role_manager(actor, role: str) -> None:
    if not may_manage_role(actor, role):
        raise PermissionDenied


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif : il est gardé dans l'historique.")})
    return reason


@transaction.atomic
def grant_role(*, actor, user: User, organisation: Organisation, role: str, reason: str):
    """Give `user` a role in `organisation`, with the reason kept in the history."""
    require_role_manager(actor, role)
    # One grant at a time for a person: a double click writes one history line.
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == actor.pk and not actor.is_superuser:
        # Separation of duties: an advisor who reviews ministries' declarations does not
        # make themself an agent or referent of one.
        raise ValidationError(
            {"role": _("Vous ne pouvez pas vous donner un rôle : demandez-le à un administrateur.")}
        )
    if not (user.is_active and user.email_verified):
        # An unconfirmed address may belong to someone else; a closed account is closed.
        raise ValidationError(
            {
                "role": _(
                    "Ce compte est désactivé ou son adresse n'est pas confirmée : aucun rôle ne "
                    "peut lui être donné."
                )
            }
        )
    reason = check_reason(reason)
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"role": _("Cette personne a déjà ce rôle dans cette organisation.")})
    return granted_and_logged(
        actor=actor, user=user, organisation=organisation, role=role, reason=reason,
        action="accounts.grant_role", summary=_("Rôle « %(role)s » donné — %(organisation)s"),
    )  # fmt: skip


def granted_and_logged(
    *, actor, user: User, organisation: Organisation, role: str, reason: str, action: str,
    summary: str,
) -> Membership:  # fmt: skip
    """The membership, with its line in the person's role history and in the activity log
    (`summary` a French sentence with %(role)s and %(organisation)s)."""
    membership = grant_membership(user=user, organisation=organisation, role=role)
    RoleChange.objects.create(
        user=user, organisation=organisation, organisation_name=organisation.name, role=role,
        kind=RoleChange.Kind.GRANTED, reason=reason, actor=actor,
    )  # fmt: skip
    record(
        actor, action, user, reason=reason,
        summary=summary
        % {"role": membership.get_role_display(), "organisation": organisation.name},
    )  # fmt: skip
    return membership


@transaction.atomic
def revoke_role(*, actor, membership: Membership, reason: str) -> None:
    """Withdraw a role, with the reason kept in the history."""
    require_role_manager(actor, membership.role)
    reason = check_reason(reason)
    membership = (
        Membership.objects.select_for_update().select_related("organisation", "user")
        .filter(pk=membership.pk).first()
    )  # fmt: skip
    if membership is None:  # withdrawn meanwhile (a second click, another administrator)
        raise ValidationError(_("Ce rôle a déjà été retiré."))
    membership.delete()
    RoleChange.objects.create(
        user=membership.user, organisation=membership.organisation,
        organisation_name=membership.organisation.name, role=membership.role,
        kind=RoleChange.Kind.REVOKED, reason=reason, actor=actor,
    )  # fmt: skip
    record(
        actor, "accounts.revoke_role", membership.user, reason=reason,
        summary=_("Rôle « %(role)s » retiré — %(organisation)s")
        % {"role": membership.get_role_display(), "organisation": membership.organisation.name},
    )  # fmt: skip
