"""Inviting someone without an account (issue 22): the account is made with its role and
reason, the invitee's link chooses a password and proves the address; an address that
already has an account, or a form without reason, changes nothing."""

import re

import pytest
from django.contrib.auth import authenticate
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from concerto.accounts.models import Membership, RoleChange, User
from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.testing.emails import assert_email
from tests.factories import MinistryFactory, UserFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]
URL = reverse("administration:invite")


@pytest.fixture
def culture():
    return MinistryFactory(name="Ministère de la Culture")


def _form(culture, **changes) -> dict:
    return {
        "email": "Lea.Martin@Culture.gouv.fr", "first_name": "Léa", "last_name": "Martin",
        "organisation": culture.pk, "role": Role.REFERENT,
        "reason": "Nommée référente le 2 décembre.", **changes,
    }  # fmt: skip


def test_an_invitation_makes_the_account_with_its_role_and_its_link_lets_them_in(
    client, culture, django_capture_on_commit_callbacks
):
    advisor = user_with_role(Role.CIPC_ADVISOR, first_name="Hugo", last_name="Petit")
    client.force_login(advisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _form(culture))
    person = User.objects.get(email="lea.martin@culture.gouv.fr")
    assert response.status_code == 302
    assert response.url == reverse("administration:person", kwargs={"user_id": person.pk})
    assert (person.first_name, person.last_name, person.email_verified) == ("Léa", "Martin", False)
    assert list(Membership.objects.filter(user=person).values_list("organisation", "role")) == [
        (culture.pk, Role.REFERENT)
    ]
    change = RoleChange.objects.get(user=person)
    assert (change.actor, change.kind, change.reason) == (
        advisor, RoleChange.Kind.GRANTED, "Nommée référente le 2 décembre."
    )  # fmt: skip
    entry = Entry.objects.get()
    assert (entry.action, entry.actor, entry.summary) == (
        "accounts.invite", advisor,
        "Invitation envoyée — rôle « Référent ministériel » — Ministère de la Culture",
    )  # fmt: skip
    (message,) = mail.outbox
    paths = assert_email(
        message, to="lea.martin@culture.gouv.fr",
        subject="Votre invitation sur Concerto : Référent ministériel — Ministère de la Culture",
    )  # fmt: skip
    assert "Hugo Petit vous invite sur Concerto" in message.body
    assert paths[1] == "/mot-de-passe-oublie/"
    assert re.fullmatch(r"/reinitialisation/[\w-]+/[\w-]+/", paths[0])

    # The link: a password chosen, the address proved, the account signs in.
    client.logout()
    form_page = client.get(paths[0], follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Une phrase de passe solide 42", "new_password2":
         "Une phrase de passe solide 42"},
    )  # fmt: skip
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email_verified
    assert authenticate(email=person.email, password="Une phrase de passe solide 42") == person


def test_the_same_invitation_sent_twice_makes_one_account_and_one_email(
    client, culture, django_capture_on_commit_callbacks
):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, _form(culture))
        second = client.post(URL, _form(culture))
    assert first.url == second.url
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] == (
        "Une invitation avec ce rôle a déjà été envoyée à lea.martin@culture.gouv.fr : elle "
        "n'est pas renvoyée."
    )
    assert User.objects.filter(email="lea.martin@culture.gouv.fr").count() == 1
    assert (RoleChange.objects.count(), Entry.objects.count(), len(mail.outbox)) == (1, 1, 1)


def test_a_sign_up_with_an_invited_address_neither_takes_it_over_nor_voids_the_link(
    client, culture, django_capture_on_commit_callbacks
):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _form(culture))
    invited = User.objects.get(email="lea.martin@culture.gouv.fr")
    password, names = invited.password, (invited.first_name, invited.last_name)
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), {
            "email": "lea.martin@culture.gouv.fr", "first_name": "Intrus", "last_name": "X",
            "password1": "Un mot de passe d'intrus 99", "password2": "Un mot de passe d'intrus 99",
            "charter": "on", "terms": "on",
        })  # fmt: skip
    invited.refresh_from_db()
    assert (invited.password, (invited.first_name, invited.last_name)) == (password, names)
    # The address's owner is told an account exists, not asked to confirm the intruder's.
    assert mail.outbox[-1].subject == "Une inscription à Concerto avec votre adresse"


def test_an_address_with_an_account_or_a_missing_reason_changes_nothing(client, culture):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    someone = UserFactory(email="lea.martin@culture.gouv.fr", first_name="Léa")
    response = client.post(URL, _form(culture))
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Un compte existe déjà avec cette adresse : donnez-lui le rôle depuis sa fiche."
    ]
    assert response.context["existing"] == someone
    response = client.post(URL, _form(culture, email="autre@culture.gouv.fr", reason=" "))
    assert response.context["form"].errors["reason"] == [
        "Indiquez le motif : il est gardé dans l'historique."
    ]
    # What was typed stays in the form.
    assert response.context["form"]["first_name"].value() == "Léa"
    assert User.objects.count() == 2 and not Membership.objects.filter(user=someone).exists()
    assert not RoleChange.objects.exists() and not mail.outbox


def test_an_advisor_cannot_invite_an_advisor(client):
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    cipc = user_with_role(Role.CIPC_ADVISOR).memberships.get().organisation
    response = client.post(URL, _form(cipc, role=Role.CIPC_ADVISOR))
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not User.objects.filter(email="lea.martin@culture.gouv.fr").exists()
