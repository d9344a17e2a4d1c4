"""The organisers' module and process pages: double submits and refused input."""

import uuid
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.utils import timezone

from concerto.participation.models import Module
from concerto.processes.models import Process, Transition
from tests.factories import open_module

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_second_click_on_delete_says_the_module_is_gone(client):
    module, lead = open_module("questionnaire", title="Le questionnaire")
    client.force_login(lead)
    url = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/suppression/"
    first = client.post(url)
    second = client.post(url)
    assert (first.status_code, second.status_code) == (302, 302)
    assert messages_of(second) == [
        "Module « Le questionnaire » supprimé.",
        "Ce module n'existe plus : il a peut-être déjà été supprimé.",
    ]
    assert Transition.objects.filter(process=module.process, action="delete_module").count() == 1


def test_a_refused_edit_keeps_what_was_typed_and_changes_nothing(client):
    module, lead = open_module("questionnaire", title="Le questionnaire")
    before = model_to_dict(Module.objects.get(pk=module.pk))
    client.force_login(lead)
    response = client.post(
        f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/modifier/",
        {"kind": "questionnaire", "title": "Un titre tapé", "opens_on": "2027-03-10",
         "closes_on": "2027-03-01"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Un titre tapé"' in html
    assert "La clôture doit suivre l&#x27;ouverture." in html
    assert model_to_dict(Module.objects.get(pk=module.pk)) == before


def test_a_double_click_on_move_up_moves_once(client):
    first, lead = open_module("questionnaire", title="A")
    today = timezone.localdate()
    second, _lead = open_module(
        "proposals", process=first.process, title="B", closes_on=today + timedelta(days=3)
    )
    client.force_login(lead)
    url = f"/espace/dispositifs/{first.process_id}/modules/{second.pk}/deplacement/"
    client.post(url, {"position": 1})
    client.post(url, {"position": 1})
    titles = list(first.process.modules.order_by("position").values_list("title", flat=True))
    assert titles == ["B", "A"]
    assert Transition.objects.filter(process=first.process, action="move_module").count() == 1


def test_a_double_click_on_duplicate_makes_one_copy(client):
    module, lead = open_module("questionnaire")
    client.force_login(lead)
    key = str(uuid.uuid4())
    url = f"/espace/dispositifs/{module.process_id}/copie/"
    first = client.post(url, {"creation_key": key})
    second = client.post(url, {"creation_key": key})
    copy = Process.objects.get(copied_from=module.process)
    assert first["Location"] == second["Location"] == f"/espace/dispositifs/{copy.pk}/"
    assert list(copy.modules.values_list("title", flat=True)) == ["Donnez votre avis"]
