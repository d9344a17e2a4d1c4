"""A signed-in request finds its user, and that user's memberships, in the shared cache.

Every signed-in request reads its user (django.contrib.auth.get_user) and their
memberships (roles and abilities, for the header and the session's gate): a query and a
round trip to the cache, on every page. Both are kept under the user's scope, renewed by
every save or deletion of the user and of their memberships (accounts/scopes.py), and read
in one round trip.

The kept user carries no password hash, which has no business in a cache: the session's
check compares the HMAC of it that the session holds with the one kept beside the row
(User.get_session_auth_hash), made with the servers' secret key, which names the kept
value so that a server with another key never reads it. Reading the password itself
still works: Django loads a field left out from the database.
"""

from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import salted_hmac

from concerto import generations
from concerto.accounts.models import KEPT_SESSION_HASH, User, memberships_spec, user_scope

# Every save of the user renews it; the bound is for a server cut from the cache while it
# deactivates someone (docs/deploiement.md), as short as a participant's bans'.
ROW_SECONDS = 300


class KeptUserBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        row = (user_scope(pk), _row_name(), lambda: _row_without_password(pk), ROW_SECONDS)
        user, memberships = generations.remembered_many([row, memberships_spec(pk)])
        if user is None or not self.user_can_authenticate(user):
            return None
        user.__dict__["_memberships"] = memberships  # User._memberships, read already
        return user


def _row_name() -> str:
    return "session-user:" + salted_hmac("concerto.accounts.backends", "row").hexdigest()[:16]


def _row_without_password(pk: int) -> User | None:
    user = User.objects.filter(pk=pk).first()
    if user is None:
        return None
    user.__dict__[KEPT_SESSION_HASH] = user.get_session_auth_hash()
    del user.__dict__["password"]  # deferred from now on: read from the database if asked
    return user
