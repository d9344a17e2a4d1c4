"""Editions: the scheduled send opens one campaign per edition, reaches the confirmed
subscribers of its audiences only, renders the blocks once; the editors' test send; the
archive (issue 25)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.mailing.models import Campaign
from concerto.newsletter import actions, emails
from concerto.newsletter.models import NewsletterIndexPage
from tests.factories import user_with_role
from tests.newsletter.helpers import edition, subscriber

pytestmark = pytest.mark.django_db


def send_due(capture):
    with capture(execute=True):
        return actions.send_due_editions()


@pytest.fixture
def people():
    return {
        "agent": subscriber("agent@exemple.fr", "agents"),
        "referent": subscriber("referente@exemple.fr", "referents"),
        "citizen": subscriber("citoyen@exemple.fr", "public"),
        "pending": subscriber("attente@exemple.fr", "agents", confirmed=False),
        "gone": subscriber("parti@exemple.fr", "agents", unsubscribed=True),
    }


def test_scheduled_send_opens_one_campaign_and_reaches_each_subscriber_once(
    people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    past = edition("Lettre de décembre", send_at=timezone.now() - timedelta(minutes=5))
    edition("Lettre de janvier", send_at=timezone.now() + timedelta(days=30))
    edition("Brouillon", send_at=timezone.now() - timedelta(days=1), publish=False)
    edition("Sans date")

    assert send_due(django_capture_on_commit_callbacks) == [f"newsletter:edition:{past.pk}"]
    # A second run (the next minute's tick) opens nothing more and sends nothing more.
    assert send_due(django_capture_on_commit_callbacks) == []
    assert list(Campaign.objects.values_list("key", "kind", "source_id")) == [
        (f"newsletter:edition:{past.pk}", "newsletter", past.pk)
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "agent@exemple.fr", "citoyen@exemple.fr", "referente@exemple.fr",
    ]  # fmt: skip
    assert {message.subject for message in mail.outbox} == {"Lettre de décembre"}


def test_an_edition_reaches_its_audiences_only(people, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    edition("Pour les agents", send_at=timezone.now(), for_public=False, for_referents=False)
    send_due(django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["agent@exemple.fr"]]


def test_who_left_the_editions_audiences_after_the_fan_out_is_not_sent_to(people):
    from concerto.mailing import sending
    from concerto.newsletter.queries import KIND

    mail.outbox.clear()
    page = edition("Pour les agents", for_public=False, for_referents=False)
    campaign = Campaign.objects.create(key="k", kind=KIND, source_id=page.pk)
    sending.fan_out(campaign)
    people["agent"].audience = "public"
    people["agent"].save()
    outcome = sending.send_campaign(campaign.pk)
    assert (outcome.sent, outcome.skipped) == (0, 1)
    assert mail.outbox == []
    assert campaign.deliveries.get().skip_reason == "unsubscribed"


def test_recipients_stream_in_primary_key_order(people):
    from concerto.newsletter.mailings import NewsletterKind

    page = edition("Pour tous", send_at=timezone.now())
    campaign = Campaign(key="k", kind="newsletter", source_id=page.pk)
    recipients = list(NewsletterKind().recipients(campaign))
    assert [(r.address, r.user_id) for r in recipients] == [
        ("agent@exemple.fr", None), ("referente@exemple.fr", None), ("citoyen@exemple.fr", None),
    ]  # fmt: skip


def test_the_e_mail_is_made_of_the_edition_blocks(people, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    edition("Lettre de décembre", send_at=timezone.now(), for_public=False, for_referents=False)
    send_due(django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "RÉPUBLIQUE<br>FRANÇAISE" in html
    assert "max-width:600px" in html
    assert ">Les rendez-vous de décembre</h2>" in html
    assert "<p>Le réseau se réunit le <b>12 décembre</b>.</p>" in html
    assert ">À retenir</p>" in html
    assert "Saisissez le CIPC avant de lancer la démarche." in html
    assert 'href="https://www.exemple.fr/guide/"' in html and ">Lire le guide</a>" in html
    assert "« Associer tôt, c&#x27;est décider mieux. »<br>— Une référente" in html
    text = message.body
    assert "Les rendez-vous de décembre\n===========================" in text
    assert "Le réseau se réunit le 12 décembre." in text
    assert "À retenir\nSaisissez le CIPC avant de lancer la démarche." in text
    assert "Lire le guide : https://www.exemple.fr/guide/" in text
    assert "« Associer tôt, c'est décider mieux. »\n— Une référente" in text
    # The recipient's own unsubscribe link, nothing of the placeholder left.
    assert emails.UNSUBSCRIBE_MARK not in html + text
    from concerto.mailing.unsubscribe import unsubscribe_url

    link = unsubscribe_url("agent@exemple.fr", "newsletter")
    assert f"Se désabonner : {link}" in text


def test_blocks_are_rendered_once_per_campaign(django_capture_on_commit_callbacks):
    for number in range(5):
        subscriber(f"personne{number}@exemple.fr")
    mail.outbox.clear()
    edition("Lettre", send_at=timezone.now())
    with mock.patch(
        "concerto.newsletter.mailings.render_edition", wraps=emails.render_edition
    ) as render:
        send_due(django_capture_on_commit_callbacks)
    assert render.call_count == 1
    assert len(mail.outbox) == 5
    bodies = {message.body for message in mail.outbox}
    assert len(bodies) == 5  # each with its own unsubscribe link


def test_an_unpublished_edition_is_not_sent(people, django_capture_on_commit_callbacks):
    from concerto.newsletter.mailings import NewsletterKind

    page = edition("Retirée", send_at=timezone.now() + timedelta(days=1))
    page.unpublish()
    campaign = Campaign(pk=999, key="k", kind="newsletter", source_id=page.pk)
    assert list(NewsletterKind().recipients(campaign)) == []
    assert NewsletterKind().render(campaign, mock.Mock(address="agent@exemple.fr")) is None


def test_the_archive_shows_editions_once_sent(client, people, django_capture_on_commit_callbacks):
    archive = NewsletterIndexPage.objects.get()
    assert archive.url == "/ressources/lettre/"
    sent = edition("Lettre de novembre", send_at=timezone.now() - timedelta(days=30))
    send_due(django_capture_on_commit_callbacks)
    later = edition("Lettre de décembre", send_at=timezone.now() - timedelta(minutes=1))
    send_due(django_capture_on_commit_callbacks)
    waiting = edition("Lettre de janvier", send_at=timezone.now() + timedelta(days=30))
    page = client.get(archive.url).content.decode()
    assert page.index("Lettre de décembre") < page.index("Lettre de novembre")
    assert "Lettre de janvier" not in page
    assert client.get(sent.url).status_code == 200
    assert client.get(later.url).status_code == 200
    # Not sent yet: not public either.
    assert client.get(waiting.url).status_code == 404


def test_test_send_reaches_the_editor_only(client, people, django_capture_on_commit_callbacks):
    editor = user_with_role(Role.CIPC_ADVISOR, email="Redactrice@cipc.fr")
    page = edition("Lettre de décembre", publish=False)
    client.force_login(editor)
    url = f"/cipc/lettre/editions/{page.pk}/essai/"
    assert client.get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert (
        "L&#x27;essai est parti vers votre adresse, redactrice@cipc.fr."
        in response.content.decode()
    )
    assert [message.to for message in mail.outbox] == [["redactrice@cipc.fr"]]
    assert mail.outbox[0].subject == "[Essai] Lettre de décembre"
    assert ">Les rendez-vous de décembre</h2>" in mail.outbox[0].alternatives[0][0]
    assert Campaign.objects.count() == 0
    # A double click sends one test.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, follow=True)
    assert "Un essai de cette édition vient de partir" in again.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.AGENT, Role.REFERENT])
def test_test_send_is_refused_to_others(client, role, django_capture_on_commit_callbacks):
    page = edition("Lettre de décembre", publish=False)
    client.force_login(user_with_role(role))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cipc/lettre/editions/{page.pk}/essai/")
    assert response.status_code == 403
    assert mail.outbox == []


def test_editors_preview_an_unsent_edition_and_find_the_test_send(client):
    page = edition("Lettre de décembre", publish=False)
    preview = page.make_preview_request()
    assert preview.status_code == 200
    assert "<h2>Les rendez-vous de décembre</h2>" in preview.content.decode()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    editor = client.get(f"/cms/pages/{page.pk}/edit/")
    assert editor.status_code == 200
    assert f'href="/cipc/lettre/editions/{page.pk}/essai/"' in editor.content.decode()
    assert "Envoyer un essai à moi-même" in editor.content.decode()


def test_the_archive_costs_the_same_queries_whatever_the_number_of_editions(
    client, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.get("/ressources/lettre/")  # warm the caches (site root paths)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/ressources/lettre/").status_code == 200
        return len(captured)

    edition("Lettre 0", send_at=timezone.now() - timedelta(days=20))
    send_due(django_capture_on_commit_callbacks)
    one = queries()
    for number in range(1, 11):
        edition(f"Lettre {number}", send_at=timezone.now() - timedelta(days=20 - number))
    send_due(django_capture_on_commit_callbacks)
    assert queries() == one


def test_who_unsubscribes_after_the_fan_out_is_skipped(people):
    from concerto.mailing import sending
    from concerto.mailing.models import Delivery
    from concerto.mailing.outbox import open_campaign

    page = edition("Lettre de décembre", send_at=timezone.now())
    campaign = open_campaign(f"newsletter:edition:{page.pk}", kind="newsletter", source_id=page.pk)
    assert sending.fan_out(campaign) == 3
    actions.unsubscribe("referente@exemple.fr")
    mail.outbox.clear()
    sending.send_campaign(campaign.pk)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "agent@exemple.fr", "citoyen@exemple.fr",
    ]  # fmt: skip
    assert list(
        Delivery.objects.filter(status="skipped").values_list("address", "skip_reason")
    ) == [("referente@exemple.fr", "unsubscribed")]
