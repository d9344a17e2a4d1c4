"""Who an idempotency key belongs to, and keys the server derives itself.

A key only means "the same submission again" for the one who sent it, in the module it
was sent to: contributions are unique on (module, scope, key), and the scope names the
submitter. A replay thus returns the submitter's own contribution; the same key from
anyone else, or in another module, is a submission of its own.

Keys the server derives from public facts (a partner's key, an imported item's id, a
CSV row's content) are keyed hashes of the secret key, so nobody can compute them.
"""

import hashlib
import uuid

from django.utils.crypto import salted_hmac

SERVER_KEY_SALT = "concerto.participation.idempotency.server_key"
SCOPE_MAX_LENGTH = 64


def user_scope(user) -> str:
    """A signed-in participant's own submissions."""
    return f"user:{user.pk}"


def organisation_scope(module) -> str:
    """What the module's organisation enters itself: offline contributions typed in or
    imported by its organisers, its partners' API calls, its platform imports."""
    return f"org:{module.process.ministry_id}"


def pseudonym_scope(*, pseudonym: str, title: str, body: str) -> str:
    """Nothing identifies a participant without an account: only a replay of the very
    same text under the same pseudonym counts as the same submission."""
    content = "\x1f".join([pseudonym.strip(), title.strip(), body.strip()])
    return "anon:" + hashlib.sha256(content.encode()).hexdigest()[:40]


def server_key(*parts) -> uuid.UUID:
    """A key derived from `parts`, stable for one deployment, unguessable without the
    secret key."""
    message = "\x1f".join(str(part) for part in parts)
    return uuid.UUID(bytes=salted_hmac(SERVER_KEY_SALT, message, algorithm="sha256").digest()[:16])


def external_key(*parts) -> uuid.UUID:
    """The key of an item from elsewhere (another platform's export, a partner platform
    through the API): a keyed hash of where it comes from and its id there, which nobody
    can compute without the secret key."""
    return server_key("external", *parts)
