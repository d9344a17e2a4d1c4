from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from concerto.codrafting.kind import TEXT
from concerto.codrafting.models import TextUnit, UnitKind
from concerto.participation.views.common import module_for, organiser_module_for


def public_module(request, slug: str, module_id: int):
    return module_for(request, slug, module_id, TEXT)


def organiser_module(request, pk: int, module_id: int):
    return organiser_module_for(request, pk, module_id, TEXT)


def unit_or_404(module, unit_id: int, *, kind: str | None = None, published: bool | None = None):
    filters = {"pk": unit_id, "version__module": module}
    if kind is not None:
        filters["kind"] = kind
    if published is not None:
        filters["version__published_at__isnull"] = not published
    return get_object_or_404(TextUnit.objects.select_related("version", "parent"), **filters)


def article_of(unit: TextUnit) -> TextUnit:
    return unit.parent if unit.kind == UnitKind.PARAGRAPH and unit.parent else unit


def module_url(module, name: str, **kwargs) -> str:
    return reverse(
        f"codrafting:{name}",
        kwargs={"slug": module.process.slug, "module_id": module.pk, **kwargs},
    )


def manage_url(module, name: str = "manage", **kwargs) -> str:
    return reverse(
        f"codrafting:{name}", kwargs={"pk": module.process_id, "module_id": module.pk, **kwargs}
    )


def public_breadcrumb(module, current: str, *, inner: bool = False) -> dict:
    links = [
        {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
        {"url": module.process.get_absolute_url(), "title": module.process.title},
    ]
    if inner:
        links.append({"url": module.get_absolute_url(), "title": module.title})
    return {"id": "breadcrumb", "links": links, "current": current}


def organiser_breadcrumb(module, current: str, *, inner: bool = False) -> dict:
    links = [
        {"url": reverse("processes:workspace_list"), "title": _("Mes dispositifs")},
        {"url": module.process.get_workspace_url(), "title": module.process.title},
        {
            "url": reverse("participation:modules", kwargs={"pk": module.process_id}),
            "title": _("Modules de participation"),
        },
    ]
    if inner:
        links.append({"url": manage_url(module), "title": module.title})
    return {"id": "breadcrumb", "links": links, "current": current}
