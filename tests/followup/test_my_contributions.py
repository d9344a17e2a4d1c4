""" "Mes contributions" says whether each contribution was answered and links to it."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from concerto.followup import actions
from concerto.followup.models import AnswerLevel
from concerto.participation.models import Contribution, ContributionKind
from tests.followup.conftest import status

pytestmark = pytest.mark.django_db


def card(page: str, contribution) -> str:
    match = re.search(rf'id="contribution-{contribution.pk}-suite">(.*?)</div>', page, re.S)
    return match.group(1)


def test_each_contribution_shows_its_answer_or_that_one_is_awaited(closed):
    citizen = closed.citizens[0]
    answered = closed.proposals[0]
    awaited = Contribution.objects.create(
        module=closed.module, kind=ContributionKind.PROPOSAL, author=citizen,
        title="Des arceaux", body="Des arceaux devant la mairie.",
    )  # fmt: skip
    answer = actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={
            "level": AnswerLevel.PROPOSAL,
            "status": status("retained"),
            "text": "Oui.",
            "target": "Pistes cyclables",
        },  # fmt: skip
        contributions=[answered],
    )
    actions.publish_answers(closed.process, actor=closed.sponsor)
    # A draft answer is not an answer yet: the contribution still awaits one.
    actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Brouillon."},
        contributions=[awaited],
    )

    client = Client()
    client.force_login(citizen)
    page = client.get("/mes-contributions/").content.decode()

    done = card(page, answered)
    assert '<p class="fr-badge fr-badge--success fr-badge--sm fr-mb-1w">Réponse publiée</p>' in done
    url = f"/dispositifs/{closed.process.slug}/suites/reponses/{answer.pk}/"
    assert f'<a class="fr-link" href="{url}">Lire la réponse : Pistes cyclables</a>' in done
    assert "En attente de réponse" not in done
    pending = card(page, awaited)
    assert '<p class="fr-badge fr-badge--info fr-badge--sm">En attente de réponse</p>' in pending
    assert "Réponse publiée" not in pending and "Lire la réponse" not in pending


def test_my_contributions_query_count_does_not_grow_with_answers(closed):
    citizen = closed.citizens[0]
    client = Client()
    client.force_login(citizen)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/mes-contributions/").status_code == 200
        return len(context)

    queries()  # the site-wide configuration is kept in the cache from then on
    one = queries()
    for index in range(5):
        contribution = Contribution.objects.create(
            module=closed.module, kind=ContributionKind.PROPOSAL, author=citizen,
            title=f"Idée {index}", body="Une idée de plus.",
        )  # fmt: skip
        actions.save_answer(
            closed.process,
            actor=closed.sponsor,
            fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui."},
            contributions=[contribution],
        )
    actions.publish_answers(closed.process, actor=closed.sponsor)
    six = queries()
    page = client.get("/mes-contributions/").content.decode()
    assert (page.count("Lire la réponse"), page.count("En attente de réponse")) == (5, 1)
    assert six == one
