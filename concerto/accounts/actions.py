"""Named write operations on accounts and organisations."""

from django.db import IntegrityError, transaction

from concerto.accounts.models import Membership, Organisation, User


@transaction.atomic
def register_user(
    *, email: str, password: str, first_name: str, last_name: str
) -> tuple[User, bool]:
    """The account for a sign-up, unconfirmed until its owner opens the link; and whether
    it was created now.

    An account whose address was confirmed is left alone. An unconfirmed one takes the
    new password and names: nobody proved owning it yet, and the new password voids every
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
    if not user.email_verified:
        user.set_password(password)
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["password", "first_name", "last_name"])
    return user, False


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
