"""The public moderation log of a process: what was hidden or restored, when, in which
module and under which rule of the charter — never the hidden text, nor its author."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto.pagination import paginate
from concerto.participation.models import ModerationEvent
from concerto.processes.models import Process


@require_safe
def moderation_log(request, slug: str):
    process = get_object_or_404(Process.objects.published(), slug=slug)
    events = (
        ModerationEvent.objects.filter(contribution__module__process=process)
        .select_related("contribution__module")
        .only("action", "reason", "at", "contribution__kind", "contribution__module__title")
        .order_by("-at", "-pk")
    )
    totals = events.aggregate(
        hidden=Count("pk", filter=Q(action=ModerationEvent.Action.HIDE)),
        restored=Count("pk", filter=Q(action=ModerationEvent.Action.RESTORE)),
    )
    context = {
        "process": process,
        "page_obj": paginate(request, events, 50),
        "totals": totals,
        "breadcrumb": {
            "links": [
                {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
                {"url": process.get_absolute_url(), "title": process.title},
            ],
            "current": _("Journal de modération"),
        },
    }
    return render(request, "participation/moderation_log.html", context)
