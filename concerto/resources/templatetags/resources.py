from django import template
from django.utils.translation import gettext as _

from concerto.resources.actions import usefulness_counts

register = template.Library()


@register.simple_tag
def resource_breadcrumb(page) -> dict:
    """The DSFR breadcrumb of a resource page: its ancestors from the centre's home."""
    ancestors = page.get_ancestors().filter(depth__gte=2).specific()
    return {
        "id": "breadcrumb",
        "links": [{"url": ancestor.url, "title": ancestor.title} for ancestor in ancestors],
        "current": page.title,
    }


@register.simple_tag
def page_usefulness(page) -> dict:
    return usefulness_counts(page)


@register.simple_tag
def search_breadcrumb() -> dict:
    from django.urls import reverse

    return {
        "id": "breadcrumb",
        "links": [{"url": reverse("resources:home"), "title": _("Centre de ressources")}],
        "current": _("Recherche"),
    }
