"""Moderators merge proposals carrying the same idea."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.folding import french_order
from concerto.formerrors import add_errors
from concerto.participation.models import Contribution, ContributionKind
from concerto.proposals.actions import merge_proposals
from concerto.proposals.forms import MergeForm
from concerto.proposals.models import MergeEvent
from concerto.proposals.views.common import proposals_module


@require_http_methods(["GET", "HEAD", "POST"])
def merge(request, slug: str, module_id: int):
    module, abilities = proposals_module(request, slug, module_id)
    if not abilities["moderate"]:
        raise PermissionDenied
    proposals = (
        Contribution.objects.published()
        .filter(module=module, kind=ContributionKind.PROPOSAL, merged_into__isnull=True)
        .order_by(*french_order("title"), "pk")
    )
    if request.method == "POST":
        form = MergeForm(request.POST, proposals=proposals)
        if form.is_valid():
            data = form.cleaned_data
            try:
                merge_proposals(
                    data["source"], data["target"], actor=request.user, note=data["note"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("« %(source)s » est fusionnée avec « %(target)s ». Leurs auteurs sont "
                      "prévenus.") % {"source": data["source"].title,
                                      "target": data["target"].title},
                )  # fmt: skip
                return redirect(reverse("proposals:merge", args=[slug, module.pk]))
    else:
        source = request.GET.get("source", "")
        form = MergeForm(
            proposals=proposals, initial={"source": int(source)} if source.isdigit() else {}
        )
    history = (
        MergeEvent.objects.filter(source__module=module)
        .select_related("source", "target", "actor")
        .order_by("-at", "-pk")
    )
    context = {
        "module": module,
        "process": module.process,
        "form": form,
        "history": history,
        "breadcrumb": {
            "id": "breadcrumb",
            "links": [
                {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
                {"url": module.process.get_absolute_url(), "title": module.process.title},
                {"url": module.get_absolute_url(), "title": module.title},
            ],
            "current": _("Fusionner des propositions"),
        },
    }
    return render(request, "proposals/merge.html", context)
