"""A signed-in person's identities (link, unlink) and the organisation ProConnect proposes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.accounts.models import Organisation
from concerto.identity import actions
from concerto.identity.models import Provider
from concerto.identity.providers import enabled_providers
from concerto.identity.views.oidc import PROPOSED_ORGANISATION_KEY


@login_required
def identities(request):
    linked = list(request.user.linked_identities.all())
    taken = {identity.provider for identity in linked}
    available = [
        {"name": name, "label": Provider(name).label}
        for name in enabled_providers()
        if name not in taken
    ]
    return render(request, "identity/identities.html", {"linked": linked, "available": available})


@login_required
@require_POST
def unlink(request, identity_id: int):
    if actions.unlink_identity(request.user, identity_id):
        messages.success(
            request,
            _("L'identité a été retirée. Vous pouvez toujours vous connecter par courriel."),
        )
    return redirect("identity:identities")


@login_required
@require_http_methods(["GET", "POST"])
def organisation(request):
    pk = request.session.get(PROPOSED_ORGANISATION_KEY)
    proposed = Organisation.objects.filter(pk=pk).first() if pk else None
    if proposed is None:
        return redirect("dashboards:home")
    if request.method == "POST":
        request.session.pop(PROPOSED_ORGANISATION_KEY, None)
        if request.POST.get("decision") == "join":
            actions.join_organisation(request.user, proposed)
            messages.success(
                request,
                _("Vous êtes rattaché à %(organisation)s comme agent public.")
                % {"organisation": proposed.name},
            )
        return redirect("dashboards:home")
    return render(request, "identity/organisation.html", {"organisation": proposed})
