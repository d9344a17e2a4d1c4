"""Sign-in lockouts (django-axes): one count per account, whatever the spelling.

The identifier is normalised (surrounding spaces removed, case folded as the account
lookup does) before axes counts it, so `SOMEONE@exemple.fr` and ` someone@exemple.fr`
are one account to the lockout as they are to the sign-in. The count is per account,
from every address together, so spreading guesses over many machines gains nothing.
An attacker can lock a named person out, but only for the cool-off period, and the
person lifts it at once by proving they own the address (a sign-in link, a password
reset, a confirmation link).
"""

from axes.utils import reset


def normalised(identifier: str | None) -> str | None:
    return identifier.strip().lower() if identifier else identifier


def username_of(request, credentials: dict | None) -> str | None:
    """What axes counts failures against (AXES_USERNAME_CALLABLE)."""
    if credentials and credentials.get("username"):
        return normalised(credentials["username"])
    return normalised(request.POST.get("username")) if request is not None else None


def lift_lockout(email: str) -> None:
    reset(username=normalised(email))
