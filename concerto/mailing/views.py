from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from concerto.mailing import unsubscribe as unsubscription


def _subscribed(scope, address: str) -> bool | None:
    return scope.is_subscribed(address) if scope.is_subscribed else None


# No CSRF token: mail clients send RFC 8058's one-click POST without one. The signed
# token in the URL is the authority, and only the mailbox's reader has it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    read = unsubscription.read_unsubscribe_token(token)
    scope = unsubscription.scope_for(read[1]) if read else None
    if read is None or scope is None:
        return render(request, "mailing/invalid_link.html", status=404)
    address, scope_name = read
    if request.method == "POST":
        unsubscription.unsubscribe(address, scope_name)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=204)  # a mail client, not a person: no page
        return redirect(f"{request.path}?fait=1")
    return render(
        request,
        "mailing/unsubscribe.html",
        {
            "address": address,
            "scope": scope,
            "done": request.GET.get("fait") == "1",
            "subscribed": _subscribed(scope, address),
            "preferences_url": unsubscription.preferences_url(address),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    address = unsubscription.read_preferences_token(token)
    if address is None:
        return render(request, "mailing/invalid_link.html", status=404)
    if request.method == "POST":
        scope = unsubscription.scope_for(request.POST.get("scope", ""))
        if scope is not None:
            unsubscription.unsubscribe(address, scope.prefix)
        return redirect(request.path)
    rows = [(scope, _subscribed(scope, address)) for scope in unsubscription.scopes()]
    return render(request, "mailing/preferences.html", {"address": address, "rows": rows})
