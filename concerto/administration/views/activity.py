"""The activity log: every staff action with its author, object, date and reason;
filtered, paged, exported as shown."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto.activity.models import Entry
from concerto.administration.forms import ActivityFilterForm
from concerto.administration.views.common import PER_PAGE, breadcrumb, require_manager
from concerto.downloads import csv_download
from concerto.folding import french_sort_key, matching_words
from concerto.pagination import paginate, query_without_page
from concerto.staffaccess import record_staff_access

SEARCHED = ("summary", "target_label", "reason", "actor__first_name", "actor__last_name",
            "actor__email")  # fmt: skip
CSV_HEADER = ["date", "auteur", "action", "type_objet", "objet", "motif"]


def _kinds() -> list[tuple[str, str]]:
    """The types of object the log mentions, by their French name."""
    used = Entry.objects.values_list("target_type", flat=True).distinct().order_by()
    types = ContentType.objects.filter(pk__in=used)
    kinds = [(str(kind.pk), _type_name(kind)) for kind in types]
    return sorted(kinds, key=lambda kind: french_sort_key(kind[1]))


def _type_name(kind: ContentType | None) -> str:
    model = kind.model_class() if kind else None
    return str(model._meta.verbose_name).capitalize() if model else _("Objet supprimé")


def _midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(request) -> tuple[ActivityFilterForm, object]:
    form = ActivityFilterForm(request.GET or None, kinds=_kinds())
    entries = Entry.objects.select_related("actor", "target_type")
    order = ("-at", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        entries = matching_words(entries, data["q"], SEARCHED)
        if data["kind"]:
            entries = entries.filter(target_type_id=data["kind"])
        if data["since"]:
            entries = entries.filter(at__gte=_midnight(data["since"]))
        if data["until"]:
            entries = entries.filter(at__lt=_midnight(data["until"] + timedelta(days=1)))
        if data["order"]:
            order = ("at", "pk")
    elif form.is_bound:
        entries = entries.none()  # a wrong filter shows its error, not the whole log
    return form, entries.order_by(*order)


def _author(entry: Entry) -> str:
    if entry.actor is None:  # a scheduled task, or an account erased since
        return _("Automatique ou compte supprimé")
    return entry.actor.get_full_name() or entry.actor.email


@require_safe
@login_required
def activity(request):
    require_manager(request)
    form, entries = _filtered(request)
    page_obj = paginate(request, entries, PER_PAGE)
    for entry in page_obj:
        entry.author = _author(entry)
        entry.kind = _type_name(entry.target_type)
    context = {
        "form": form,
        "page_obj": page_obj,
        "export_query": query_without_page(request),
        "breadcrumb": breadcrumb(_("Journal d'activité")),
    }
    return render(request, "administration/activity.html", context)


@require_safe
@login_required
def activity_csv(request):
    require_manager(request)
    _form, entries = _filtered(request)
    record_staff_access(request, _("Journal d'activité"), request.GET.urlencode() or _("tout"))
    rows = (
        [timezone.localtime(entry.at).isoformat(timespec="seconds"), _author(entry),
         entry.summary, _type_name(entry.target_type), entry.target_label, entry.reason]
        for entry in entries.iterator(chunk_size=500)
    )  # fmt: skip
    return csv_download(f"journal-activite-{timezone.localdate():%Y-%m-%d}.csv", CSV_HEADER, rows)
