"""The newsletter's public pages (subscribe, confirm, ask for an unsubscribe link) and
the editors' test send. None of the public answers says whether an address is known."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto import ratelimit
from concerto.clientaddress import client_address
from concerto.identity.views.accounts import TOO_MANY_EMAILS
from concerto.mailing.models import normalised
from concerto.newsletter import actions, emails
from concerto.newsletter.forms import EmailForm, SubscribeForm
from concerto.newsletter.models import NewsletterEditionPage, NewsletterIndexPage, Subscriber
from concerto.newsletter.tokens import MAX_AGE_DAYS, check_token, make_token
from concerto.resources.editors import is_resource_editor

# At most one e-mail per address and hour (rate limit "newsletter_email"), whatever the
# number of requests: a mailbox cannot be flooded from the form.
PER_ADDRESS = "newsletter_email"


def _client_may_send(request) -> bool:
    address = client_address(request)
    return ratelimit.allow("account_email_client", [f"ip:{address}"] if address else [])


def _archive_url() -> str:
    archive = NewsletterIndexPage.objects.live().first()
    return archive.url if archive else ""


def _verified_address(user) -> str:
    if user.is_authenticated and user.email_verified:
        return normalised(user.email)
    return ""


@require_http_methods(["GET", "POST"])
def subscribe(request):
    own_address = _verified_address(request.user)
    form = SubscribeForm(request.POST or None, initial={"email": own_address})
    if request.method == "POST" and form.is_valid():
        email, audience = form.cleaned_data["email"], form.cleaned_data["audience"]
        if own_address and email == own_address:
            actions.subscribe_account(request.user, audience=audience)
            messages.success(
                request,
                _("Votre abonnement est enregistré : les prochaines lettres iront à %(email)s.")
                % {"email": email},
            )
            return redirect("newsletter:subscribe")
        if not _client_may_send(request):
            form.add_error("email", TOO_MANY_EMAILS)
        else:
            if ratelimit.allow(PER_ADDRESS, [f"subscribe:{email}"]):
                subscriber, audience = actions.request_subscription(email=email, audience=audience)
                emails.send_confirmation(subscriber, make_token(subscriber, audience))
            messages.success(request, SENT_MESSAGE % {"days": MAX_AGE_DAYS})
            return redirect("newsletter:subscribe")
    subscription = Subscriber.objects.filter(email=own_address).first() if own_address else None
    context = {"form": form, "archive_url": _archive_url(), "subscription": subscription}
    return render(request, "newsletter/subscribe.html", context, status=400 if form.errors else 200)


# The same words whether the address was new, waiting for confirmation or confirmed.
SENT_MESSAGE = _(
    "Merci. Un message vient de partir vers cette adresse : ouvrez le lien qu'il contient "
    "(valable %(days)s jours) pour confirmer votre abonnement. Sans cette confirmation, "
    "aucune lettre ne vous sera envoyée. Vous ne le trouvez pas ? Vérifiez vos courriers "
    "indésirables ; un nouveau message peut être demandé au bout d'une heure."
)


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET only shows a button: mail scanners that follow links must not spend them."""
    found = check_token(token)
    if found is None:
        return render(request, "newsletter/confirm.html", {"valid": False}, status=410)
    subscriber, audience = found
    if request.method == "POST":
        try:
            actions.confirm_subscription(subscriber, audience)
        except ValueError:  # unsubscribed since the link was checked: it no longer holds
            return render(request, "newsletter/confirm.html", {"valid": False}, status=410)
        messages.success(
            request,
            _("Votre abonnement est confirmé : la prochaine lettre vous parviendra à %(email)s.")
            % {"email": subscriber.email},
        )
        return redirect(_archive_url() or reverse("newsletter:subscribe"))
    context = {"valid": True, "email": subscriber.email, "audience": audience}
    return render(request, "newsletter/confirm.html", context)


@require_http_methods(["GET", "POST"])
def unsubscribe_request(request):
    """Whoever lost the lettre's own link gets one by e-mail (never on the page: only the
    address's owner may unsubscribe it)."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not _client_may_send(request):
            form.add_error("email", TOO_MANY_EMAILS)
        else:
            receiving = Subscriber.objects.filter(
                email=email, confirmed_at__isnull=False, unsubscribed_at__isnull=True
            ).exists()
            if receiving and ratelimit.allow(PER_ADDRESS, [f"unsubscribe:{email}"]):
                emails.send_unsubscribe_link(email)
            messages.success(
                request,
                _(
                    "Si cette adresse reçoit la lettre, un message vient de lui être envoyé avec "
                    "le lien de désabonnement."
                ),
            )
            return redirect("newsletter:unsubscribe_request")
    return render(
        request, "newsletter/unsubscribe_request.html", {"form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def test_send(request, pk: int):
    """CIPC editors send the edition's latest version to their own address only."""
    if not is_resource_editor(request.user):
        raise PermissionDenied
    edition = get_object_or_404(NewsletterEditionPage, pk=pk)
    if request.method == "POST":
        if ratelimit.allow("newsletter_test_send", [f"{request.user.pk}:{edition.pk}"]):
            address = actions.send_test(edition, editor=request.user)
            messages.success(
                request, _("L'essai est parti vers votre adresse, %(email)s.") % {"email": address}
            )
        else:
            messages.info(
                request,
                _("Un essai de cette édition vient de partir ; le suivant, dans une minute."),
            )
        return redirect("newsletter:test_send", pk=edition.pk)
    context = {
        "edition": edition.get_latest_revision_as_object(),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[edition.pk]),
    }
    return render(request, "newsletter/test_send.html", context)
