"""The e-mails of the agents' community (issue 22): who gets them, the subject, and the
link on the public address (SITE_URL)."""

import pytest
from django.core import mail

from concerto.accounts.roles import Role
from concerto.community import actions
from concerto.testing.emails import assert_email
from tests.factories import user_with_role
from tests.resources.helpers import theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _question(agent):
    return actions.ask_question(
        actor=agent, title="Comment toucher les jeunes ?", body="Nos participants sont âgés.",
        theme=theme("Méthodes"),
    )  # fmt: skip


def test_the_asker_is_emailed_each_answer_but_their_own(sending):
    agent, advisor = user_with_role(Role.AGENT), user_with_role(Role.CIPC_ADVISOR)
    question = _question(agent)
    with sending():
        actions.reply(question, actor=agent, body="Précision : en zone rurale.")
        actions.reply(question, actor=advisor, body="Faites un tirage au sort.")
    [message] = mail.outbox
    assert assert_email(
        message, to=agent.email,
        subject="Concerto : Nouvelle réponse à votre question « Comment toucher les jeunes ? »",
    ) == [f"/communaute/questions/{question.pk}/"]  # fmt: skip


def test_the_asker_is_emailed_once_when_the_question_joins_the_faq(sending):
    agent, advisor = user_with_role(Role.AGENT), user_with_role(Role.CIPC_ADVISOR)
    question = _question(agent)
    reply = actions.reply(question, actor=advisor, body="Faites un tirage au sort.")
    actions.accept_reply(reply, actor=agent)
    mail.outbox.clear()
    with sending():
        entry = actions.promote_to_faq(question, actor=advisor)
        actions.promote_to_faq(question, actor=advisor)  # a second click: no second e-mail
    [message] = mail.outbox
    assert assert_email(
        message, to=agent.email,
        subject="Concerto : Votre question « Comment toucher les jeunes ? » figure désormais "
        "dans la FAQ",
    ) == [entry.url]  # fmt: skip
    assert entry.url.startswith("/ressources/faq/")
