"""The second factor of a sign-in: a TOTP code, or enrolling an authenticator app first."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from concerto.identity import signin
from concerto.identity.forms import TotpForm

DEVICE_NAME = "Application d'authentification"


def _expired(request):
    request.session.pop(signin.PENDING_KEY, None)
    messages.error(request, _("Votre connexion a expiré : saisissez à nouveau vos identifiants."))
    return redirect("accounts:login")


def _check(form, device: TOTPDevice) -> bool:
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            "code", _("Trop de codes incorrects : attendez une minute avant de réessayer.")
        )
        return False
    if not device.verify_token(form.cleaned_data["code"]):
        form.add_error(
            "code",
            _(
                "Code incorrect ou expiré. Saisissez le code affiché maintenant par votre "
                "application."
            ),
        )
        return False
    return True


@require_http_methods(["GET", "POST"])
def verify(request):
    user = signin.pending_user(request)
    if user is None:
        return _expired(request)
    device = signin.confirmed_device(user)
    if device is None:
        return redirect("identity:totp_enrol")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(form, device):
        return signin.finish_pending(request, user, device)
    return render(request, "identity/totp_verify.html", {"form": form})


@require_http_methods(["GET", "POST"])
def enrol(request):
    user = signin.pending_user(request)
    if user is None:
        return _expired(request)
    if signin.confirmed_device(user):
        return redirect("identity:totp_verify")
    # The same unconfirmed device across reloads: the QR code scanned stays valid.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(form, device):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(request, _("La vérification en deux étapes est activée sur votre compte."))
        return signin.finish_pending(request, user, device)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr_code": segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=False),
    }
    return render(request, "identity/totp_enrol.html", context)
