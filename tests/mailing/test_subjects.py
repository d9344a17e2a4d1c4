import pytest
from django.core import mail

from concerto.mailing.subjects import subject_line
from concerto.notifications.actions import notify
from concerto.notifications.models import Notification
from concerto.notifications.tasks import email_notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_line_break_in_a_subject_does_not_stop_the_email(django_capture_on_commit_callbacks):
    """A title typed with a line break once made the e-mail task fail (BadHeaderError)."""
    user = UserFactory(email="camille@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify([user], subject="Saisine : Plan\r\nvélo\n", body="Texte.")
    assert notification.subject == "Saisine : Plan vélo"
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Concerto : Saisine : Plan vélo", ["camille@exemple.fr"])
    ]


def test_a_notification_stored_with_a_line_break_is_still_sent():
    user = UserFactory(email="camille@exemple.fr")
    notification = Notification.objects.create(recipient=user, subject="Avis\nCIPC", body="x")
    result = email_notification.enqueue(notification.pk)
    assert result.status == "SUCCESSFUL"
    assert [m.subject for m in mail.outbox] == ["Concerto : Avis CIPC"]


def test_a_subject_is_one_line_of_at_most_255_characters():
    assert subject_line("  Un\ttitre\r\n\n  sur  deux lignes ") == "Un titre sur deux lignes"
    assert subject_line("mot " * 100) == ("mot " * 64)[:254] + "…"
