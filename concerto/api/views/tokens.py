"""A ministry's referent creates and revokes the organisation's API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.accounts.models import Organisation
from concerto.accounts.roles import OrganisationKind, Role
from concerto.api import actions
from concerto.api.forms import TokenForm
from concerto.api.models import ApiToken
from concerto.formerrors import add_errors

SECRET_SESSION_KEY = "api_new_token"


def _managed_organisations(user):
    if user.is_superuser:
        return Organisation.objects.filter(kind=OrganisationKind.MINISTRY)
    return Organisation.objects.filter(pk__in=user.ministry_ids(Role.REFERENT))


@require_http_methods(["GET", "POST"])
@login_required
def tokens(request):
    organisations = _managed_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = TokenForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, secret = actions.create_token(
                data["organisation"], actor=request.user, name=data["name"], scopes=data["scopes"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            # Shown once, after the redirect, then forgotten: only its hash is kept.
            request.session[SECRET_SESSION_KEY] = {"id": token.pk, "secret": secret}
            return redirect("api:tokens")
    new_token = request.session.pop(SECRET_SESSION_KEY, None)
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(organisation__in=organisations).select_related(
            "organisation", "created_by"
        ),
        "new_token": new_token,
        "docs_url": reverse("api:docs"),
    }
    return render(request, "api/tokens.html", context)


@require_POST
@login_required
def revoke(request, token_id: int):
    token = get_object_or_404(
        ApiToken, pk=token_id, organisation__in=_managed_organisations(request.user)
    )
    actions.revoke_token(token, actor=request.user)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("api:tokens")
