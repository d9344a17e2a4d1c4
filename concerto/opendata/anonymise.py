"""The authors' identifiers that open data and the API publish with contributions: the
same in both, in scopes of their own (`concerto.pseudonyms` says how they are made)."""

from concerto.participation.models import ContributionKind
from concerto.pseudonyms import Scope, pseudonymous_id


def author_key(contribution) -> str | None:
    """What identifies the author: the account, else the pseudonym typed; None if unsigned."""
    if contribution.author_id:
        return f"u{contribution.author_id}"
    if contribution.pseudonym:
        return "p" + " ".join(contribution.pseudonym.lower().split())
    return None


def public_scope(kind: str) -> Scope:
    """The open-data and API scope of a contribution of this kind."""
    if kind == ContributionKind.ANSWER:
        return Scope.QUESTIONNAIRE_ANSWERS
    return Scope.CONTRIBUTIONS


def contribution_author_id(contribution, process_id: int) -> str | None:
    """The author's public identifier: open data and API show the same one."""
    return pseudonymous_id(author_key(contribution), process_id, public_scope(contribution.kind))
