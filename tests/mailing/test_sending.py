import signal
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from concerto.mailing import outbox, sending
from concerto.mailing.models import Campaign, Delivery, Lane, Suppression
from concerto.mailing.tasks import resume_campaigns
from concerto.testing.smtp import LoopbackSMTP

pytestmark = pytest.mark.django_db


def statuses(campaign):
    return dict(campaign.deliveries.values_list("address", "status"))


def test_a_campaign_reaches_each_address_once_with_one_click_unsubscribe_headers(
    letter, django_capture_on_commit_callbacks
):
    letter.addresses = ["Ana@Exemple.fr", "ana@exemple.fr ", "bo@exemple.fr"]
    with django_capture_on_commit_callbacks(execute=True):
        campaign = outbox.open_campaign("lettre:1", kind="test-letter")
        outbox.start(campaign)
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@exemple.fr", "bo@exemple.fr"]
    message = mail.outbox[0]
    assert message.subject == "Lettre lettre:1"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http://") and "/courriels/desabonnement/" in link
    assert link[1:-1] in message.body
    campaign.refresh_from_db()
    assert campaign.finished_at is not None
    assert statuses(campaign) == {"ana@exemple.fr": "sent", "bo@exemple.fr": "sent"}
    assert len(set(campaign.deliveries.values_list("message_id", flat=True))) == 2


def test_opening_and_starting_twice_sends_once(letter, django_capture_on_commit_callbacks):
    letter.addresses = ["ana@exemple.fr"]
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.open_campaign("lettre:2", kind="test-letter")
        outbox.start(first)
    with django_capture_on_commit_callbacks(execute=True):
        second = outbox.open_campaign("lettre:2", kind="test-letter")
        outbox.start(second)
    assert second.pk == first.pk
    assert Campaign.objects.count() == 1
    assert len(mail.outbox) == 1


def test_suppressed_empty_and_broken_deliveries_are_skipped_and_the_others_sent(letter):
    letter.addresses = ["a@exemple.fr", "b@exemple.fr", "c@exemple.fr", "d@exemple.fr"]
    letter.empty = {"b@exemple.fr"}
    letter.broken = {"c@exemple.fr"}
    Suppression.objects.create(address="d@exemple.fr", reason="bounce")
    campaign = outbox.open_campaign("lettre:3", kind="test-letter")
    outcome = sending.send_campaign(campaign.pk)
    assert (outcome.sent, outcome.skipped) == (1, 3)
    assert [message.to for message in mail.outbox] == [["a@exemple.fr"]]
    assert dict(campaign.deliveries.values_list("address", "skip_reason")) == {
        "a@exemple.fr": "",
        "b@exemple.fr": "empty",
        "c@exemple.fr": "error",
        "d@exemple.fr": "suppressed",
    }


def test_who_unsubscribed_after_the_fan_out_is_not_sent_to(letter):
    letter.addresses = ["a@exemple.fr", "b@exemple.fr"]
    campaign = outbox.open_campaign("lettre:8", kind="test-letter")
    sending.fan_out(campaign)
    letter.unsubscribed.append(("b@exemple.fr", "test-letter"))
    outcome = sending.send_campaign(campaign.pk)
    assert (outcome.sent, outcome.skipped) == (1, 1)
    assert [message.to for message in mail.outbox] == [["a@exemple.fr"]]
    assert campaign.deliveries.get(address="b@exemple.fr").skip_reason == "unsubscribed"


class DiesAfterTwo(EmailBackend):
    """The SMTP connection of a worker that dies after two messages."""

    def send_messages(self, messages):
        if len(mail.outbox) >= 2:
            raise smtplib.SMTPServerDisconnected("connexion perdue")
        return super().send_messages(messages)


