"""Two clicks on "answer" at once draft one answer (real threads, each with its own
connection: PostgreSQL's row locks, or SQLite's write lock taken at BEGIN IMMEDIATE)."""

import pytest

from concerto.codrafting import actions
from concerto.followup.models import Answer
from concerto.processes.lifecycle import Status
from tests.codrafting.conftest import DRAFT, key
from tests.factories import UserFactory, open_module
from tests.followup.conftest import ensure_statuses
from tests.proposals.test_concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_click_on_answer_drafts_one_answer():
    ensure_statuses()  # a transactional test flushed the statuses the migration seeded
    module, organiser = open_module("text", title="Projet de loi")
    version, _ = actions.import_draft(module, actor=organiser, data=DRAFT, format="markdown")
    version = actions.publish_version(version, actor=organiser)
    suggestion, _ = actions.suggest_rewording(
        version.units.filter(kind="paragraph").first(), author=UserFactory(),
        text="Une autre rédaction.", idempotency_key=key(),
    )  # fmt: skip
    process = module.process
    process.status = Status.CLOSED
    process.save(update_fields=["status"])

    def click():
        return actions.answer_suggestion(
            suggestion, actor=organiser, decision="rejected", text="Non.", reason="Hors sujet."
        ).pk

    results = race(3, click)
    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    assert list(Answer.objects.filter(contributions=suggestion).values_list("pk", flat=True)) == [
        results[0]
    ]
