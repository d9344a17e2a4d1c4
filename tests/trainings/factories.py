from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from concerto.trainings.models import Session, Training


def make_training(title: str = "Concevoir une concertation", **fields) -> Training:
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")[:200]
    fields.setdefault("description", "Les étapes clés d'une démarche participative réussie.")
    fields.setdefault("duration_hours", Decimal("3.5"))
    training, _created = Training.objects.get_or_create(
        slug=slug, defaults={"title": title, **fields}
    )
    return training


def make_session(training: Training | None = None, *, in_days: float = 10, **fields) -> Session:
    training = training or make_training()
    starts_at = timezone.now() + timedelta(days=in_days)
    fields.setdefault("ends_at", starts_at + timedelta(hours=3))
    fields.setdefault("place", "DITP, 20 avenue de Ségur, Paris")
    fields.setdefault("capacity", 2)
    return Session.objects.create(training=training, starts_at=starts_at, **fields)
