"""The busy public pages cost the same number of queries whatever the number of
contributions, proposals, answers or processes (issue 14, "Load and faults").

Each test measures a page with one item, adds many more, and asserts that the page
does not need a single query more."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerto.participation.actions import submit_contribution
from concerto.participation.models import ContributionKind
from concerto.processes.lifecycle import Status
from concerto.processes.models import Theme
from concerto.proposals import actions as proposals
from concerto.questionnaires import actions as questionnaires
from tests.factories import UserFactory, complete_process, open_module, walk_to

pytestmark = pytest.mark.django_db
MANY = 50


def query_count(client, url: str) -> int:
    client.get(url)  # warm caches (content types, site settings): not what grows
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def theme() -> Theme:
    found, _created = Theme.objects.get_or_create(
        slug="transports", defaults={"name": "Transports et mobilités"}
    )
    return found


def propose(module, number: int):
    """A proposal by a new person, supported by two others, with a comment and an argument."""
    author = UserFactory()
    proposal, _created = proposals.submit_proposal(
        module, author=author, title=f"Proposition {number}", body=f"Texte {number}",
        theme=theme(), idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    for _supporter in range(2):
        proposals.support_proposal(proposal, user=UserFactory())
    proposals.comment_proposal(
        proposal, author=UserFactory(), body="Je suis d'accord.", idempotency_key=uuid.uuid4()
    )
    proposals.argue_proposal(
        proposal, author=UserFactory(), stance="for", body="Moins de voitures.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    return proposal


@pytest.fixture
def proposals_module():
    module, _organiser = open_module("proposals", title="Vos propositions")
    return module


@pytest.fixture
def questionnaire():
    module, organiser = open_module("questionnaire", title="Questionnaire", results_public=True)
    questions = [
        questionnaires.add_question(module, actor=organiser, kind="single", text="Vélo ?",
                                    choices=["Oui", "Non"], required=True),
        questionnaires.add_question(module, actor=organiser, kind="scale", text="Satisfaction"),
        questionnaires.add_question(module, actor=organiser, kind="multiple", text="Quand ?",
                                    choices=["Matin", "Soir"]),
        questionnaires.add_question(module, actor=organiser, kind="open", text="Une idée ?"),
    ]  # fmt: skip
    return module, questions


def answer(module, questions, number: int) -> None:
    single, scale, multiple, open_question = questions
    questionnaires.submit_response(
        module, participant=UserFactory(), idempotency_key=uuid.uuid4(),
        answers={single.pk: "Oui" if number % 2 else "Non", scale.pk: 1 + number % 5,
                 multiple.pk: ["Matin", "Soir"], open_question.pk: f"Idée {number}"},
    )  # fmt: skip


@pytest.mark.parametrize("signed_in", [False, True])
def test_proposals_list(client, proposals_module, signed_in, django_assert_max_num_queries):
    if signed_in:
        client.force_login(UserFactory())
    url = proposals_module.get_absolute_url()
    client.get(url)  # warm caches (content types, site settings): not what grows
    # Each proposal renews the list's kept part: both reads counted make it afresh.
    propose(proposals_module, 0)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    baseline = len(queries)
    for number in range(1, MANY):
        propose(proposals_module, number)
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert response.status_code == 200
    assert "Proposition 49" in response.text  # the newest are on the first page too


@pytest.mark.parametrize("signed_in", [False, True])
def test_proposal_page(client, proposals_module, signed_in, django_assert_max_num_queries):
    if signed_in:
        client.force_login(UserFactory())
    proposal = propose(proposals_module, 0)
    url = f"{proposals_module.get_absolute_url()}{proposal.pk}/"
    baseline = query_count(client, url)
    for number in range(1, MANY):
        proposals.support_proposal(proposal, user=UserFactory())
        proposals.comment_proposal(
            proposal, author=UserFactory(), body=f"Commentaire {number}",
            idempotency_key=uuid.uuid4(),
        )  # fmt: skip
        proposals.argue_proposal(
            proposal, author=UserFactory(), stance="against" if number % 2 else "for",
            body=f"Argument {number}", idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert "Commentaire 49" in response.text


@pytest.mark.parametrize("signed_in", [False, True])
def test_questionnaire_page(client, questionnaire, signed_in, django_assert_max_num_queries):
    module, questions = questionnaire
    if signed_in:
        client.force_login(UserFactory())
    url = module.get_absolute_url()
    answer(module, questions, 0)
    baseline = query_count(client, url)
    for number in range(1, MANY):
        answer(module, questions, number)
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert response.status_code == 200


def test_process_page(client, proposals_module, questionnaire, django_assert_max_num_queries):
    process = proposals_module.process
    module, questions = questionnaire
    # Both modules on one process: the page lists its modules and their figures.
    module.process = process
    module.save(update_fields=["process"])
    url = process.get_absolute_url()
    propose(proposals_module, 0)
    baseline = query_count(client, url)
    for number in range(1, MANY):
        propose(proposals_module, number)
        answer(module, questions, number)
        submit_contribution(
            proposals_module, author=UserFactory(), kind=ContributionKind.CONTRIBUTION,
            body=f"Contribution {number}", idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert response.status_code == 200


def published(title: str):
    process = complete_process(title=title)
    walk_to(process, Status.PUBLISHED)
    process.themes.set([theme()])
    return process


def test_home_and_process_list(client, django_assert_max_num_queries):
    # Signed in: a visitor's home page is kept whole (tests/pages/test_home.py), so only
    # a reader's own page shows what making it costs.
    client.force_login(UserFactory())
    first = published("Dispositif 0")
    open_module("proposals", process=None)  # an open process with a module
    home, listing = query_count(client, "/"), query_count(client, "/dispositifs/")
    for number in range(1, 8):
        published(f"Dispositif {number}")
    propose(first.modules.first() or open_module("proposals")[0], 0)
    with django_assert_max_num_queries(home):
        client.get("/")
    with django_assert_max_num_queries(listing):
        response = client.get("/dispositifs/")
    assert "Dispositif 7" in response.text
