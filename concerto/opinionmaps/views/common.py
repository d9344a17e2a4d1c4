from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from concerto.opinionmaps.kind import OPINION_MAP
from concerto.participation.models import Module
from concerto.participation.views.common import module_for


def public_module(request, slug: str, module_id: int) -> tuple[Module, dict]:
    return module_for(request, slug, module_id, OPINION_MAP)


def organiser_module(request, pk: int, module_id: int) -> tuple[Module, dict]:
    """The opinion-map module `module_id` of process `pk`: 404 if it is not there or not
    visible to the user, 403 unless they moderate it."""
    module = get_object_or_404(
        Module.objects.select_related("process__ministry"),
        pk=module_id,
        process_id=pk,
        kind=OPINION_MAP,
    )
    abilities = module.get_abilities(request.user)
    if not abilities["view"]:
        raise Http404
    if not abilities["moderate"]:
        raise PermissionDenied
    return module, abilities


def manage_url(module) -> str:
    return reverse("opinionmaps:manage", kwargs={"pk": module.process_id, "module_id": module.pk})


def public_breadcrumb(module, current: str, *, inner: bool = False) -> dict:
    links = [
        {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
        {"url": module.process.get_absolute_url(), "title": module.process.title},
    ]
    if inner:
        links.append({"url": module.get_absolute_url(), "title": module.title})
    return {"id": "breadcrumb", "links": links, "current": current}


def organiser_breadcrumb(module, current: str) -> dict:
    links = [
        {"url": reverse("processes:workspace_list"), "title": _("Mes dispositifs")},
        {"url": module.process.get_workspace_url(), "title": module.process.title},
        {
            "url": reverse("participation:modules", kwargs={"pk": module.process_id}),
            "title": _("Modules de participation"),
        },
    ]
    return {"id": "breadcrumb", "links": links, "current": current}
