from django import template

from concerto.follows.models import Follow

register = template.Library()


@register.inclusion_tag("follows/includes/button.html", takes_context=True)
def follow_button(context, kind: str, target_id: int, label: str = ""):
    """The follow button of one target with its state; for visitors, a link to sign in."""
    request = context["request"]
    user = request.user
    following = (
        user.is_authenticated
        and Follow.objects.filter(user=user, target_kind=kind, target_id=target_id).exists()
    )
    return {
        "request": request,
        "kind": kind,
        "target_id": target_id,
        "label": label,
        "following": following,
        "signed_in": user.is_authenticated,
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
    }


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
