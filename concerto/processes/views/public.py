"""The public registry: published processes, one page per process, the agenda."""

from datetime import datetime, time
from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto import pagecache
from concerto.pagination import paginate
from concerto.processes import sections
from concerto.processes.filters import PublicFilterForm
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from concerto.processes.scopes import page_scope
from concerto.processes.search import suggestion

PAGE_SIZE = 12


def opinion_is_public(process: Process) -> bool:
    """The sponsor may delay the opinion until participation opens, never suppress it."""
    return not (process.publish_opinion_at_launch and process.status == Status.PUBLISHED)


@require_safe
def process_list(request):
    form = PublicFilterForm(request.GET)
    processes = form.filter(
        Process.objects.published()
        .select_related("ministry")
        .prefetch_related("themes")
        .order_by("-published_at", "-pk")
    )
    page_obj = paginate(request, processes, PAGE_SIZE)
    query = form.cleaned_data.get("q") or ""
    nearby = suggestion(query, Process.objects.published()) if query and not page_obj else None

    context = {
        "form": form,
        "page_obj": page_obj,
        "suggestion": nearby,
        # What other domains mark on the cards (the follow-up's "late"): a query each.
        "badges": sections.badges(),
    }
    return render(request, "processes/public/list.html", context)


def _page_scopes(slug: str) -> list[str]:
    """What a process page shows, renewed by every row it shows (processes/scopes.py)."""
    return [page_scope(slug)]


@require_safe
@pagecache.for_visitors(_page_scopes)
@pagecache.for_members(_page_scopes)
def process_detail(request, slug: str):
    """The page is the same for every reader but its follow button: kept whole for
    visitors, and for signed-in readers with both states of the button (each reader
    served theirs); its body, kept apart, serves both when one of them is made again."""
    # Published means public: anyone may read it (process_abilities' "view"). The frame
    # shows three columns; the body, made on a miss only, reads the whole row.
    process = get_object_or_404(
        Process.objects.published().only("title", "slug", "status"), slug=slug
    )
    body = pagecache.fragment(
        request, _page_scopes(slug), f"process-body:{slug}",
        "processes/public/detail_body.html", lambda: _body_context(process.pk),
    )  # fmt: skip
    context = {
        "process": process,
        "breadcrumb": {
            "id": "breadcrumb",
            "links": [{"url": reverse("processes:public_list"), "title": _("Dispositifs")}],
            "current": process.title,
        },
        "body": body,
    }
    return render(request, "processes/public/detail.html", context)


def _body_context(pk: int) -> dict:
    process = (
        Process.objects.select_related("ministry", "directorate", "referral__opinion__version")
        # The page shows the opinion's version number only: the frozen description and
        # its pre-check are JSON documents that took most of a signed-in reader's request
        # to decode (14 ms of 32, cProfile).
        .defer("referral__opinion__version__snapshot", "referral__opinion__version__precheck")
        .get(pk=pk)
    )
    referral = getattr(process, "referral", None)
    opinion = getattr(referral, "opinion", None)
    return {
        "process": process,
        "themes": process.themes.all(),
        "sources": process.sources.all(),
        # What other domains show on the page (the follow-up's commitments).
        "sections": sections.sections(process),
        "opinion": opinion,
        "opinion_delayed": opinion is not None and not opinion_is_public(process),
        "recommendations": opinion.recommendations.all() if opinion else [],
        "modules": process.modules.filter(published=True),
        "panels": process.panels.filter(status="published"),
        "today": timezone.localdate(),
    }


@require_safe
def agenda(request):
    """Open and upcoming participation, month by month: processes (open ones under the
    current month) and what other domains add (the public meetings to come), in date
    order."""
    today = timezone.localdate()
    processes = (
        Process.objects.published()
        .filter(
            status__in=[Status.PUBLISHED, Status.OPEN],
            participation_start__isnull=False,
            participation_end__gte=today,
        )
        .select_related("ministry")
        .order_by("participation_start", "title")
    )
    entries = [_process_entry(process, today) for process in processes]
    entries += sections.agenda_entries(today)
    entries.sort(key=lambda entry: (entry["day"], entry["moment"], entry["title"]))
    months = [
        (first_day, list(group))
        for first_day, group in groupby(entries, key=lambda entry: entry["day"].replace(day=1))
    ]
    return render(request, "processes/public/agenda.html", {"months": months, "today": today})


def _process_entry(process: Process, today) -> dict:
    # Open participation belongs to today, whatever its planned start.
    day = today if process.status == Status.OPEN else max(process.participation_start, today)
    moment = datetime.combine(process.participation_start, time.min)
    return {"day": day, "moment": moment, "title": process.title, "process": process}
