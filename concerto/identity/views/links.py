"""E-mail sign-in with a one-time link, for everyone, whatever the providers' state."""

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.accounts import confirmation
from concerto.accounts.models import User
from concerto.identity import magiclink, signin
from concerto.identity.forms import SignInLinkForm
from concerto.identity.views.accounts import TOO_MANY_EMAILS
from concerto.siteurl import absolute_url


@require_http_methods(["GET", "POST"])
def request_link(request):
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not confirmation.may_send(request, email):
            form.add_error("email", TOO_MANY_EMAILS)
            return render(request, "identity/request_link.html", {"form": form})
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is not None:
            link = absolute_url(reverse("identity:sign_in_link", args=[magiclink.make_token(user)]))
            context = {"user": user, "link": link, "minutes": magiclink.MAX_AGE // 60}
            send_mail(
                _("Votre lien de connexion à Concerto"),
                render_to_string("identity/emails/sign_in_link.txt", context),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        # The same answer whether or not an account exists: no address is revealed.
        messages.success(
            request,
            _(
                "Si un compte existe avec cette adresse, un lien de connexion valable "
                "%(minutes)s minutes vient de lui être envoyé."
            )
            % {"minutes": magiclink.MAX_AGE // 60},
        )
        return redirect("identity:request_link")
    return render(request, "identity/request_link.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_in_link(request, token: str):
    """GET only shows a button: mail scanners that follow links must not spend them."""
    user = magiclink.check_token(token)
    if user is None:
        return render(request, "identity/sign_in_link.html", {"valid": False}, status=410)
    if request.method == "POST":
        # Opening the link proves the address: it confirms it and lifts a lockout.
        confirmation.confirm_address(user)
        return signin.begin_session(request, user)
    return render(request, "identity/sign_in_link.html", {"valid": True, "email": user.email})
