"""Public panel page: quotas, pool aggregates, probability distribution, seed and lottery.

Never shows who is in the pool: only counts, and the pseudonymous lottery.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto.panels.models import M_TICKETS, Panel
from concerto.processes.models import Process


def _published_panel(slug: str, panel_id: int) -> Panel:
    process = get_object_or_404(Process.objects.published(), slug=slug)
    panel = get_object_or_404(Panel, pk=panel_id, process=process)
    if panel.status != Panel.Status.PUBLISHED:
        raise Http404
    panel.process = process
    return panel


@require_safe
def public(request, slug: str, panel_id: int):
    panel = _published_panel(slug, panel_id)
    quotas = [
        {
            "quota": quota,
            "pool": panel.pool_counts.get(quota.category, {}).get(quota.value, 0),
            "selected": panel.selected_counts.get(quota.category, {}).get(quota.value, 0),
        }
        for quota in panel.quotas.all()
    ]
    draws = list(panel.draws.all())
    for draw in draws:
        draw.command = (
            f"uv run concerto sortition verify --lottery {draw.lottery_filename} "
            f"--seed {_shell_quote(draw.seed)}"
        )
    context = {
        "panel": panel,
        "process": panel.process,
        "quotas": quotas,
        "draws": draws,
        "lottery_size": draws[0].lottery["m"] if draws else M_TICKETS,
        "recommendations": panel.recommendations.select_related(
            "answer__status", "answer__process"
        ),
        "breadcrumb": {
            "id": "breadcrumb",
            "links": [
                {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
                {"url": panel.process.get_absolute_url(), "title": panel.process.title},
            ],
            "current": panel.name,
        },
    }
    return render(request, "panels/public.html", context)


def _shell_quote(value: str) -> str:
    safe = all(c.isalnum() or c in "-_.:/+=," for c in value)
    return value if safe and value else "'" + value.replace("'", "'\\''") + "'"


@require_safe
def lottery(request, slug: str, panel_id: int, draw_id: int):
    panel = _published_panel(slug, panel_id)
    draw = get_object_or_404(panel.draws, pk=draw_id)
    response = HttpResponse(
        json.dumps(draw.lottery, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{draw.lottery_filename}"'
    return response