def test_a_send_interrupted_midway_resumes_with_the_rest_only(letter, settings):
    letter.addresses = [f"p{number}@exemple.fr" for number in range(5)]
    campaign = outbox.open_campaign("lettre:4", kind="test-letter")
    settings.EMAIL_BACKEND = "tests.mailing.test_sending.DiesAfterTwo"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        sending.send_campaign(campaign.pk)
    assert campaign.deliveries.filter(status="sent").count() == 2
    # The dead sender's lane lease runs out; the periodic resume starts the campaign again.
    assert resume_campaigns.call() == []
    Lane.objects.filter(campaign=campaign).exclude(sender="").update(
        leased_until=timezone.now() - timedelta(seconds=1)
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert resume_campaigns.call() == [campaign.pk]
    assert sorted(message.to[0] for message in mail.outbox) == letter.addresses
    assert campaign.deliveries.filter(status="sent").count() == 5
    assert resume_campaigns.call() == []


class AskedToStopAfterTwo(EmailBackend):
    """A restart (SIGTERM) arrives while the second message is with the server."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if len(mail.outbox) == 2:
            signal.raise_signal(signal.SIGTERM)
        return sent


def test_a_sender_asked_to_stop_marks_its_message_hands_back_its_lane_and_sends_no_more(
    letter, settings
):
    letter.addresses = [f"p{number}@exemple.fr" for number in range(5)]
    campaign = outbox.open_campaign("lettre:12", kind="test-letter")
    settings.EMAIL_BACKEND = "tests.mailing.test_sending.AskedToStopAfterTwo"
    worker_told = []

    def worker_handler(number, frame):
        worker_told.append(number)

    previous = signal.signal(signal.SIGTERM, worker_handler)
    try:
        outcome = sending.send_campaign(campaign.pk)
        # The worker's own handler heard it too (it leaves after the task), and is back.
        assert worker_told == [signal.SIGTERM]
        assert signal.getsignal(signal.SIGTERM) is worker_handler
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert outcome.busy and outcome.stopped and outcome.sent == 2
    assert campaign.deliveries.filter(status="sent").count() == 2  # the one in flight marked
    assert len(mail.outbox) == 2
    # Its lane is free at once: the periodic resume sends the rest, each address once.
    assert resume_campaigns.call() == [campaign.pk]
    assert sorted(message.to[0] for message in mail.outbox) == letter.addresses
    assert campaign.deliveries.filter(status="sent").count() == 5


def test_a_second_sender_leaves_a_campaign_whose_lease_is_held(letter, settings, monkeypatch):
    settings.MAILING_LEASE_SECONDS = 0.2
    letter.addresses = ["ana@exemple.fr"]
    campaign = outbox.open_campaign("lettre:5", kind="test-letter")
    assert sending.take_lease(campaign, "other-live-sender")

    def other_sender_renews(seconds):  # the live sender renews while we wait
        Campaign.objects.filter(pk=campaign.pk).update(
            leased_until=timezone.now() + timedelta(hours=1)
        )

    monkeypatch.setattr(sending.time, "sleep", other_sender_renews)
    outcome = sending.send_campaign(campaign.pk)
    assert outcome.busy and outcome.sent == 0
    assert mail.outbox == []
    assert statuses(campaign) == {}
    assert Campaign.objects.get(pk=campaign.pk).sender == "other-live-sender"


def test_a_campaign_scheduled_for_later_waits_for_its_time(letter):
    letter.addresses = ["ana@exemple.fr"]
    later = timezone.now() + timedelta(hours=1)
    campaign = outbox.open_campaign("lettre:6", kind="test-letter", send_after=later)
    assert sending.send_campaign(campaign.pk).sent == 0
    assert resume_campaigns.call() == []
    Campaign.objects.filter(pk=campaign.pk).update(send_after=timezone.now())
    assert resume_campaigns.call() == [campaign.pk]
    assert len(mail.outbox) == 1


def test_a_real_smtp_server_receives_one_message_per_address(letter, settings):
    letter.addresses = [f"p{number}@exemple.fr" for number in range(30)]
    settings.MAILING_BATCH_SIZE = 7
    with LoopbackSMTP() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        settings.EMAIL_USE_TLS = False
        campaign = outbox.open_campaign("lettre:7", kind="test-letter")
        outcome = sending.send_campaign(campaign.pk)
    assert outcome.sent == 30
    assert smtp.recorder.by_recipient == {address: 1 for address in letter.addresses}
    received = smtp.recorder.messages[0]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["Precedence"] == "bulk"
    assert Delivery.objects.filter(status="sent").count() == 30


def test_send_one_sends_a_single_message_after_commit(django_capture_on_commit_callbacks):
    from concerto.mailing.kinds import Rendered

    with django_capture_on_commit_callbacks(execute=True):
        outbox.send_one(
            address="ana@exemple.fr",
            rendered=Rendered("Confirmez", "Texte", "<p>Texte</p>", ""),
            message_id_seed="confirm:1",
        )
    assert [(m.to, m.subject) for m in mail.outbox] == [(["ana@exemple.fr"], "Confirmez")]
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def lane_of(campaign, address):
    return campaign.deliveries.get(address=address).pk % campaign.lanes


def test_workers_share_a_campaign_by_lanes_and_a_dead_senders_lane_is_taken_over(letter, settings):
    settings.MAILING_LANES = 3
    letter.addresses = [f"p{number}@exemple.fr" for number in range(12)]
    campaign = outbox.open_campaign("lettre:9", kind="test-letter")
    assert campaign.lanes == 3
    sending.fan_out(campaign)
    assert list(campaign.lane_set.values_list("number", flat=True)) == [0, 1, 2]
    # Another worker, alive, is sending lane 1: this sender takes lanes 0 and 2.
    Lane.objects.filter(campaign=campaign, number=1).update(
        sender="other-live-sender", leased_until=timezone.now() + timedelta(hours=1)
    )
    outcome = sending.send_campaign(campaign.pk)
    in_lane_1 = {a for a in letter.addresses if lane_of(campaign, a) == 1}
    assert 0 < len(in_lane_1) < 12
    assert outcome.busy and outcome.sent == 12 - len(in_lane_1)
    assert {m.to[0] for m in mail.outbox} == set(letter.addresses) - in_lane_1
    campaign.refresh_from_db()
    assert campaign.finished_at is None
    assert resume_campaigns.call() == []  # lane 1's sender is alive
    assert len(mail.outbox) == 12 - len(in_lane_1)
    # It dies: its lease runs out and the periodic resume sends lane 1, and only it.
    Lane.objects.filter(campaign=campaign, number=1).update(
        leased_until=timezone.now() - timedelta(seconds=1)
    )
    assert resume_campaigns.call() == [campaign.pk]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(letter.addresses)
    campaign.refresh_from_db()
    assert campaign.finished_at is not None
    assert list(campaign.lane_set.filter(finished_at__isnull=True)) == []
    assert resume_campaigns.call() == []


def test_the_first_sender_starts_one_helper_per_other_lane(letter, settings):
    settings.MAILING_LANES = 4
    letter.addresses = [f"p{number}@exemple.fr" for number in range(10)]
    campaign = outbox.open_campaign("lettre:10", kind="test-letter")
    helpers = []
    outcome = sending.send_campaign(campaign.pk, call_helpers=helpers.append)
    assert helpers == [3]
    assert outcome.sent == 10 and not outcome.busy
    assert sorted(m.to[0] for m in mail.outbox) == sorted(letter.addresses)
    # A helper that starts after the work is done finds no lane and sends nothing.
    assert sending.send_campaign(campaign.pk, call_helpers=helpers.append).sent == 0
    assert helpers == [3] and len(mail.outbox) == 10


def test_a_campaign_whose_last_sender_died_before_finishing_it_is_finished_by_the_resume(
    letter,
):
    letter.addresses = ["ana@exemple.fr"]
    campaign = outbox.open_campaign("lettre:11", kind="test-letter")
    sending.fan_out(campaign)
    campaign.deliveries.update(status="sent")
    campaign.lane_set.update(finished_at=timezone.now())
    assert resume_campaigns.call() == [campaign.pk]
    campaign.refresh_from_db()
    assert campaign.finished_at is not None
    assert mail.outbox == []
