"""How a person's contributions are signed on public pages: their own choice, shown on
their personal-data page, and never their full name."""

import re

import pytest
from django.urls import reverse

from concerto.accounts.models import User
from concerto.participation.models import Contribution, ContributionKind
from concerto.privacy.actions import erase_account
from concerto.privacy.register import REGISTER
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db

URL = "/mon-compte/nom-public/"


def test_everyone_starts_with_the_first_name_and_the_initial_of_the_last_name():
    assert UserFactory(first_name="Camille", last_name="dupont").public_name == "Camille D."
    assert UserFactory(first_name="Camille", last_name="").public_name == "Camille"
    assert UserFactory(first_name="", last_name="").public_name == ""
    assert User.objects.create_user("nouveau@exemple.fr").public_name_choice == "initials"


def test_an_account_without_any_name_signs_participant():
    module, _ = open_module("proposals")
    contribution = Contribution.objects.create(
        module=module, kind=ContributionKind.PROPOSAL, body="Texte",
        author=UserFactory(first_name="", last_name=""),
    )  # fmt: skip
    assert contribution.author_name == "Participant"


def test_the_personal_data_page_offers_the_choice(client):
    client.force_login(UserFactory(first_name="Camille", last_name="Dupont"))
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 200
    assert "sont actuellement signés « Camille D. »" in response.text
    assert f'action="{URL}"' in response.text
    assert re.search(r'<input type="radio" name="public_name_choice" value="initials"[^>]*checked',
                     response.text)  # fmt: skip


def test_choosing_a_pseudonym_signs_the_contributions_with_it(client):
    citizen = UserFactory(first_name="Camille", last_name="Dupont")
    client.force_login(citizen)
    response = client.post(
        URL, {"public_name_choice": "pseudonym", "public_pseudonym": "  Roue   Libre "}
    )
    assert response.status_code == 302 and response["Location"] == reverse("privacy:my_data")
    citizen.refresh_from_db()
    assert (citizen.public_name_choice, citizen.public_pseudonym) == ("pseudonym", "Roue Libre")
    assert citizen.public_name == "Roue Libre"
    page = client.get(reverse("privacy:my_data")).text
    assert (
        "Vos contributions sont désormais signées « Roue Libre » sur les pages publiques." in page
    )
    response = client.post(URL, {"public_name_choice": "initials", "public_pseudonym": ""})
    citizen.refresh_from_db()
    assert (citizen.public_name, citizen.public_pseudonym) == ("Camille D.", "")


@pytest.mark.parametrize(
    "data",
    [
        {"public_name_choice": "pseudonym", "public_pseudonym": "   "},
        {"public_name_choice": "full_name", "public_pseudonym": ""},
        {"public_name_choice": "pseudonym", "public_pseudonym": "x" * 61},
    ],
)
def test_a_refused_choice_changes_nothing(client, data):
    citizen = UserFactory(first_name="Camille", last_name="Dupont")
    client.force_login(citizen)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert 'id="form-errors"' in response.text
    citizen.refresh_from_db()
    assert (citizen.public_name_choice, citizen.public_pseudonym) == ("initials", "")


def test_a_pseudonym_is_required_for_that_choice(client):
    client.force_login(UserFactory())
    response = client.post(URL, {"public_name_choice": "pseudonym", "public_pseudonym": ""})
    assert "Saisissez le pseudonyme à afficher sur les pages publiques." in response.text


def test_erasing_the_account_erases_the_pseudonym():
    citizen = UserFactory(public_name_choice="pseudonym", public_pseudonym="Roue Libre")
    erase_account(citizen)
    citizen.refresh_from_db()
    assert (citizen.public_name_choice, citizen.public_pseudonym) == ("initials", "")


def test_the_register_states_what_each_publication_shows(client):
    names = [str(entry.name) for entry in REGISTER]
    assert names[3:6] == [
        "Contributions affichées sur les pages publiques",
        "Données ouvertes et API publique",
        "Exports des organisateurs",
    ]
    page = client.get("/donnees-personnelles/").text
    assert "Données ouvertes et API publique" in page
    assert "(HMAC-SHA256)" in page
    assert "Les réponses aux questionnaires ne sont jamais signées." in page
