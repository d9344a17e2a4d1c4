"""Pseudonymous author identifiers for published contributions.

The same author gets the same identifier within one process (so analysts can see
that several contributions come from one person) and unrelated identifiers
across processes (so nobody can follow a person from one process to another).
Keyed with SECRET_KEY: without it, the identifier cannot be traced back.
"""

import hashlib
import hmac

from django.conf import settings


def author_key(contribution) -> str | None:
    """What identifies the author: the account, else the pseudonym typed; None if unsigned."""
    if contribution.author_id:
        return f"u{contribution.author_id}"
    if contribution.pseudonym:
        return "p" + " ".join(contribution.pseudonym.lower().split())
    return None


def pseudonymous_id(key: str | None, process_id: int) -> str | None:
    if key is None:
        return None
    message = f"{process_id}:{key}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return digest[:16]


def contribution_author_id(contribution, process_id: int) -> str | None:
    return pseudonymous_id(author_key(contribution), process_id)
