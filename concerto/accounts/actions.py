"""Named write operations on accounts and organisations."""

from django.db import IntegrityError, transaction

from concerto.accounts.models import Membership, Organisation, User


@transaction.atomic
def register_user(*, email: str, password: str, first_name: str, last_name: str) -> User:
    """Create a citizen account; the e-mail is the login, compared case-insensitively."""
    return User.objects.create_user(
        email=email, password=password, first_name=first_name, last_name=last_name
    )


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
