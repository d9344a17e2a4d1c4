"""The e-mails of an expert group's work (issue 22): who gets them, the subject, and the
link on the public address (SITE_URL)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.expertgroups import actions
from concerto.expertgroups.models.drafting import AnswerStatus, DraftKind
from concerto.testing.emails import assert_email, sent
from tests.factories import user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _group(advisor, members, group=None):
    fields = {"name": "Experts de la participation", "mandate": "Étudier les dispositifs.",
              "starts_on": timezone.localdate() - timedelta(days=10)}  # fmt: skip
    return actions.save_group(
        actor=advisor, fields=fields, members=members, processes=[], group=group
    )


def test_only_the_new_members_of_a_group_are_emailed(sending):
    advisor = user_with_role(Role.CIPC_ADVISOR)
    first, second = user_with_role(Role.EXPERT), user_with_role(Role.EXPERT)
    group = _group(advisor, [first])
    mail.outbox.clear()
    with sending():
        _group(advisor, [first, second], group=group)
    [message] = mail.outbox
    assert assert_email(
        message, to=second.email,
        subject="Concerto : Vous êtes membre du groupe d'experts « Experts de la participation »",
    ) == ["/groupes-experts/experts-de-la-participation/"]  # fmt: skip


def test_the_members_learn_that_a_recommendation_left_and_how_it_was_answered(sending):
    advisor = user_with_role(Role.CIPC_ADVISOR)
    members = [user_with_role(Role.EXPERT), user_with_role(Role.EXPERT)]
    group = _group(advisor, members)
    draft = actions.create_draft(
        group, actor=members[0], kind=DraftKind.RECOMMENDATION, title="Rendre compte",
        body="Toujours.",
    )  # fmt: skip
    mail.outbox.clear()
    with sending():
        actions.publish_recommendation(draft, actor=advisor)
        actions.publish_recommendation(draft, actor=advisor)  # twice: harmless
    draft.refresh_from_db()
    year = timezone.localdate().year
    url = f"/recommandations/{year}-1/"
    addresses = sorted(member.email for member in members)
    subject = f"Concerto : Recommandation {year}-1 transmise au gouvernement"
    assert len(mail.outbox) == 2
    for message, address in zip(sent(subject), addresses, strict=True):
        assert assert_email(message, to=address, subject=subject) == [url]
    mail.outbox.clear()
    with sending():
        actions.record_government_answer(
            draft, actor=advisor, status=AnswerStatus.ACCEPTED, reason="Engagement pris.",
            answered_on=timezone.localdate(),
        )  # fmt: skip
    subject = f"Concerto : Réponse du gouvernement à la recommandation {year}-1"
    assert len(mail.outbox) == 2
    for message, address in zip(sent(subject), addresses, strict=True):
        assert assert_email(message, to=address, subject=subject) == [url]
