"""Daily and weekly digests, immediate e-mails and the one-click unsubscription (issue 25)."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerto.accounts.roles import Role
from concerto.follows import actions, digest
from concerto.follows.models import Frequency, Preferences, TargetKind
from concerto.mailing.models import Campaign, Delivery
from concerto.mailing.unsubscribe import unsubscribe
from concerto.participation.actions import hide_contribution
from concerto.participation.models import HiddenReason
from tests.factories import user_with_role
from tests.follows.conftest import merge, publish_answer

pytestmark = pytest.mark.django_db


def run_digest(frequency, capture):
    """Open today's digest and send it now, as the scheduled task does."""
    with capture(execute=True):
        return digest.open_and_start(frequency)


def digest_mails(to: str) -> list:
    return [message for message in mail.outbox if message.to == [to]]


def items(message) -> list[str]:
    return [line for line in message.body.splitlines() if line.startswith("- ")]


def test_weekly_digest_groups_by_process_newest_first_each_item_once(
    world, django_capture_on_commit_callbacks
):
    follower = world.follower
    # The process and its theme: every event concerns both, and is told once.
    actions.follow(follower, TargetKind.PROCESS, world.process.pk)
    actions.follow(follower, TargetKind.THEME, world.theme.pk)
    first, second = world.closed.proposals[0], world.closed.proposals[1]
    with django_capture_on_commit_callbacks(execute=True):
        merge(world.closed, second, first)
        answer = publish_answer(world.closed, first)
    mail.outbox.clear()

    run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)

    [message] = digest_mails(follower.email)
    site = settings.SITE_URL
    slug = world.process.slug
    answer_url = f"{site}/dispositifs/{slug}/suites/reponses/{answer.pk}/"
    proposal_url = f"{site}/dispositifs/{slug}/propositions/{world.closed.module.pk}/{first.pk}/"
    assert message.subject.endswith("Votre résumé hebdomadaire de ce que vous suivez")
    assert items(message) == [
        f"- Réponse publiée : « Proposition 1 » {answer_url}",
        "- La proposition « Proposition 2 » a été fusionnée avec « Proposition 1 ». "
        + proposal_url,
        f"- La participation est close. {site}/dispositifs/{slug}/",
        f"- La participation est ouverte. {site}/dispositifs/{slug}/",
        f"- Le dispositif est publié. {site}/dispositifs/{slug}/",
    ]
    assert f"Concertation sur le plan vélo — {site}/dispositifs/{slug}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The citizens who proposed follow by default (weekly): each gets their own digest.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [follower.email] + [citizen.email for citizen in world.closed.citizens]
    )


def test_a_second_tick_the_same_day_sends_nothing_more(world, django_capture_on_commit_callbacks):
    actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    mail.outbox.clear()
    first = run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    again = run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)
    assert (again.pk, len(mail.outbox), Campaign.objects.filter(kind="digest").count()) == (
        first.pk, sent, 1,
    )  # fmt: skip
    assert len(digest_mails(world.follower.email)) == 1


def test_a_digest_whose_items_were_all_withdrawn_or_hidden_is_not_sent(
    world, django_capture_on_commit_callbacks
):
    follower = world.follower
    proposal = world.closed.proposals[0]
    # Only what concerns this one proposal: the merge into it, later hidden.
    actions.follow(follower, TargetKind.PROPOSAL, proposal.pk)
    merge(world.closed, world.closed.proposals[1], proposal)
    hide_contribution(proposal, actor=world.process.project_lead, reason=HiddenReason.values[0])
    mail.outbox.clear()

    campaign = run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)

    assert digest_mails(follower.email) == []
    delivery = Delivery.objects.get(campaign=campaign, address=follower.email)
    assert (delivery.status, delivery.skip_reason) == ("skipped", "empty")


def test_daily_and_weekly_each_reach_only_those_who_chose_them(
    world, django_capture_on_commit_callbacks
):
    daily = user_with_role(Role.CITIZEN, email="quotidien@exemple.fr")
    never = user_with_role(Role.CITIZEN, email="jamais@exemple.fr")
    for user in (world.follower, daily, never):
        actions.follow(user, TargetKind.PROCESS, world.process.pk)
    actions.set_preferences(daily, auto_follow=True, frequencies=dict.fromkeys(
        ["answer", "proposal", "module", "process", "late"], Frequency.DAILY))  # fmt: skip
    actions.set_preferences(never, auto_follow=True, frequencies=dict.fromkeys(
        ["answer", "proposal", "module", "process", "late"], Frequency.NEVER))  # fmt: skip
    mail.outbox.clear()
    run_digest(Frequency.DAILY, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[daily.email]]
    mail.outbox.clear()
    run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)
    weekly = {m.to[0] for m in mail.outbox}
    assert world.follower.email in weekly and daily.email not in weekly
    assert never.email not in weekly


