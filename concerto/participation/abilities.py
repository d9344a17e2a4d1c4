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
    banned = signed_in and _barred(user, module)
    is_open = module.is_open()
    return {
        # An unpublished module stays visible to those who prepare and moderate it.
        "view": (process.is_public and module.published) or organiser or cipc,
        "contribute": is_open and not banned and (signed_in or module.allow_pseudonym),
        "manage": organiser,
        "moderate": organiser or cipc,
        "export": organiser or cipc,
    }


def _barred(user, module) -> bool:
    """As Ban.objects.barring(user, module.process).exists(), from the user's kept bans
    (read with the module by module_for, or now)."""
    read = getattr(module, "bans_read", None)
    bans = read[1] if read is not None and read[0] == user.pk else kept_bans(user.pk)
    today = timezone.localdate()
    return any(
        (barred is None or barred == module.process_id) and (until is None or until >= today)
        for barred, until in bans
    )
