import pytest
from django.core import mail

from concerto.notifications.actions import notify
from concerto.notifications.models import EmailOptOut, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_notification_e_mail_unsubscribes_in_one_click_and_the_dashboard_keeps_them(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(email="ana@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], subject="Une réponse couvre votre contribution", body="Voyez.")
    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = header[1:-1]
    assert link in message.body
    path = link.split("8000", 1)[1]
    assert "Notifications par courriel" in client.get(path).text
    client.post(path)
    assert EmailOptOut.objects.filter(user=person).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        notify([person], subject="Un jalon est franchi", body="Voyez.")
    assert len(mail.outbox) == 1  # no second e-mail
    assert list(Notification.objects.values_list("subject", flat=True)) == [
        "Un jalon est franchi",
        "Une réponse couvre votre contribution",
    ]


def test_the_preferences_page_turns_notification_e_mails_back_on(client):
    person = UserFactory(email="ana@exemple.fr")
    EmailOptOut.objects.create(user=person)
    client.force_login(person)
    page = client.get("/mon-compte/notifications/")
    assert 'name="notification_emails"' in page.text
    assert 'name="notification_emails" checked' not in page.text
    data = {"auto_follow": "on", "notification_emails": "on"}
    data |= dict.fromkeys(["answer", "proposal", "module", "process", "late"], "weekly")
    assert client.post("/mon-compte/notifications/", data).status_code == 302
    assert EmailOptOut.objects.count() == 0
