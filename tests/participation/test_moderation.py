import uuid

import pytest
from django.core import mail

from concerto.accounts.roles import Role
from concerto.participation.actions import (
    ban_participant,
    hide_contribution,
    report_contribution,
    restore_contribution,
    submit_contribution,
)
from concerto.participation.models import Contribution, ModerationEvent, Report
from concerto.testing.emails import assert_email
from tests.factories import UserFactory, open_module, user_with_role

pytestmark = pytest.mark.django_db


def contribution_in(module, author=None, body="Une idée pour le quartier."):
    return submit_contribution(
        module, author=author or UserFactory(), kind="proposal", body=body,
        idempotency_key=uuid.uuid4(),
    )[0]  # fmt: skip


def test_hiding_keeps_the_contribution_logs_it_and_tells_the_author_why(
    client, django_capture_on_commit_callbacks, site_url
):
    module, organiser = open_module("proposals")
    author = UserFactory()
    contribution = contribution_in(module, author)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hide_contribution(
            contribution, actor=organiser, reason="insult", note="Merci de rester courtois."
        )
        hide_contribution(contribution, actor=organiser, reason="spam")  # hidden already
    contribution.refresh_from_db()
    assert (contribution.status, contribution.hidden_reason) == ("hidden", "insult")
    assert list(ModerationEvent.objects.values_list("action", "reason", "actor")) == [
        ("hide", "insult", organiser.pk)
    ]
    notification = author.notifications.get()
    assert notification.body == (
        "Votre contribution « Une idée pour le quartier. » a été masquée par la modération. "
        "Motif : Propos injurieux ou diffamatoires. Merci de rester courtois."
    )
    [message] = mail.outbox
    assert assert_email(
        message, to=author.email, subject="Concerto : Votre contribution a été masquée"
    ) == ["/mes-contributions/"]
    client.force_login(author)
    page = client.get("/mes-contributions/").content.decode()
    assert "Masquée par la modération. Motif : Propos injurieux ou diffamatoires." in page


def test_a_citizen_cannot_moderate_and_nothing_changes(client):
    module, _ = open_module("proposals")
    contribution = contribution_in(module)
    client.force_login(UserFactory())
    response = client.post(
        f"/espace/contributions/{contribution.pk}/moderation/", {"action": "hide", "reason": "spam"}
    )
    assert response.status_code == 404
    contribution.refresh_from_db()
    assert contribution.status == "published" and ModerationEvent.objects.count() == 0


def test_the_cipc_may_moderate_and_restore():
    module, _ = open_module("proposals")
    advisor = user_with_role(Role.CIPC_ADVISOR)
    contribution = contribution_in(module)
    hide_contribution(contribution, actor=advisor, reason="spam")
    restore_contribution(contribution, actor=advisor)
    contribution.refresh_from_db()
    assert contribution.status == "published" and contribution.hidden_reason == ""
    assert list(ModerationEvent.objects.values_list("action", flat=True)) == ["hide", "restore"]


def test_reports_are_counted_once_per_person_and_handled_on_hiding(client):
    module, organiser = open_module("proposals")
    contribution = contribution_in(module)
    reporter = UserFactory()
    report_contribution(contribution, reporter=reporter, reason="spam")
    report_contribution(contribution, reporter=reporter, reason="spam")
    assert Report.objects.count() == 1
    client.force_login(organiser)
    page = client.get(f"/espace/dispositifs/{module.process.pk}/moderation/")
    assert page.context["counts"] == {"reported": 1, "hidden": 0, "total": 1}
    hide_contribution(contribution, actor=organiser, reason="spam")
    assert Report.objects.get().handled_at is not None


def test_bulk_hiding_from_the_queue(client):
    module, organiser = open_module("proposals")
    first, second, kept = (contribution_in(module, body=f"Texte {n}") for n in range(3))
    client.force_login(organiser)
    response = client.post(
        f"/espace/dispositifs/{module.process.pk}/moderation/?filtre=toutes",
        {"selection": [first.pk, second.pk], "bulk-reason": "off_topic", "bulk-note": ""},
    )
    assert response.status_code == 302
    assert dict(Contribution.objects.values_list("pk", "status")) == {
        first.pk: "hidden", second.pk: "hidden", kept.pk: "published",
    }  # fmt: skip


def test_a_banned_participant_can_no_longer_contribute():
    from django.core.exceptions import PermissionDenied

    module, organiser = open_module("proposals")
    author = UserFactory()
    ban_participant(module, actor=organiser, user=author, reason="Insultes répétées")
    with pytest.raises(PermissionDenied):
        contribution_in(module, author)
    assert Contribution.objects.count() == 0