def test_the_next_digest_holds_only_what_happened_since_the_last(
    world, django_capture_on_commit_callbacks
):
    actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    first = run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)
    first.key = "digest:weekly:2000-01-01"  # as if opened on another day
    first.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_answer(world.closed, world.closed.proposals[0])
    run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)
    [message] = digest_mails(world.follower.email)
    assert [line.split(" http")[0] for line in items(message)] == [
        "- Réponse publiée : « Proposition 1 »"
    ]


def test_recipients_take_the_same_queries_for_3_or_30_followers(world):
    def count_queries(campaign) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            found = list(digest.recipients(campaign))
        return len(found), len(captured.captured_queries)

    for index in range(3):
        user = user_with_role(Role.CITIZEN, email=f"a{index}@exemple.fr")
        actions.follow(user, TargetKind.PROCESS, world.process.pk)
    campaign = Campaign.objects.create(key="digest:weekly:2999-01-01", kind="digest")
    few, few_queries = count_queries(campaign)
    for index in range(27):
        user = user_with_role(Role.CITIZEN, email=f"b{index}@exemple.fr")
        actions.follow(user, TargetKind.PROCESS, world.process.pk)
    many, many_queries = count_queries(campaign)
    # The 3 citizens who proposed follow the process by default.
    assert (few, many) == (3 + 3, 30 + 3)
    assert few_queries == many_queries


def test_immediate_followers_get_one_e_mail_per_event(world, django_capture_on_commit_callbacks):
    actions.follow(world.follower, TargetKind.FOLLOWUP, 0)
    actions.set_preferences(world.follower, auto_follow=True, frequencies={
        "answer": Frequency.IMMEDIATE})  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = publish_answer(world.closed, world.closed.proposals[0])
    [message] = digest_mails(world.follower.email)
    assert message.subject.endswith("Du nouveau sur « Concertation sur le plan vélo »")
    assert items(message) == [
        f"- Réponse publiée : « Proposition 1 » {settings.SITE_URL}/dispositifs/"
        f"{world.process.slug}/suites/reponses/{answer.pk}/"
    ]
    # Nobody asked for the lifecycle at once: no campaign was opened for those events.
    assert list(Campaign.objects.values_list("kind", flat=True)) == ["follow-immediate"]


def test_one_click_on_the_digest_link_stops_digests_and_nothing_else(world):
    actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    actions.set_preferences(world.follower, auto_follow=True, frequencies={
        "answer": Frequency.IMMEDIATE, "late": Frequency.DAILY})  # fmt: skip
    assert unsubscribe(world.follower.email.upper(), "digest") is True
    preferences = Preferences.objects.get(user=world.follower)
    assert (preferences.auto_follow, preferences.frequencies()) == (
        True,
        {"answer": "immediate", "proposal": "never", "module": "never", "process": "never",
         "late": "never"},
    )  # fmt: skip
    assert list(world.follower.follows.values_list("target_kind", flat=True)) == ["process"]


def test_digest_links_are_absolute_and_signed(world, django_capture_on_commit_callbacks):
    actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    mail.outbox.clear()
    run_digest(Frequency.WEEKLY, django_capture_on_commit_callbacks)
    [message] = digest_mails(world.follower.email)
    link = re.search(r"Se désabonner en un clic : (\S+)", message.body).group(1)
    assert link.startswith(f"{settings.SITE_URL}/courriels/")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"


def test_no_digest_is_opened_when_nothing_happened(db, django_capture_on_commit_callbacks):
    from concerto.follows.tasks import send_daily_digest, send_weekly_digest

    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digest.call() is None
        assert send_weekly_digest.call() is None
    assert (Campaign.objects.count(), len(mail.outbox)) == (0, 0)


def test_unsubscribing_after_the_fan_out_skips_the_digest(
    world, django_capture_on_commit_callbacks
):
    from concerto.mailing.outbox import open_campaign, start
    from concerto.mailing.sending import fan_out

    actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    campaign = open_campaign(digest.campaign_key(Frequency.WEEKLY, date(2999, 1, 1)), kind="digest")
    fan_out(campaign)
    unsubscribe(world.follower.email, "digest")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        start(campaign)
    assert digest_mails(world.follower.email) == []
    delivery = Delivery.objects.get(campaign=campaign, address=world.follower.email)
    assert (delivery.status, delivery.skip_reason) == ("skipped", "unsubscribed")
    # The citizens who proposed, still weekly, got theirs.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in world.closed.citizens)
