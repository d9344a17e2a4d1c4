"""The account-level participant profile: catalogue answers kept with consent, read
through one helper, refused when a code is unknown, erased at once."""

import importlib
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from concerto.participation import actions
from concerto.participation.models import ParticipantProfile
from concerto.participation.profile_questions import profile_questions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/mon-profil-participant/"


def migration(name: str):
    return importlib.import_module(f"concerto.participation.migrations.{name}")


class FakeRows:
    """The historical model's manager, enough for the data step."""

    def __init__(self, rows):
        self.rows = rows

    def all(self):
        return self

    def iterator(self):
        return iter(self.rows)


class FakeRow(SimpleNamespace):
    def save(self, update_fields):
        self.saved = update_fields


def test_the_migration_moves_the_three_columns_into_answers_with_the_same_codes():
    rows = [
        FakeRow(age_band="25_34", gender="woman", departement="2A", answers={}),
        FakeRow(age_band="", gender="man", departement="", answers={}),
        FakeRow(age_band="", gender="", departement="", answers={}),
    ]
    model = SimpleNamespace(objects=FakeRows(rows))
    apps = SimpleNamespace(get_model=lambda app, name: model)

    migration("0010_profile_answers").move_into_answers(apps, None)

    assert [row.answers for row in rows] == [
        {"age_band": "25_34", "gender": "woman", "departement": "2A"},
        {"gender": "man"},
        {},
    ]
    assert rows[0].saved == ["answers"]

    migration("0010_profile_answers").move_back_to_columns(apps, None)
    assert (rows[0].age_band, rows[0].gender, rows[0].departement) == ("25_34", "woman", "2A")
    assert (rows[1].age_band, rows[1].gender, rows[1].departement) == ("", "man", "")


def test_answers_are_read_through_one_helper():
    profile = ParticipantProfile(answers={"age_band": "65_plus", "departement": "974"})
    assert profile.answer("age_band") == "65_plus"
    assert profile.answer("gender") == ""
    assert profile.answer_label("age_band") == "65 ans et plus"
    assert "La Réunion" in profile.answer_label("departement")
    assert profile.answer_label("gender") == ""


def test_the_profile_asks_every_catalogue_question_and_the_departements():
    questions = profile_questions()
    assert {
        "age_band", "gender", "departement", "region", "commune_type", "occupation",
        "education", "prior_participation",
    } <= set(questions)  # fmt: skip
    codes = [c.code for c in questions["departement"].categories]
    assert {"01", "2A", "2B", "29", "95", "971", "972", "973", "974", "976"} <= set(codes)
    assert "20" not in codes and {"com", "99"} <= set(codes)  # overseas collectivities, abroad


def test_the_form_shows_every_question_with_long_lists_as_a_select(client):
    client.force_login(UserFactory())
    html = client.get(URL).content.decode()
    assert '<select name="departement"' in html
    assert '<select name="region"' in html
    assert 'type="radio" name="gender" value="woman"' in html
    for question in profile_questions().values():
        assert question.prompt.replace("'", "&#x27;") in html


def test_saving_keeps_the_answers_given_with_consent(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(URL, {
        "age_band": "35_49", "departement": "29", "occupation": "employee", "gender": "",
        "consent": "on",
    })  # fmt: skip
    assert response.status_code == 302
    profile = ParticipantProfile.objects.get(user=person)
    assert profile.answers == {"age_band": "35_49", "departement": "29", "occupation": "employee"}
    assert profile.consented_at is not None
    page = client.get(URL).content.decode()
    assert '<option value="29" selected>' in page


def test_nothing_is_kept_without_consent(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(URL, {"age_band": "35_49"})
    assert response.status_code == 200
    assert "Cochez la case pour que vos réponses soient conservées." in response.content.decode()
    assert not ParticipantProfile.objects.filter(user=person).exists()


def test_an_unknown_departement_is_refused_next_to_the_field_and_nothing_changes(client):
    person = UserFactory()
    before = timezone.now()
    ParticipantProfile.objects.create(
        user=person, answers={"departement": "69", "gender": "man"}, consented_at=before
    )
    client.force_login(person)
    response = client.post(
        URL, {"departement": "20", "gender": "woman", "age_band": "18_24", "consent": "on"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["departement"] == [
        "Choisissez un département de la liste, par exemple 69, 2A ou 974."
    ]
    # What was typed is kept on the page.
    assert (form["gender"].value(), form["age_band"].value()) == ("woman", "18_24")
    profile = ParticipantProfile.objects.get(user=person)
    assert profile.answers == {"departement": "69", "gender": "man"}
    assert profile.consented_at == before


def test_the_action_refuses_an_unknown_code_and_leaves_the_profile_unchanged():
    person = UserFactory()
    actions.save_profile(person, answers={"gender": "woman"})
    with pytest.raises(ValidationError) as error:
        actions.save_profile(person, answers={"gender": "man", "departement": "20"})
    assert error.value.message_dict == {
        "departement": ["Choisissez un département de la liste, par exemple 69, 2A ou 974."]
    }
    assert ParticipantProfile.objects.get(user=person).answers == {"gender": "woman"}


def test_withdrawing_consent_erases_every_answer_at_once(client):
    person = UserFactory()
    actions.save_profile(person, answers={"gender": "woman", "departement": "13"})
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert "Supprimer mon profil (retirer mon consentement)" in page
    response = client.post(URL, {"delete": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("participation:profile")
    assert not ParticipantProfile.objects.filter(user=person).exists()
    assert actions.profile_answers(person) == {}
