"""Subscribing without an account: double opt-in, no enumeration, one e-mail an hour
(issue 25)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from concerto.newsletter import actions
from concerto.newsletter.models import Subscriber
from tests.factories import UserFactory
from tests.newsletter.helpers import confirmation_link, subscriber

pytestmark = pytest.mark.django_db

URL = "/lettre/"
SENT = (
    "Merci. Un message vient de partir vers cette adresse : ouvrez le lien qu&#x27;il contient "
    "(valable 7 jours) pour confirmer votre abonnement."
)


def same_page(response) -> str:
    """The page without what differs on every response (CSRF token, CSP nonce)."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", page)
    return re.sub(r'nonce="[^"]*"', "NONCE", page)


def form(email="camille@exemple.fr", audience="public", consent="on"):
    data = {"email": email, "audience": audience}
    if consent:
        data["consent"] = consent
    return data


def post(client, capture, **fields):
    with capture(execute=True):
        return client.post(URL, form(**fields), follow=True)


def test_the_form_asks_for_address_audience_and_consent(client):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Lettre d'information du CIPC</h1>" in page
    for label in ("Agents publics", "Référents ministériels", "Grand public"):
        assert label in page
    assert "J&#x27;accepte que le CIPC conserve mon adresse électronique" in page


def test_double_opt_in(client, django_capture_on_commit_callbacks):
    response = post(client, django_capture_on_commit_callbacks, email="  Camille@Exemple.FR ",
                    audience="agents")  # fmt: skip
    assert SENT in response.content.decode()
    person = Subscriber.objects.get()
    assert person.email == "camille@exemple.fr"
    assert person.audience == "agents"
    assert person.consent_wording == str(actions.CONSENT_WORDING)
    assert person.consented_at is not None
    assert person.confirmed_at is None  # not yet: no edition reaches it
    assert list(Subscriber.objects.receiving(["agents"])) == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@exemple.fr"]
    assert message.subject == "Confirmez votre abonnement à la lettre d'information du CIPC"
    link = confirmation_link(message)

    # Opening the link shows a button (mail scanners follow links); the button confirms.
    page = client.get(link)
    assert page.status_code == 200
    person.refresh_from_db()
    assert person.confirmed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link, follow=True)
    assert done.status_code == 200
    assert "Votre abonnement est confirmé" in done.content.decode()
    person.refresh_from_db()
    assert person.confirmed_at is not None
    assert list(Subscriber.objects.receiving(["agents"])) == [person]
    # A second click confirms nothing more.
    confirmed_at = person.confirmed_at
    assert client.post(link).status_code == 302
    person.refresh_from_db()
    assert person.confirmed_at == confirmed_at


def test_the_answer_is_the_same_whatever_the_address_knows(
    client, django_capture_on_commit_callbacks
):
    subscriber("confirmee@exemple.fr")
    subscriber("attente@exemple.fr", confirmed=False)
    mail.outbox.clear()
    answers = []
    for email in ("nouvelle@exemple.fr", "attente@exemple.fr", "confirmee@exemple.fr"):
        response = post(client, django_capture_on_commit_callbacks, email=email)
        answers.append((response.status_code, response.redirect_chain,
                        same_page(response).replace(email, "ADRESSE")))  # fmt: skip
    assert answers[0] == answers[1] == answers[2]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "attente@exemple.fr", "confirmee@exemple.fr", "nouvelle@exemple.fr",
    ]  # fmt: skip


def test_a_stranger_cannot_change_a_confirmed_subscription(
    client, django_capture_on_commit_callbacks
):
    person = subscriber("confirmee@exemple.fr", audience="agents")
    before = Subscriber.objects.values().get(pk=person.pk)
    post(
        client, django_capture_on_commit_callbacks, email="confirmee@exemple.fr", audience="public"
    )
    assert Subscriber.objects.values().get(pk=person.pk) == before
    # Only the link, opened by the address's owner, changes the audience.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirmation_link(mail.outbox[-1]))
    person.refresh_from_db()
    assert person.audience == "public"
    assert person.confirmed_at == before["confirmed_at"]


def test_at_most_one_confirmation_an_hour(client, django_capture_on_commit_callbacks):
    first = post(client, django_capture_on_commit_callbacks)
    second = post(client, django_capture_on_commit_callbacks, audience="agents")
    assert SENT in first.content.decode() and SENT in second.content.decode()
    assert len(mail.outbox) == 1
    # The second request, refused, changed nothing: the first link still confirms.
    person = Subscriber.objects.get()
    assert person.audience == "public"
    with freeze_time(timezone.now() + timedelta(minutes=61)):
        from django.core.cache import cache

        cache.clear()  # the window passed (the test cache does not follow frozen time)
        post(client, django_capture_on_commit_callbacks, audience="agents")
    assert len(mail.outbox) == 2
    assert Subscriber.objects.get().audience == "agents"


def test_a_link_expires_after_seven_days(client, django_capture_on_commit_callbacks):
    post(client, django_capture_on_commit_callbacks)
    link = confirmation_link(mail.outbox[0])
    with freeze_time(timezone.now() + timedelta(days=7, minutes=1)):
        page = client.get(link)
        refused = client.post(link)
    assert page.status_code == 410
    assert "Ce lien de confirmation n'est plus valable" in page.content.decode()
    assert refused.status_code == 410
    assert Subscriber.objects.get().confirmed_at is None
    with freeze_time(timezone.now() + timedelta(days=6, hours=23)):
        assert client.get(link).status_code == 200


