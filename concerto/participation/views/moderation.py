from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from concerto.accounts.roles import Role
from concerto.folding import matching_words
from concerto.formerrors import flash_errors
from concerto.forms import posted_text, ticked
from concerto.pagination import paginate
from concerto.participation import actions
from concerto.participation.forms import HideForm, ReportForm, StateQueueForm
from concerto.participation.models import Contribution
from concerto.processes.views.common import process_for
from concerto.redirects import local_path

FILTERS = {
    "signalees": Q(open_reports__gt=0, status=Contribution.Status.PUBLISHED),
    "masquees": Q(status=Contribution.Status.HIDDEN),
    "toutes": Q(),
}


def _with_reports(contributions):
    return contributions.annotate(
        open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True))
    ).select_related("module__process", "author")


def _current(request) -> str:
    current = request.GET.get("filtre", "signalees")
    return current if current in FILTERS else "signalees"


def _hide_selection(request, contributions, bulk_form) -> bool:
    """Hide the contributions ticked on the page (only among `contributions`)."""
    selected = ticked(contributions, request.POST)
    if not selected:
        messages.error(request, _("Sélectionnez au moins une contribution."))
        return False
    if not bulk_form.is_valid():
        return False
    for contribution in selected:
        actions.hide_contribution(
            contribution, actor=request.user, reason=bulk_form.cleaned_data["reason"],
            note=bulk_form.cleaned_data["note"],
        )  # fmt: skip
    messages.success(
        request,
        ngettext("%(count)s contribution masquée.", "%(count)s contributions masquées.",
                 len(selected)) % {"count": len(selected)},
    )  # fmt: skip
    return True


def _counts(contributions) -> dict:
    return contributions.aggregate(
        reported=Count("pk", filter=Q(open_reports__gt=0, status=Contribution.Status.PUBLISHED)),
        hidden=Count("pk", filter=Q(status=Contribution.Status.HIDDEN)),
        total=Count("pk"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def queue(request, pk: int):
    """The moderators' queue: reported first, then hidden, then everything; bulk hiding."""
    process, abilities = process_for(request, pk, "moderate")
    current = _current(request)
    contributions = _with_reports(Contribution.objects.filter(module__process=process))
    bulk_form = HideForm(request.POST or None, prefix="bulk")
    if request.method == "POST" and _hide_selection(request, contributions, bulk_form):
        return redirect(f"{request.path}?filtre={current}")
    context = {
        "process": process,
        "abilities": abilities,
        "current": current,
        "counts": _counts(contributions),
        "contributions": contributions.filter(FILTERS[current]).order_by("-open_reports", "-pk")[
            :200
        ],
        "bulk_form": bulk_form,
        "hide_form": HideForm(),
    }
    return render(request, "participation/moderation.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def state_queue(request):
    """The CIPC's queue over every process of the State: the same filters and actions,
    searchable by process or ministry, page by page."""
    if Role.CIPC_ADVISOR not in request.user.roles:
        raise PermissionDenied
    current = _current(request)
    form = StateQueueForm(request.GET or None)
    contributions = _with_reports(Contribution.objects.all())
    if form.is_valid():
        contributions = matching_words(
            contributions, form.cleaned_data["q"],
            ("module__process__title", "module__process__ministry__name",
             "module__process__ministry__short_name"),
        )  # fmt: skip
    bulk_form = HideForm(request.POST or None, prefix="bulk")
    if request.method == "POST" and _hide_selection(request, contributions, bulk_form):
        return redirect(request.get_full_path())
    shown = contributions.filter(FILTERS[current]).order_by("-open_reports", "-pk")
    context = {
        "form": form,
        "current": current,
        "counts": _counts(contributions),
        "page_obj": paginate(request, shown, 50),
        "bulk_form": bulk_form,
        "hide_form": HideForm(),
        "breadcrumb": {
            "links": [{"url": reverse("dashboards:home"), "title": _("Tableau de bord")}],
            "current": _("Modération sur toute la plateforme"),
        },
    }
    return render(request, "participation/moderation_state.html", context)


@require_POST
@login_required
def act(request, contribution_id: int):
    """Hide, restore, or exclude the author of one contribution."""
    contribution = get_object_or_404(
        Contribution.objects.select_related("module__process"), pk=contribution_id
    )
    process = contribution.module.process
    process_for(request, process.pk, "moderate")
    action = request.POST.get("action")
    try:
        if action == "hide":
            form = HideForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choisissez un motif de masquage."))
            actions.hide_contribution(
                contribution, actor=request.user, reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )  # fmt: skip
            messages.success(request, _("Contribution masquée ; son auteur en est informé."))
        elif action == "restore":
            actions.restore_contribution(contribution, actor=request.user)
            messages.success(request, _("Contribution rétablie."))
        elif action == "ban" and contribution.author_id:
            actions.ban_participant(
                contribution.module, actor=request.user, user=contribution.author,
                reason=posted_text(request.POST, "ban_reason"),
            )  # fmt: skip
            messages.success(request, _("L'auteur ne peut plus contribuer à ce dispositif."))
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect(f"{_back(request, process)}")


def _next(request) -> str:
    """The page to return to, when it is a path of this site ('' otherwise)."""
    return local_path(request, request.POST.get("next", ""))


def _back(request, process) -> str:
    return _next(request) or f"/espace/dispositifs/{process.pk}/moderation/"


@require_POST
@login_required
def report(request, contribution_id: int):
    contribution = get_object_or_404(Contribution, pk=contribution_id)
    if not contribution.module.get_abilities(request.user)["view"]:
        raise Http404
    if contribution.status != Contribution.Status.PUBLISHED:
        raise PermissionDenied
    form = ReportForm(request.POST)
    if form.is_valid():
        actions.report_contribution(
            contribution, reporter=request.user, reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
        )  # fmt: skip
        messages.success(request, _("Merci : la contribution est signalée aux modérateurs."))
    else:
        messages.error(request, _("Choisissez un motif de signalement."))
    return redirect(_next(request) or contribution.module.get_absolute_url())
