"""Public panel page: quotas, pool aggregates, probability distribution, seed and lottery.

The page exists from the lottery's publication, before the seed is drawn; each draw
follows (a replacement's lottery, too, before its seed); the panel's composition and
its recommendations appear once the panel is published. Never shows who is in the
pool: only counts, and the pseudonymous lottery, where a volunteer finds their own code.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto.panels.forms import TicketCodeForm
from concerto.panels.models import M_TICKETS, Panel
from concerto.panels.tickets import look_up
from concerto.processes.models import Process


def _published_panel(slug: str, panel_id: int) -> Panel:
    process = get_object_or_404(Process.objects.published(), slug=slug)
    panel = get_object_or_404(Panel, pk=panel_id, process=process)
    if not panel.is_public:
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
    published = panel.status == Panel.Status.PUBLISHED
    draws = list(panel.draws.all())
    for draw in draws:
        # A draw whose seed is awaited has its lottery to check, no command to re-run.
        draw.command = ""
        if not draw.pending:
            draw.command = (
                f"uv run concerto sortition verify --lottery {draw.lottery_filename} "
                f"--seed {_shell_quote(draw.seed)}"
            )
    code_form = TicketCodeForm(request.GET if "code" in request.GET else None, auto_id="ticket_%s")
    lookup = None
    if panel.lottery and code_form.is_valid():
        lookup = look_up(panel, code_form.cleaned_data["code"])
    context = {
        "panel": panel,
        "process": panel.process,
        "quotas": quotas,
        "published": published,
        "draws": draws,
        "code_form": code_form if panel.lottery else None,
        "lookup": lookup,
        "lottery_size": panel.lottery["m"] if panel.lottery else M_TICKETS,
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
def panel_lottery(request, slug: str, panel_id: int):
    """The lottery as published before the seed (the initial draw's lottery)."""
    panel = _published_panel(slug, panel_id)
    if not panel.lottery:
        raise Http404
    return _lottery_file(panel.lottery, panel.lottery_filename)


@require_safe
def lottery(request, slug: str, panel_id: int, draw_id: int):
    panel = _published_panel(slug, panel_id)
    draw = get_object_or_404(panel.draws, pk=draw_id)
    return _lottery_file(draw.lottery, draw.lottery_filename)


def _lottery_file(lottery: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(lottery, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
