"""What the resource centre's search may index from the trainings."""

from collections.abc import Iterator

from concerto.trainings.models import Training


def searchable() -> Iterator[dict]:
    """Each published training as plain text: title, body (description, objectives,
    audience) and the public address of its page."""
    for training in Training.objects.published().order_by("pk"):
        yield {
            "kind": "training",
            "pk": training.pk,
            "title": training.title,
            "body": "\n".join(
                part
                for part in (training.description, training.objectives, training.audience)
                if part
            ),
            "url": training.get_absolute_url(),
        }
