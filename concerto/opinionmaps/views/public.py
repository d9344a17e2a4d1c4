"""Participants' pages: vote on statements one at a time, propose one, see the map."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.clientaddress import client_address
from concerto.formerrors import add_errors
from concerto.opinionmaps import actions, queries
from concerto.opinionmaps.chart import chart
from concerto.opinionmaps.forms import ProposeForm, VoteForm
from concerto.opinionmaps.models import Statement, Vote
from concerto.opinionmaps.views.common import public_breadcrumb, public_module
from concerto.participation.actions.common import RateLimited
from concerto.participation.views.common import RATE_LIMIT_MESSAGE

VOTE_RATE_LIMIT_MESSAGE = gettext_lazy(
    "Vous avez voté beaucoup de fois en peu de temps : patientez quelques minutes puis réessayez."
)
VOTE_MESSAGES = {
    Vote.AGREE: gettext_lazy("Vote enregistré : d'accord."),
    Vote.DISAGREE: gettext_lazy("Vote enregistré : pas d'accord."),
    Vote.PASS: gettext_lazy("Énoncé passé."),
}


def _render_module(request, module, abilities, form=None, status=200):
    statement, remaining = None, 0
    if request.user.is_authenticated:
        statement, remaining = queries.next_statement(module, request.user)
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "statement": statement,
        "remaining": remaining,
        "n_statements": Statement.objects.accepted().filter(module=module).count(),
        "form": form or ProposeForm(),
        "breadcrumb": public_breadcrumb(module, module.title),
    }
    return render(request, "opinionmaps/module.html", context, status=status)


@require_safe
def module_page(request, slug: str, module_id: int):
    module, abilities = public_module(request, slug, module_id)
    return _render_module(request, module, abilities)


@require_POST
def vote(request, slug: str, module_id: int):
    module, abilities = public_module(request, slug, module_id)
    if not request.user.is_authenticated:
        return redirect_to_login(module.get_absolute_url())
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ce vote n'a pas pu être lu : réessayez."))
        return redirect(module.get_absolute_url())
    statement = get_object_or_404(Statement, pk=form.cleaned_data["statement"], module=module)
    value = form.cleaned_data["value"]
    try:
        actions.cast_vote(
            statement, user=request.user, value=value, address=client_address(request)
        )
    except RateLimited:
        messages.error(request, VOTE_RATE_LIMIT_MESSAGE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, VOTE_MESSAGES[value])
    return redirect(f"{module.get_absolute_url()}#vote")


@require_http_methods(["POST"])
def propose(request, slug: str, module_id: int):
    module, abilities = public_module(request, slug, module_id)
    if not request.user.is_authenticated:
        return redirect_to_login(module.get_absolute_url())
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            actions.propose_statement(
                module, author=request.user, text=form.cleaned_data["text"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                address=client_address(request),
            )  # fmt: skip
        except RateLimited:
            form.add_error(None, RATE_LIMIT_MESSAGE)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Merci ! Votre énoncé sera proposé au vote une fois validé par la modération."),
            )
            return redirect(f"{module.get_absolute_url()}#proposer")
    return _render_module(request, module, abilities, form=form, status=400)


@require_safe
def map_page(request, slug: str, module_id: int):
    module, abilities = public_module(request, slug, module_id)
    # Votes arrived since a map that is now stale: queue an update for the next visitor.
    actions.schedule_recompute(module)
    result = queries.latest_map(module)
    data = result.data if result is not None and not result.insufficient else {}
    texts = dict(Statement.objects.filter(module=module).values_list("pk", "text"))
    groups = [
        {**g, "representative": [{**r, "text": texts.get(r["statement_id"], "")}
                                 for r in g["representative"]]}
        for g in data.get("groups", [])
    ]  # fmt: skip
    consensus = [{**c, "text": texts.get(c["statement_id"], "")} for c in data.get("consensus", [])]
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "result": result,
        "groups": groups,
        "consensus": consensus,
        "n_grouped": sum(g["size"] for g in groups),
        "chart": chart(data) if groups else None,
        "manage_url": reverse(
            "opinionmaps:manage", kwargs={"pk": module.process_id, "module_id": module.pk}
        ),
        "breadcrumb": public_breadcrumb(module, _("Carte des opinions"), inner=True),
    }
    return render(request, "opinionmaps/map.html", context)
