import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from concerto.accounts.roles import Role
from concerto.community import actions
from concerto.community.models import Question, Reply
from concerto.notifications.models import Notification
from concerto.resources.models import FaqEntryPage
from tests.factories import user_with_role
from tests.resources.helpers import theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    return user_with_role(Role.AGENT)


@pytest.fixture
def advisor():
    return user_with_role(Role.CIPC_ADVISOR)


def _question(agent):
    return actions.ask_question(
        actor=agent,
        title="Comment toucher les jeunes ?",
        body="Nos participants sont âgés.",
        theme=theme("Méthodes"),
    )


def test_asking_twice_the_same_question_creates_one(agent):
    first = _question(agent)
    second = _question(agent)
    assert first == second
    assert Question.objects.count() == 1


def test_citizens_cannot_ask_or_reply(agent):
    citizen = user_with_role(Role.CITIZEN)
    with pytest.raises(PermissionDenied):
        actions.ask_question(actor=citizen, title="Q", body="B")
    question = _question(agent)
    with pytest.raises(PermissionDenied):
        actions.reply(question, actor=citizen, body="Réponse")
    assert Question.objects.count() == 1
    assert Reply.objects.count() == 0


def test_a_reply_notifies_the_asker_and_marks_cipc_replies(agent, advisor):
    question = _question(agent)
    reply = actions.reply(question, actor=advisor, body="Faites un tirage au sort.")
    peer_reply = actions.reply(
        question, actor=user_with_role(Role.AGENT), body="Les missions locales."
    )

    assert (reply.from_cipc, peer_reply.from_cipc) == (True, False)
    assert (
        list(Notification.objects.filter(recipient=agent).values_list("subject", flat=True))
        == ["Nouvelle réponse à votre question « Comment toucher les jeunes ? »"] * 2
    )


def test_only_the_asker_or_the_cipc_accepts_a_reply(agent, advisor):
    question = _question(agent)
    reply = actions.reply(question, actor=advisor, body="Faites un tirage au sort.")
    with pytest.raises(PermissionDenied):
        actions.accept_reply(reply, actor=user_with_role(Role.AGENT))
    question.refresh_from_db()
    assert question.accepted_reply is None

    actions.accept_reply(reply, actor=agent)
    question.refresh_from_db()
    assert question.accepted_reply == reply


def test_promotion_to_the_faq_is_for_the_cipc_and_happens_once(agent, advisor):
    question = _question(agent)
    reply = actions.reply(question, actor=advisor, body="Faites un tirage au sort.\nAvec quotas.")
    actions.accept_reply(reply, actor=agent)

    with pytest.raises(PermissionDenied):
        actions.promote_to_faq(question, actor=agent)
    assert FaqEntryPage.objects.count() == 0

    entry = actions.promote_to_faq(question, actor=advisor)
    again = actions.promote_to_faq(question, actor=advisor)

    assert again.pk == entry.pk
    assert FaqEntryPage.objects.count() == 1
    entry = FaqEntryPage.objects.get()
    assert (entry.title, entry.answer, entry.theme.name, entry.live) == (
        "Comment toucher les jeunes ?",
        "<p>Faites un tirage au sort.<br>Avec quotas.</p>",
        "Méthodes",
        True,
    )
    question.refresh_from_db()
    assert question.faq_entry_id == entry.pk
    assert "Faites un tirage au sort." in Client().get("/ressources/faq/").content.decode()


def test_promotion_needs_an_accepted_reply(agent, advisor):
    question = _question(agent)
    actions.reply(question, actor=advisor, body="Réponse")
    with pytest.raises(PermissionDenied):
        actions.promote_to_faq(question, actor=advisor)
    assert FaqEntryPage.objects.count() == 0
