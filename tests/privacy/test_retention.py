from datetime import date, timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.mailing.models import Campaign, Delivery
from concerto.newsletter.models import Subscriber
from concerto.panels.models import Panel
from concerto.participation.actions import submit_contribution
from concerto.participation.models import Contribution, ContributionKind, ParticipantProfile
from concerto.privacy.models import DeletionRecord, StaffAccess
from concerto.privacy.register import REGISTER
from concerto.privacy.retention import RULES, apply_retention
from tests.factories import UserFactory, open_module, user_with_role
from tests.panels.helpers import ready_panel

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def at(day: date):
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12))


def test_every_rule_the_register_promises_exists():
    promised = {entry.rule for entry in REGISTER if entry.rule}
    assert promised == set(RULES)


def test_retention_deletes_what_is_due_and_nothing_else(settings):
    settings.PRIVACY_RETENTION_DAYS = {
        "participant_profiles": 730,
        "inactive_accounts": 1095,
        "access_log": 365,
        "newsletter_unconfirmed": 30,
        "mailing_deliveries": 90,
        "activity_log": 1825,
    }
    old_citizen = UserFactory(email="ancienne@exemple.fr", last_login=at(TODAY - timedelta(1100)))
    recent_citizen = UserFactory(email="recente@exemple.fr", last_login=at(TODAY - timedelta(30)))
    old_agent = user_with_role(Role.AGENT, last_login=at(TODAY - timedelta(2000)))
    never_signed_in = UserFactory(email="jamais@exemple.fr")
    never_signed_in.date_joined = at(TODAY - timedelta(1200))
    never_signed_in.save()

    stale_profile = ParticipantProfile.objects.create(
        user=recent_citizen, answers={"age_band": "18_24"}, consented_at=at(TODAY - timedelta(800))
    )
    fresh_profile_user = UserFactory(last_login=at(TODAY))
    fresh_profile = ParticipantProfile.objects.create(
        user=fresh_profile_user,
        answers={"gender": "woman"},
        consented_at=at(TODAY - timedelta(800)),
    )
    module, _ = open_module("proposals")
    # A contribution 10 days ago keeps the second profile although consent is old.
    contribution, _ = submit_contribution(
        module,
        author=fresh_profile_user,
        kind=ContributionKind.PROPOSAL,
        title="Des pistes cyclables",
        body="Relier les villages.",
        idempotency_key=None,
    )
    Contribution.objects.filter(pk=contribution.pk).update(created_at=at(TODAY - timedelta(10)))

    StaffAccess.objects.create(actor=old_agent, category="vivier", subject="a", path="/x/")
    StaffAccess.objects.filter().update(accessed_at=at(TODAY - timedelta(400)))
    recent_access = StaffAccess.objects.create(
        actor=old_agent, category="vivier", subject="b", path="/y/"
    )

    # Newsletter requests: one never confirmed for 31 days goes, the others stay.
    stale_request = Subscriber.objects.create(
        email="oubli@exemple.fr", audience="public", consent_wording="Oui",
        consented_at=at(TODAY - timedelta(31)),
    )  # fmt: skip
    fresh_request = Subscriber.objects.create(
        email="hier@exemple.fr", audience="public", consent_wording="Oui",
        consented_at=at(TODAY - timedelta(29)),
    )  # fmt: skip
    old_subscriber = Subscriber.objects.create(
        email="fidele@exemple.fr", audience="agents", consent_wording="Oui",
        consented_at=at(TODAY - timedelta(400)), confirmed_at=at(TODAY - timedelta(400)),
    )  # fmt: skip

    # Bulk e-mail records: those of a campaign finished 91 days ago go.
    old_send = Campaign.objects.create(key="lettre:ancienne", kind="newsletter",
                                       finished_at=at(TODAY - timedelta(91)))  # fmt: skip
    recent_send = Campaign.objects.create(key="lettre:recente", kind="newsletter",
                                          finished_at=at(TODAY - timedelta(89)))  # fmt: skip
    for campaign in (old_send, recent_send):
        Delivery.objects.create(campaign=campaign, address="fidele@exemple.fr", status="sent")
    Delivery.objects.create(campaign=old_send, address="autre@exemple.fr", status="sent")

    # Staff actions: the line of five years and a day ago goes, the other stays.
    for days, label in ((1826, "ancienne"), (1824, "recente")):
        Entry.objects.create(at=at(TODAY - timedelta(days)), action="x", target_label=label,
                             summary="Dispositif archivé")  # fmt: skip

    panel, _referent = ready_panel(size=10, n=40)
    Panel.objects.filter(pk=panel.pk).update(retention_date=TODAY - timedelta(1))

    with freeze_time(at(TODAY)):
        done = apply_retention(TODAY)

    assert done == {
        "participant_profiles": 1,
        "inactive_accounts": 2,
        "panel_pools": 40,
        "access_log": 1,
        "newsletter_unconfirmed": 1,
        "mailing_deliveries": 2,
        "activity_log": 1,
    }
    assert not Entry.objects.filter(target_label="ancienne").exists()
    assert Entry.objects.filter(target_label="recente").exists()
    assert list(Delivery.objects.values_list("campaign__key", flat=True)) == ["lettre:recente"]
    assert not Subscriber.objects.filter(pk=stale_request.pk).exists()
    assert sorted(Subscriber.objects.values_list("pk", flat=True)) == sorted(
        [fresh_request.pk, old_subscriber.pk]
    )
    assert not ParticipantProfile.objects.filter(pk=stale_profile.pk).exists()
    assert ParticipantProfile.objects.filter(pk=fresh_profile.pk).exists()
    old_citizen.refresh_from_db()
    never_signed_in.refresh_from_db()
    recent_citizen.refresh_from_db()
    old_agent.refresh_from_db()
    assert old_citizen.email == f"compte-supprime-{old_citizen.pk}@concerto.invalid"
    assert not old_citizen.is_active and old_citizen.first_name == ""
    assert never_signed_in.email.endswith("@concerto.invalid")
    assert recent_citizen.email == "recente@exemple.fr" and recent_citizen.is_active
    assert old_agent.is_active  # a membership keeps staff accounts out of the rule
    assert list(StaffAccess.objects.values_list("pk", flat=True)) == [recent_access.pk]
    panel.refresh_from_db()
    assert panel.pool.count() == 0 and panel.pool_purged_at is not None
    assert sorted(DeletionRecord.objects.values_list("rule", "deleted")) == [
        ("access_log", 1),
        ("activity_log", 1),
        ("inactive_accounts", 2),
        ("mailing_deliveries", 2),
        ("newsletter_unconfirmed", 1),
        ("panel_pools", 40),
        ("participant_profiles", 1),
    ]

    # A second run finds nothing more to delete, and says so.
    with freeze_time(at(TODAY)):
        assert apply_retention(TODAY) == dict.fromkeys(RULES, 0)
    assert DeletionRecord.objects.count() == 2 * len(RULES)
