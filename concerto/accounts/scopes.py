"""Each user's memberships are kept in the shared cache (User._memberships): every save or
deletion of a membership renews its user's scope, and a change of an organisation (a
directorate moved to another ministry) renews the scopes of everyone in it or under it.
A save of the user (superuser, active, name) renews it too: pages kept for them show it."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from concerto.accounts.models import Membership, Organisation, User, user_scope
from concerto.generations import renew


def _membership_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renew(user_scope(instance.user_id))


def _user_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.pk is not None:
        renew(user_scope(instance.pk))


def _organisation_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    members = Membership.objects.filter(Q(organisation=instance) | Q(organisation__parent=instance))
    renew(*(user_scope(pk) for pk in set(members.values_list("user_id", flat=True))))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_membership_changed, sender=Membership, dispatch_uid="scopes-membership")
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="scopes-org")
    post_save.connect(_user_changed, sender=User, dispatch_uid="scopes-user")
