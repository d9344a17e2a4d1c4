"""One door into the platform: a session is worth something only once its sign-in is complete.

Every sign-in of the platform ends in `signin.finish_session`, after the second factor for
the roles that need one. Other doors exist around it (Django's admin login, Wagtail's,
whatever a library adds later) and a role can be granted to someone already signed in.
This middleware does not trust any of them: before any view runs, it ends a session whose
user must use a second factor and carries no verified device, whose address was never
confirmed, or that is a staff session past its idle or absolute limit. The request then
goes on as anonymous, so every page answers exactly as it does to a visitor.

It must come after django_otp's OTPMiddleware (which reads the verified device from the
session) and before everything that reads `request.user`.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils.translation import gettext_lazy as _

from concerto.identity.signin import SIGNED_IN_AT_KEY, requires_second_factor

SEEN_AT_KEY = "identity_seen_at"
# A staff session's last activity is written at most this often (seconds): enough to
# enforce the idle limit without a session write on every request.
SEEN_AT_RESOLUTION = 60

ENDED = {
    "second_factor": _(
        "Votre rôle demande la vérification en deux étapes : connectez-vous depuis cette page "
        "avec votre code."
    ),
    "unconfirmed": _(
        "Votre adresse électronique n'est pas encore confirmée : connectez-vous pour recevoir "
        "un nouveau lien de confirmation."
    ),
    "idle": _("Votre session a expiré après 30 minutes d'inactivité : connectez-vous à nouveau."),
    "absolute": _("Votre session a expiré après 12 heures : connectez-vous à nouveau."),
}


def why_session_ends(request, now: float) -> str | None:
    """The reason this signed-in request's session must end, or None if it holds."""
    user = request.user
    if not user.is_authenticated:
        return None
    second_factor = requires_second_factor(user)
    if second_factor and not user.is_verified():
        return "second_factor"
    if not user.email_verified:
        return "unconfirmed"
    if not second_factor:
        return None
    session = request.session
    signed_in_at = session.setdefault(SIGNED_IN_AT_KEY, now)
    seen_at = session.get(SEEN_AT_KEY, signed_in_at)
    if now - signed_in_at > settings.STAFF_SESSION_MAX_AGE:
        return "absolute"
    if now - seen_at > settings.STAFF_SESSION_IDLE_TIMEOUT:
        return "idle"
    if now - seen_at >= SEEN_AT_RESOLUTION or SEEN_AT_KEY not in session:
        session[SEEN_AT_KEY] = now
    return None


class SessionGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a request that carries a signed-in session pays for the checks.
        if SESSION_KEY in request.session:
            reason = why_session_ends(request, time.time())
            if reason is not None:
                logout(request)  # flushes the session: nothing of it is reused
                messages.warning(request, ENDED[reason])
        return self.get_response(request)
