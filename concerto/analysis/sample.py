"""Real Grand Débat answers loaded into a module, for the demo and the tests.

See data/README.md for their source and licence (Licence Ouverte).
"""

import csv
import uuid
from pathlib import Path

from concerto.participation.models import Channel, Contribution, ContributionKind

SAMPLE = Path(__file__).resolve().parent / "data" / "grand_debat_environnement.csv"
QUESTION = (
    "Si vous pensez pouvoir contribuer à protéger l'environnement, que faites-vous "
    "aujourd'hui et/ou que pourriez-vous faire ?"
)
# Every eighth answer stands for one typed in from a paper notebook.
PAPER_EVERY = 8


def sample_answers(limit: int | None = None) -> list[str]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        answers = [row["comment"] for row in csv.DictReader(handle)]
    return answers[:limit] if limit else answers


def load_sample(module, *, entered_by=None, limit: int | None = None) -> int:
    """Idempotent: each answer has a stable key. Returns how many were added."""
    answers = sample_answers(limit)
    keys = [
        uuid.uuid5(uuid.NAMESPACE_URL, f"concerto-gd:{module.pk}:{i}") for i in range(len(answers))
    ]
    existing = set(
        Contribution.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    new = [
        Contribution(
            module=module,
            kind=ContributionKind.ANSWER,
            channel=Channel.PAPER if i % PAPER_EVERY == PAPER_EVERY - 1 else Channel.ONLINE,
            entered_by=entered_by if i % PAPER_EVERY == PAPER_EVERY - 1 else None,
            body=text,
            idempotency_key=key,
        )
        for i, (text, key) in enumerate(zip(answers, keys, strict=True))
        if key not in existing
    ]
    Contribution.objects.bulk_create(new, batch_size=500)
    return len(new)
