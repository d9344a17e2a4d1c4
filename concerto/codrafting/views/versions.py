"""The published versions of the text and what changed from each to the next, each
change naming the suggestions it comes from."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto.codrafting import queries
from concerto.codrafting.changes import version_changes
from concerto.codrafting.models import TextVersion
from concerto.codrafting.views.common import public_breadcrumb, public_module


@require_safe
def versions(request, slug: str, module_id: int):
    module, abilities = public_module(request, slug, module_id)
    context = {
        "module": module,
        "process": module.process,
        "versions": list(queries.published_versions(module).order_by("-number")),
        "breadcrumb": public_breadcrumb(module, _("Versions du texte"), inner=True),
    }
    return render(request, "codrafting/versions.html", context)


@require_safe
def version_page(request, slug: str, module_id: int, number: int):
    """Version `number` and its changes from the previous published version."""
    module, abilities = public_module(request, slug, module_id)
    version = get_object_or_404(
        TextVersion, module=module, number=number, published_at__isnull=False
    )
    previous = (
        queries.published_versions(module).filter(number__lt=number).order_by("-number").first()
    )
    if previous is None and number != 1:
        raise Http404
    context = {
        "module": module,
        "process": module.process,
        "version": version,
        "previous": previous,
        "changes": version_changes(previous, version) if previous else None,
        "units": list(version.units.order_by("position", "pk")),
        "breadcrumb": public_breadcrumb(
            module, _("Version %(number)s") % {"number": number}, inner=True
        ),
    }
    return render(request, "codrafting/version.html", context)
