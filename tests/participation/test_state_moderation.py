"""Moderation across the State (issue 22): the CIPC's one queue over every process, a
block over the whole platform with its reason and duration, and each process's public
moderation log, which never shows the hidden text."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.frenchdates import french_date
from concerto.notifications.models import Notification
from concerto.participation import actions
from concerto.participation.models import Ban, Contribution
from concerto.testing.emails import assert_email
from tests.factories import (
    MinistryFactory,
    UserFactory,
    complete_process,
    open_module,
    user_with_role,
    walk_to,
)

pytestmark = pytest.mark.django_db


def _proposal(module, title: str, author=None):
    contribution, _ = actions.submit_contribution(
        module, author=author or UserFactory(), kind="proposal", title=title, body="Texte.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    return contribution


def _reported(module, title: str):
    contribution = _proposal(module, title)
    actions.report_contribution(contribution, reporter=UserFactory(), reason="spam")
    return contribution


def _open_process(ministry_name: str):
    from concerto.processes.lifecycle import Status

    process = complete_process(ministry=MinistryFactory(name=ministry_name),
                               title=f"Concertation — {ministry_name}")  # fmt: skip
    walk_to(process, Status.OPEN)
    return open_module("proposals", process=process)[0]


def test_the_cipc_queue_spans_every_process_and_hides_in_bulk():
    culture = _open_process("Ministère de la Culture")
    sante = _open_process("Ministère de la Santé")
    first = _reported(culture, "Publicité A")
    second = _reported(sante, "Publicité B")
    _proposal(sante, "Sans signalement")
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    url = reverse("participation:state_moderation")
    page = client.get(url)
    assert [c.title for c in page.context["page_obj"]] == ["Publicité B", "Publicité A"]
    assert page.context["counts"] == {"reported": 2, "hidden": 0, "total": 3}
    narrowed = client.get(url, {"q": "sante"})
    assert [c.title for c in narrowed.context["page_obj"]] == ["Publicité B"]
    # The bulk form of the narrowed page cannot reach a contribution outside it: a
    # selection holding one is refused whole.
    hide = {"bulk-reason": "spam", "bulk-note": ""}
    client.post(f"{url}?q=sante", {"selection": [first.pk, second.pk], **hide})
    assert set(Contribution.objects.values_list("status", flat=True)) == {"published"}
    done = client.post(f"{url}?q=sante", {"selection": [second.pk], **hide})
    assert done["Location"] == f"{url}?q=sante"
    statuses = dict(
        Contribution.objects.filter(pk__in=[first.pk, second.pk]).values_list("title", "status")
    )
    assert statuses == {"Publicité A": "published", "Publicité B": "hidden"}


def test_only_the_cipc_opens_the_state_queue():
    module = _open_process("Ministère de la Culture")
    contribution = _reported(module, "Publicité")
    client = Client()
    for role in (Role.AGENT, Role.REFERENT, Role.CITIZEN):
        client.force_login(user_with_role(role, module.process.ministry))
        assert client.get(reverse("participation:state_moderation")).status_code == 403
        client.post(reverse("participation:state_moderation"),
                    {"selection": [contribution.pk], "bulk-reason": "spam"})  # fmt: skip
    assert Contribution.objects.get(pk=contribution.pk).status == "published"


def test_a_platform_block_bars_every_process_until_its_date_or_its_lifting(
    django_capture_on_commit_callbacks, site_url
):
    culture = _open_process("Ministère de la Culture")
    sante = _open_process("Ministère de la Santé")
    advisor = user_with_role(Role.CIPC_ADVISOR)
    troll = UserFactory(first_name="Théo", last_name="Troll")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ban = actions.block_user(troll, actor=advisor, reason="Insultes répétées.", days=30)
    [message] = mail.outbox
    until = french_date(ban.until, "j F Y")
    assert assert_email(
        message, to=troll.email,
        subject=f"Concerto : Votre compte ne peut plus contribuer jusqu'au {until}",
    ) == ["/charte/"]  # fmt: skip
    assert ban.until == timezone.localdate() + timedelta(days=30)
    for module in (culture, sante):
        with pytest.raises(PermissionDenied):
            _proposal(module, "Encore", author=troll)
    notice = Notification.objects.get(recipient=troll)
    day = ban.until
    assert notice.subject.startswith("Votre compte ne peut plus contribuer jusqu'au ")
    assert "Motif : Insultes répétées." in notice.body
    # Past its date, the block no longer bars.
    ban.until = timezone.localdate() - timedelta(days=1)
    ban.save()
    assert _proposal(culture, "Après", author=troll).status == "published"
    ban.until = day
    ban.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.lift_block(troll, actor=advisor, reason="Recours accepté.")
    [message] = mail.outbox
    assert assert_email(
        message, to=troll.email, subject="Concerto : Vous pouvez à nouveau contribuer"
    ) == ["/"]
    assert _proposal(sante, "Levé", author=troll).status == "published"
    assert list(Entry.objects.filter(target_id=troll.pk).order_by("pk")
                .values_list("action", "reason")) == [
        ("participation.block", "Insultes répétées."),
        ("participation.lift_block", "Recours accepté."),
    ]  # fmt: skip


def test_a_refused_block_changes_nothing():
    advisor = user_with_role(Role.CIPC_ADVISOR)
    troll = UserFactory()
    with pytest.raises(PermissionDenied):
        actions.block_user(troll, actor=user_with_role(Role.REFERENT), reason="x", days=7)
    with pytest.raises(ValidationError):
        actions.block_user(troll, actor=advisor, reason="  ", days=7)
    with pytest.raises(ValidationError):
        actions.block_user(troll, actor=advisor, reason="x", days=3)
    with pytest.raises(ValidationError):
        actions.block_user(advisor, actor=advisor, reason="x", days=7)
    assert not Ban.objects.exists()
    assert not Notification.objects.exists()


def test_the_public_log_says_what_was_decided_never_the_text():
    module = _open_process("Ministère de la Culture")
    author = UserFactory(first_name="Zoé", last_name="Secrète")
    hidden = _proposal(module, "Texte injurieux caché", author=author)
    organiser = module.process.project_lead
    actions.hide_contribution(hidden, actor=organiser, reason="insult", note="Note interne.")
    actions.restore_contribution(hidden, actor=organiser)
    actions.hide_contribution(hidden, actor=organiser, reason="spam")
    response = Client().get(reverse("participation:moderation_log", args=[module.process.slug]))
    html = response.content.decode()
    rows = [(e.get_action_display(), e.get_reason_display()) for e in response.context["page_obj"]]
    assert rows == [
        ("Masquage", "Publicité ou message répété"),
        ("Rétablissement", ""),
        ("Masquage", "Propos injurieux ou diffamatoires"),
    ]
    assert response.context["totals"] == {"hidden": 2, "restored": 1}
    for secret in ("Texte injurieux caché", "Secrète", "Note interne."):
        assert secret not in html


def test_an_unpublished_process_has_no_public_log():
    process = complete_process(title="Brouillon")
    url = reverse("participation:moderation_log", args=[process.slug])
    assert Client().get(url).status_code == 404
