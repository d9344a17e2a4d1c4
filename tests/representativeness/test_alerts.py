"""E-mail alerts to the organisers when a group falls under their threshold."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from concerto.notifications.models import Notification
from concerto.representativeness import actions
from concerto.representativeness.alerts import check_all, settings_to_check
from concerto.representativeness.models import ProfileSettings
from concerto.representativeness.tables import ALERT_MIN_EXPECTED, current_alerts
from concerto.representativeness.tasks import check_representativeness_alerts
from concerto.testing.emails import assert_email, sent
from tests.representativeness.conftest import citizens


def _answer(process, n: int, answers: dict) -> None:
    for citizen in citizens(n):
        actions.answer_profile(process, user=citizen, answers=answers)


def _alert_mails(process):
    return Notification.objects.filter(subject__contains=process.title).filter(
        subject__startswith="Représentativité"
    )


def test_organisers_are_told_once_when_enough_people_answered(
    proposals, django_capture_on_commit_callbacks, site_url
):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(
        process, actor=organiser, questions=["commune_type", "gender"], alert_percent=80
    )
    _answer(process, 19, {"commune_type": "urban"})
    assert check_all() == 0  # 19 respondents: too few to say anything
    assert not _alert_mails(process).exists()
    assert ProfileSettings.objects.get(process=process).alerts_checked_at is not None

    _answer(process, 1, {"commune_type": "urban", "gender": "woman"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert check_representativeness_alerts.call() == 1
    subject = f"Concerto : Représentativité : des groupes manquent à « {process.title} »"
    organisers = sorted({process.sponsor.email, process.project_lead.email})
    assert len(mail.outbox) == len(organisers)
    for message, address in zip(sent(), organisers, strict=True):
        assert assert_email(message, to=address, subject=subject) == [
            f"/dispositifs/{process.slug}/representativite/"
        ]
    (alert, *others) = _alert_mails(process).order_by("recipient_id")
    recipients = {n.recipient_id for n in _alert_mails(process)}
    assert recipients == {process.sponsor_id, process.project_lead_id} - {None}
    assert len(others) == len(recipients) - 1
    assert alert.subject == f"Représentativité : des groupes manquent à « {process.title} »"
    assert "- Type de commune : Rurale" in alert.body
    assert "Genre" not in alert.body  # one respondent to the gender question: not yet
    assert "80 %" in alert.body and "panel tiré au sort" in alert.body
    assert alert.url == f"/dispositifs/{process.slug}/representativite/"

    # Nothing new answered: not checked again; and a check would not repeat itself.
    assert not settings_to_check().filter(process=process).exists()
    _answer(process, 1, {"commune_type": "urban"})
    count = _alert_mails(process).count()
    assert check_all() == 0 and _alert_mails(process).count() == count

    # A week later, the group is still missing: the organisers hear it again.
    _answer(process, 1, {"commune_type": "urban"})
    assert check_all(now=timezone.now() + timedelta(days=8)) == 1
    assert _alert_mails(process).count() == 2 * count


def test_a_group_that_is_present_raises_nothing_and_closed_processes_are_left(proposals):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(
        process, actor=organiser, questions=["commune_type"], alert_percent=80
    )
    _answer(process, 14, {"commune_type": "urban"})
    _answer(process, 7, {"commune_type": "rural"})  # a third: above 80 % of 33 %
    assert check_all() == 0 and not _alert_mails(process).exists()
    _answer(process, 20, {"commune_type": "urban"})
    process.status = "closed"
    process.save(update_fields=["status"])
    assert not settings_to_check().exists()
    assert check_all() == 0 and not _alert_mails(process).exists()


def test_a_group_of_which_fewer_than_five_were_expected_raises_no_alert(proposals):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(process, actor=organiser, questions=["departement"], alert_percent=80)
    _answer(process, 40, {"departement": "75"})  # all in Paris
    alerts = {alert.key for alert in current_alerts(process)}
    # Expected among 40 respondents: Nord (2.4 % of the population) about 1: no alert;
    # nor any other département, each under 5 expected; Paris itself is over-represented.
    assert alerts == set()
    _answer(process, 200, {"departement": "75"})
    alerts = {alert.key for alert in current_alerts(process)}
    # With 240 respondents the biggest départements were expected 5 times or more.
    assert "departement:59" in alerts and "departement:48" not in alerts  # Nord, Lozère
    assert all(
        alert.respondents * alert.reference >= ALERT_MIN_EXPECTED
        for alert in current_alerts(process)
    )
