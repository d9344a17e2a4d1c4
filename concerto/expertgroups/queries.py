"""Read-side questions about published recommendations, tracked like the devoir de suite."""

from django.db.models import Min, QuerySet
from django.utils import timezone

from concerto.expertgroups.models import Draft, GovernmentAnswer
from concerto.followup.queries import is_late


def published_recommendations() -> QuerySet[Draft]:
    """With `delivered_at`: the date of the government's first answer (None while none),
    the name the devoir de suite's lateness rule reads."""
    return (
        Draft.objects.published()
        .select_related("group")
        .annotate(delivered_at=Min("answers__recorded_at"))
        .order_by("-year", "-sequence")
    )


def with_current_answers(recommendations, today=None) -> list[Draft]:
    """Each recommendation with its latest answer (`current`) and `late` set."""
    today = today or timezone.localdate()
    recommendations = list(recommendations)
    latest: dict[int, GovernmentAnswer] = {}
    for answer in GovernmentAnswer.objects.filter(
        recommendation__in=[r.pk for r in recommendations]
    ).order_by("answered_on", "pk"):
        latest[answer.recommendation_id] = answer
    for recommendation in recommendations:
        recommendation.current = latest.get(recommendation.pk)
        recommendation.late = is_late(recommendation, today)
    return recommendations
