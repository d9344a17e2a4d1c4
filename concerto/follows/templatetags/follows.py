import operator
from functools import reduce

from django import template
from django.db.models import Q
from django.template.loader import render_to_string

from concerto import pagecache
from concerto.follows.models import Follow

register = template.Library()


BUTTON = "follows/includes/button.html"


@register.simple_tag(takes_context=True)
def follow_button(context, kind: str, target_id: int, label: str = ""):
    """The follow button of one target with its state; for visitors, a link to sign in.
    On a page kept for all signed-in readers, both states, each reader served theirs.
    Rendered with the button's own context: the page's processors have run already."""
    request = context["request"]
    user = request.user
    button = {
        "kind": kind,
        "target_id": target_id,
        "label": label,
        "signed_in": user.is_authenticated,
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
    }
    if user.is_authenticated and pagecache.made_for_members(request):
        return pagecache.either(
            "follows", f"{kind}:{target_id}",
            render_to_string(BUTTON, {**button, "following": True}),
            render_to_string(BUTTON, {**button, "following": False}),
        )  # fmt: skip
    following = (
        user.is_authenticated
        and Follow.objects.filter(user=user, target_kind=kind, target_id=target_id).exists()
    )
    return render_to_string(BUTTON, {**button, "following": following})


def followed_among(user, keys: list[str]) -> set[str]:
    """Which of the targets ("kind:id") the user follows: one query for a whole page."""
    wanted = [key.split(":") for key in keys]
    found = Follow.objects.filter(user=user)
    found = found.filter(
        reduce(operator.or_, (Q(target_kind=kind, target_id=int(pk)) for kind, pk in wanted))
    )
    return {f"{kind}:{pk}" for kind, pk in found.values_list("target_kind", "target_id")}


@register.inclusion_tag("follows/includes/filter_buttons.html", takes_context=True)
def follow_filter_buttons(context, form):
    """On a process list filtered by a theme or a ministry, the buttons to follow them."""
    from django.utils.translation import gettext as _

    cleaned = getattr(form, "cleaned_data", None) or {}
    theme, ministry = cleaned.get("theme"), cleaned.get("ministry")
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "theme": theme,
        "ministry": ministry,
        "theme_label": theme and _("le thème « %(name)s »") % {"name": theme.name},
        "ministry_label": ministry and _("le ministère « %(name)s »") % {"name": ministry.name},
    }