def test_a_forged_or_older_link_confirms_nothing(client, django_capture_on_commit_callbacks):
    assert client.get("/lettre/confirmer/jeton-invalide/").status_code == 410
    post(client, django_capture_on_commit_callbacks)
    old_link = confirmation_link(mail.outbox[0])
    with freeze_time(timezone.now() + timedelta(hours=2)):
        from django.core.cache import cache

        cache.clear()
        post(client, django_capture_on_commit_callbacks)
        assert client.post(old_link).status_code == 410
        assert Subscriber.objects.get().confirmed_at is None
        assert client.post(confirmation_link(mail.outbox[1])).status_code == 302
    assert Subscriber.objects.get().confirmed_at is not None


def test_unsubscribed_then_subscribing_again_goes_through_double_opt_in(
    client, django_capture_on_commit_callbacks
):
    person = subscriber("camille@exemple.fr", audience="agents")
    actions.unsubscribe("Camille@exemple.fr ")
    person.refresh_from_db()
    assert person.unsubscribed_at is not None
    mail.outbox.clear()
    post(client, django_capture_on_commit_callbacks, email="camille@exemple.fr")
    person.refresh_from_db()
    assert (person.confirmed_at, person.unsubscribed_at, person.audience) == (None, None, "public")
    assert list(Subscriber.objects.receiving(["public", "agents"])) == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirmation_link(mail.outbox[0]))
    assert list(Subscriber.objects.receiving(["public"])) == [person]


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"consent": ""}, "consent", "Cochez cette case pour vous abonner"),
        ({"audience": ""}, "audience", "Choisissez le public qui vous correspond."),
        ({"email": "pas-une-adresse"}, "email", "Saisissez une adresse e-mail valide."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(client, fields, field, error):
    data = form(**fields)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert error in response.content.decode().replace("&#x27;", "'")
    assert error in " ".join(response.context["form"].errors[field])
    # What was typed stays.
    assert response.context["form"]["email"].value() == data["email"]
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_a_signed_in_person_subscribes_their_account_address_at_once(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="Dominique@Exemple.fr")
    client.force_login(user)
    page = client.get(URL)
    assert page.context["form"]["email"].value() == "dominique@exemple.fr"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, form(email="dominique@exemple.fr", audience="agents"), follow=True
        )
    assert (
        "Votre abonnement est enregistré : les prochaines lettres iront à dominique@exemple.fr."
        in (response.content.decode())
    )
    person = Subscriber.objects.get()
    assert (person.email, person.audience, person.user) == ("dominique@exemple.fr", "agents", user)
    assert person.is_receiving
    assert mail.outbox == []  # the account's address was proved when it was created
    assert "L'adresse de votre compte, dominique@exemple.fr, reçoit la lettre" in (
        client.get(URL).content.decode()
    )


def test_an_erased_account_takes_its_subscription_with_it():
    from concerto.privacy.actions import erase_account

    user = UserFactory(email="dominique@exemple.fr")
    actions.subscribe_account(user, audience="public")
    erase_account(user)
    assert Subscriber.objects.count() == 0


def test_unsubscribe_request_sends_the_link_only_to_a_subscriber(
    client, django_capture_on_commit_callbacks
):
    subscriber("camille@exemple.fr")
    mail.outbox.clear()
    answers = []
    for email in ("camille@exemple.fr", "inconnue@exemple.fr"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/lettre/desabonnement/", {"email": email}, follow=True)
        answers.append(same_page(response))
    assert answers[0] == answers[1]
    assert "Si cette adresse reçoit la lettre, un message vient de lui être envoyé" in answers[0]
    assert [message.to for message in mail.outbox] == [["camille@exemple.fr"]]
    assert mail.outbox[0].subject == "Votre désabonnement de la lettre d'information du CIPC"
    # Asking does not unsubscribe: only the link does.
    assert Subscriber.objects.get().is_receiving


def test_the_unsubscribe_scope_is_registered():
    from concerto.mailing import unsubscribe as core

    person = subscriber("camille@exemple.fr")
    assert actions.unsubscribe("camille@exemple.fr") == 1
    assert actions.unsubscribe("camille@exemple.fr") == 0
    person.refresh_from_db()
    assert person.unsubscribed_at is not None
    assert core.unsubscribe_url("camille@exemple.fr", "newsletter").startswith("http")


def test_the_account_page_leads_to_the_newsletter(client):
    client.force_login(UserFactory())
    page = client.get("/mon-compte/mes-donnees/").content.decode()
    assert """<a class="fr-link" href="/lettre/">M'abonner à la lettre</a>""" in page


def test_the_personal_data_export_holds_the_subscription():
    from concerto.privacy.actions import personal_data
    from concerto.privacy.readable import sections

    user = UserFactory(email="dominique@exemple.fr")
    person = actions.subscribe_account(user, audience="referents")
    data = personal_data(user)
    rows = data["donnees_liees"]["newsletter.subscriber/user"]
    assert [(row["id"], row["email"], row["audience"]) for row in rows] == [
        (person.pk, "dominique@exemple.fr", "referents")
    ]
    titles = [section.title for section in sections(data)]
    assert "Abonnés à la lettre d'information" in titles
