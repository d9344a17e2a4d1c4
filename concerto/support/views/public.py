"""The public page of the CIPC's support offer."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from concerto.support.abilities import may_request


@require_safe
def offer(request):
    return render(request, "support/offer.html", {"may_request": may_request(request.user)})
