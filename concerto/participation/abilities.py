"""What a user may do in one participation module."""

from django.utils import timezone

from concerto.accounts import policy
from concerto.accounts.roles import Role
from concerto.participation.scopes import kept_bans


def module_abilities(module, user) -> dict[str, bool]:
    process = module.process
    signed_in = policy.signed_in(user)
    organiser = signed_in and process.ministry_id in user.ministry_ids(Role.AGENT, Role.REFERENT)
    cipc = signed_in and Role.CIPC_ADVISOR in user.roles
    banned = signed_in and _barred(user, process)
    is_open = module.is_open()
    return {
        # An unpublished module stays visible to those who prepare and moderate it.
        "view": (process.is_public and module.published) or organiser or cipc,
        "contribute": is_open and not banned and (signed_in or module.allow_pseudonym),
        "manage": organiser,
        "moderate": organiser or cipc,
        "export": organiser or cipc,
    }


def _barred(user, process) -> bool:
    """As Ban.objects.barring(user, process).exists(), from the user's kept bans."""
    today = timezone.localdate()
    return any(
        (barred is None or barred == process.pk) and (until is None or until >= today)
        for barred, until in kept_bans(user.pk)
    )
