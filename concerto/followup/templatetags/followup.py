from django import template

from concerto.followup.models import Answer

register = template.Library()


@register.simple_tag
def contribution_answers(contribution):
    """Published answers covering `contribution`, for its page."""
    return list(
        Answer.objects.published()
        .filter(contributions=contribution)
        .select_related("status", "process")
        .order_by("published_at", "pk")
    )
