from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from concerto.accounts import actions, confirmation
from concerto.accounts.forms import LoginForm, NewPasswordForm, ResetRequestForm, SignupForm
from concerto.identity import signin
from concerto.identity.providers import enabled_providers
from concerto.identity.views.oidc import provider_logout
from concerto.siteurl import email_link_parts


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not user.email_verified:
            # Right password, address never proved: no session until the link is opened.
            if confirmation.may_send(self.request, user.email):
                confirmation.send_confirmation(self.request, user)
            form.add_error(None, UNCONFIRMED_SIGN_IN)
            return self.form_invalid(form)
        # The session starts only after the second factor for the roles that need one.
        return signin.begin_session(self.request, user, next_url=self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**providers_context(), **kwargs)


def providers_context() -> dict:
    """The identity providers offered on the sign-in and sign-up pages."""
    return {
        "providers": enabled_providers(),
        "demo_identity_providers": settings.DEMO_IDENTITY_PROVIDERS,
    }


UNCONFIRMED_SIGN_IN = _lazy(
    "Votre adresse électronique n'est pas encore confirmée. Ouvrez le lien de confirmation "
    "que nous venons de vous envoyer (pensez à vos courriers indésirables), puis "
    "connectez-vous."
)
TOO_MANY_EMAILS = _lazy(
    "Plusieurs courriels ont déjà été envoyés à cette adresse depuis moins d'une heure : "
    "consultez votre messagerie (et vos courriers indésirables) ou réessayez dans une heure."
)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        # Someone signed in through a provider also leaves the provider's session.
        return provider_logout(request) or super().post(request, *args, **kwargs)


def other_sign_in_door(request, default_next: str):
    """Django's and Wagtail's own sign-in pages lead to the platform's, with its second
    factor: there is one door into the platform. A signed-in person sent here lacks access
    to that space: they get the 403 page (sending them to sign in again would loop)."""
    if request.user.is_authenticated:
        raise PermissionDenied
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = default_next
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url or default_next})}")


@require_http_methods(["GET", "POST"])
def signup(request):
    """Create an unconfirmed account, or tell the address's owner it already has one: the
    page answers the same in both cases, so it reveals no address."""
    if request.user.is_authenticated:
        return redirect("dashboards:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not confirmation.may_send(request, email):
            form.add_error("email", TOO_MANY_EMAILS)
        else:
            user, _created = actions.register_user(
                email=email,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
            if actions.claimed(user):
                confirmation.send_already_registered(request, user)
            else:
                confirmation.send_confirmation(request, user)
            request.session[SIGNUP_SENT_KEY] = email
            return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form, **providers_context()})


SIGNUP_SENT_KEY = "accounts_signup_sent_to"


def signup_sent(request):
    email = request.session.get(SIGNUP_SENT_KEY)
    if not email:
        return redirect("accounts:signup")
    days = confirmation.MAX_AGE // 86400
    return render(request, "accounts/signup_sent.html", {"email": email, "days": days})


@require_http_methods(["GET", "POST"])
def confirm_address(request, token: str):
    """GET only shows a button: mail scanners that follow links must not spend them."""
    user = confirmation.check_token(token)
    if user is None:
        return render(request, "accounts/confirm_address.html", {"valid": False}, status=410)
    if request.method == "POST":
        confirmation.confirm_address(user)
        messages.success(request, _("Votre adresse est confirmée. Bienvenue sur Concerto."))
        return signin.begin_session(request, user)
    return render(request, "accounts/confirm_address.html", {"valid": True, "email": user.email})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/emails/password_reset.txt"
    html_email_template_name = "accounts/emails/password_reset.html"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        # The link opens on the public address, not on the host the request came by.
        return email_link_parts()

    def form_valid(self, form):
        if not confirmation.may_send(self.request, form.cleaned_data["email"]):
            form.add_error("email", TOO_MANY_EMAILS)
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Resetting proves the address: it confirms it and lifts a lockout on the account.
        confirmation.confirm_address(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
