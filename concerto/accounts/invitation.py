"""Inviting someone who has no account yet: the administration space creates it with the
role it was asked for, and e-mails a link to choose a password, which proves the address.

The account gets a random password nobody knows, not an unusable one: Django's « mot de
passe oublié » skips accounts without a usable password, so an invitee whose link ran out
could never get in. Until its owner opens a link, the address stays unconfirmed and the
account cannot sign in.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from concerto.accounts.actions import check_reason, granted_and_logged, require_role_manager
from concerto.accounts.models import Membership, Organisation, RoleChange, User
from concerto.siteurl import absolute_url


def _already_invited(user: User, organisation: Organisation, role: str, actor) -> bool:
    """The same invitation sent again (a double click, a retry): nothing more to do."""
    return not user.email_verified and RoleChange.objects.filter(
        user=user, organisation=organisation, role=role, actor=actor,
        kind=RoleChange.Kind.GRANTED,
    ).exists()  # fmt: skip


ALREADY_HAS_ACCOUNT = gettext_lazy(
    "Un compte existe déjà avec cette adresse : donnez-lui le rôle depuis sa fiche."
)


@transaction.atomic
def invite_person(
    *, actor, email: str, first_name: str, last_name: str, organisation: Organisation,
    role: str, reason: str,
) -> tuple[User, bool]:  # fmt: skip
    """A new account for `email` holding `role` in `organisation`, and its invitation;
    whether it was made now (False: this very invitation was already sent)."""
    require_role_manager(actor, role)
    reason = check_reason(reason)
    email = email.strip().lower()
    existing = User.objects.select_for_update().filter(email__iexact=email).first()
    if existing is not None:
        if _already_invited(existing, organisation, role, actor):
            return existing, False
        raise ValidationError({"email": ALREADY_HAS_ACCOUNT})
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=get_random_string(48), first_name=first_name.strip(),
                last_name=last_name.strip(),
            )  # fmt: skip
    except IntegrityError:  # the same address invited at the same moment
        raise ValidationError({"email": ALREADY_HAS_ACCOUNT}) from None
    membership = granted_and_logged(
        actor=actor, user=user, organisation=organisation, role=role, reason=reason,
        action="accounts.invite",
        summary=_("Invitation envoyée — rôle « %(role)s » — %(organisation)s"),
    )  # fmt: skip
    # Through the task queue: a mail server down does not undo the invitation, and the
    # queue retries nothing twice (the task is enqueued once, with the commit).
    transaction.on_commit(lambda: send_invitation.enqueue(membership.pk, actor.pk))
    return user, True


@task()
def send_invitation(membership_id: int, actor_id: int) -> None:
    """The e-mail with the link to choose a password (Django's reset link, which also
    confirms the address: identity.views.accounts.PasswordResetConfirmView)."""
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership_id)
    user = membership.user
    actor = User.objects.get(pk=actor_id)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    context = {
        "user": user,
        "inviter": actor.get_full_name() or actor.email,
        "role": membership.get_role_display(),
        "organisation": membership.organisation.name,
        "link": absolute_url(reverse("accounts:password_reset_confirm", args=[uid, token])),
        "reset": absolute_url(reverse("accounts:password_reset")),
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    subject = _("Votre invitation sur Concerto : %(role)s — %(organisation)s") % context
    body = render_to_string("accounts/emails/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
