"""Where every sign-in ends: the second factor when required, then the Django session.

E-mail and password, the one-time link and the providers all call begin_session().
For CIPC advisors and administrators it only records a pending sign-in: the
session is authenticated after the TOTP step (or the enrolment of a device), so
no middleware is needed and `client.force_login` in tests is unaffected.
"""

import time

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from concerto.accounts.models import User
from concerto.accounts.roles import Role

MODEL_BACKEND = "concerto.accounts.backends.KeptUserBackend"
PENDING_KEY = "identity_pending_sign_in"
PENDING_TTL = 600  # seconds to enter the code after the first factor
PROVIDER_KEY = "identity_provider"
ID_TOKEN_KEY = "identity_id_token"
SIGNED_IN_AT_KEY = "identity_signed_in_at"  # staff sessions end 12 hours after it
SECOND_FACTOR_ROLES = (Role.ADMINISTRATOR, Role.CIPC_ADVISOR)


def requires_second_factor(user: User) -> bool:
    return any(role in user.roles for role in SECOND_FACTOR_ROLES)


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def begin_session(
    request,
    user: User,
    *,
    next_url: str | None = None,
    provider: str | None = None,
    id_token: str | None = None,
) -> HttpResponseRedirect:
    """After the first factor: sign in, or ask for the second factor first."""
    if requires_second_factor(user):
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "next": next_url,
            "provider": provider,
            "id_token": id_token,
            "at": time.time(),
        }
        step = "identity:totp_verify" if confirmed_device(user) else "identity:totp_enrol"
        return HttpResponseRedirect(reverse(step))
    return finish_session(request, user, next_url=next_url, provider=provider, id_token=id_token)


def pending_user(request) -> User | None:
    """The user who passed the first factor in this browser, if still in time."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_TTL:
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def finish_pending(request, user: User, device: TOTPDevice) -> HttpResponseRedirect:
    pending = request.session.pop(PENDING_KEY)
    return finish_session(
        request,
        user,
        next_url=pending["next"],
        provider=pending["provider"],
        id_token=pending["id_token"],
        device=device,
    )


def finish_session(
    request,
    user: User,
    *,
    next_url: str | None,
    provider: str | None,
    id_token: str | None,
    device: TOTPDevice | None = None,
) -> HttpResponseRedirect:
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=MODEL_BACKEND)  # a new session key: no fixation
    request.session[SIGNED_IN_AT_KEY] = time.time()
    if device is not None:
        otp_login(request, device)
    if provider:
        # Kept to log out through the provider (id_token_hint) when the person leaves.
        request.session[PROVIDER_KEY] = provider
        request.session[ID_TOKEN_KEY] = id_token
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
