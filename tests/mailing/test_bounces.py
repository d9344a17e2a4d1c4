import mailbox
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from concerto.mailing import bounces
from concerto.mailing.models import Suppression

pytestmark = pytest.mark.django_db
MESSAGES = Path(__file__).parent / "messages"
EMAILS = ("postfix_user_unknown.eml", "postfix_delayed.eml", "arf_complaint.eml")


def suppressed():
    return dict(Suppression.objects.values_list("address", "reason"))


@pytest.fixture
def mbox_file(tmp_path):
    path = tmp_path / "rebonds.mbox"
    box = mailbox.mbox(path)
    for name in EMAILS:
        box.add((MESSAGES / name).read_bytes())
    box.flush()
    return path


def test_a_mailbox_of_bounces_and_complaints_suppresses_the_hard_ones_only(mbox_file, capsys):
    call_command("mailing_bounces", str(mbox_file))
    assert suppressed() == {"inconnu@exemple.fr": "bounce", "plainte@exemple.net": "complaint"}
    detail = Suppression.objects.get(address="inconnu@exemple.fr").detail
    assert detail.startswith("smtp; 550 5.1.1 <inconnu@exemple.fr>: Recipient address rejected")
    assert "Signalements lus : 2 ; nouvelles adresses exclues : 2" in capsys.readouterr().out
    call_command("mailing_bounces", str(mbox_file))  # read again: nothing doubles
    assert Suppression.objects.count() == 2


def test_a_maildir_is_read_too(tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add((MESSAGES / "postfix_user_unknown.eml").read_bytes())
    call_command("mailing_bounces", str(tmp_path / "Maildir"))
    assert suppressed() == {"inconnu@exemple.fr": "bounce"}


def test_a_relay_webhook_payload_suppresses_permanent_bounces_and_complaints(tmp_path):
    payload = tmp_path / "webhook.json"
    shutil.copy(MESSAGES / "ses_notifications.json", payload)
    call_command("mailing_bounces", str(payload), json=True)
    assert suppressed() == {
        "perdu@exemple.org": "bounce",
        "fache@exemple.org": "complaint",
        "brevo@exemple.org": "bounce",
        "spam@exemple.org": "complaint",
    }


def test_an_unreadable_source_is_a_clear_error_and_changes_nothing(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{pas du json")
    with pytest.raises(CommandError, match="Fichier JSON illisible"):
        call_command("mailing_bounces", str(broken), json=True)
    with pytest.raises(CommandError, match="Introuvable"):
        call_command("mailing_bounces", str(tmp_path / "absent.mbox"))
    assert Suppression.objects.count() == 0


def test_a_delayed_notice_alone_suppresses_nothing():
    from email import message_from_bytes, policy

    raw = (MESSAGES / "postfix_delayed.eml").read_bytes()
    assert bounces.read_message(message_from_bytes(raw, policy=policy.default)) == []
