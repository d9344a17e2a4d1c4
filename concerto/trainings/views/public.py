"""The public training catalogue and one training's sessions."""

from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from concerto.trainings.abilities import session_abilities
from concerto.trainings.models import Registration, Session, Training

SEATS = Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
WAITING = Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING))


@require_safe
def catalogue(request):
    now = timezone.now()
    trainings = Training.objects.published().annotate(
        next_session=Min("sessions__starts_at", filter=Q(sessions__starts_at__gt=now)),
        upcoming=Count("sessions", filter=Q(sessions__starts_at__gt=now)),
    )
    return render(request, "trainings/catalogue.html", {"trainings": trainings})


@require_safe
def detail(request, slug: str):
    training = get_object_or_404(Training.objects.published(), slug=slug)
    sessions = list(
        Session.objects.filter(training=training, starts_at__gt=timezone.now())
        .select_related("trainer")
        .annotate(taken=SEATS, waiting=WAITING)
    )
    own = {}
    if request.user.is_authenticated:
        own = {
            r.session_id: r
            for r in Registration.objects.filter(session__in=sessions, user=request.user)
        }
    rows = []
    for session in sessions:
        session.training = training
        registration = own.get(session.pk)
        rows.append(
            {
                "session": session,
                "free": max(0, session.capacity - session.taken),
                "registration": registration if registration and registration.is_active else None,
                "abilities": session_abilities(session, request.user, registration),
            }
        )
    return render(request, "trainings/detail.html", {"training": training, "rows": rows})
