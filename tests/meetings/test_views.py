"""Meeting pages: the public list, registration through the web, the organiser's side."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.meetings.actions import add_report_contribution, register, save_report
from concerto.meetings.models import Meeting, Registration
from concerto.participation.models import Channel, Contribution
from concerto.processes.lifecycle import Status
from concerto.processes.models import Theme
from tests.factories import (
    PASSWORD,
    UserFactory,
    complete_process,
    open_module,
    user_with_role,
)
from tests.meetings.helpers import meetings_module, schedule

pytestmark = pytest.mark.django_db


def module_url(module) -> str:
    return f"/dispositifs/{module.process.slug}/reunions/{module.pk}/"


def organiser_url(module, suffix: str = "") -> str:
    return f"/espace/dispositifs/{module.process_id}/reunions/{module.pk}/{suffix}"


def signed_in(client, user):
    client.login(username=user.email, password=PASSWORD)
    return client


def card_titles(response) -> list[str]:
    return re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


def past_titles(response) -> list[str]:
    return re.findall(r'<h3 class="fr-h6 fr-mb-1w"><a href="[^"]+">([^<]+)</a>', response.text)


# Public pages


def test_the_module_page_lists_upcoming_meetings_first_then_past_ones_with_their_report(client):
    module, organiser = meetings_module()
    schedule(module, organiser, title="Dans deux semaines", in_days=14)
    schedule(module, organiser, title="Demain", in_days=1, capacity=30)
    old = schedule(module, organiser, title="Il y a un mois", in_days=-30)
    schedule(module, organiser, title="Il y a une semaine", in_days=-7)
    save_report(old, actor=organiser, report="Quarante personnes ; trois propositions.")

    response = client.get(module_url(module))

    assert response.status_code == 200
    assert card_titles(response) == ["Demain", "Dans deux semaines"]
    assert past_titles(response) == ["Il y a une semaine", "Il y a un mois"]
    assert "Quarante personnes ; trois propositions." in response.text
    assert "30 places restantes sur 30" in response.text
    assert "Compte rendu à venir" in response.text


def test_the_module_page_costs_the_same_queries_whatever_the_number_of_meetings(client):
    module, organiser = meetings_module()
    citizen = UserFactory()
    meeting = schedule(module, organiser, capacity=1)
    register(meeting, user=citizen)
    signed_in(client, citizen)
    client.get(module_url(module))  # warm: the site configuration is kept in the cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(module_url(module)).status_code == 200
    for day in range(2, 12):
        extra = schedule(module, organiser, in_days=day, capacity=2)
        register(extra, user=citizen)
        register(extra, user=UserFactory())
        schedule(module, organiser, in_days=-day)
    with CaptureQueriesContext(connection) as many:
        response = client.get(module_url(module))
    assert len(many) == len(few)
    assert response.text.count("Inscription confirmée") == 11


def test_a_module_of_an_unpublished_process_is_not_found(client):
    process = complete_process()
    module, organiser = open_module("meetings", process=process)
    assert process.status == Status.DRAFT
    meeting = schedule(module, organiser)
    assert client.get(module_url(module)).status_code == 404
    assert client.get(f"{module_url(module)}{meeting.pk}/").status_code == 404
    assert client.get(f"{module_url(module)}reunions.ics").status_code == 404


def test_a_meeting_is_found_only_under_its_own_module(client):
    module, organiser = meetings_module()
    other, other_organiser = meetings_module()
    meeting = schedule(module, organiser)
    assert client.get(f"{module_url(module)}{meeting.pk}/").status_code == 200
    assert client.get(f"{module_url(other)}{meeting.pk}/").status_code == 404


def test_a_citizen_registers_then_a_second_one_waits_then_gets_the_seat(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1, online=True,
                       join_url="https://visio.exemple.fr/plan-velo")  # fmt: skip
    page = f"{module_url(module)}{meeting.pk}/"
    first, second = UserFactory(), UserFactory()

    anonymous = client.get(page)
    assert "Se connecter pour s'inscrire" in anonymous.text
    assert "https://visio.exemple.fr/plan-velo" not in anonymous.text
    response = client.post(page + "inscription/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=")
    assert Registration.objects.count() == 0

    signed_in(client, first)
    response = client.post(page + "inscription/", follow=True)
    assert "Votre inscription est confirmée." in response.text
    assert "https://visio.exemple.fr/plan-velo" in response.text
    assert "Annuler mon inscription" in response.text

    signed_in(client, second)
    full = client.get(page)
    assert "Rejoindre la liste d'attente" in full.text
    response = client.post(page + "inscription/", follow=True)
    assert "vous êtes sur liste d&#x27;attente, en position 1." in response.text
    assert "Vous êtes sur liste d'attente, en position 1." in response.text
    assert "https://visio.exemple.fr/plan-velo" not in response.text

    signed_in(client, first)
    response = client.post(page + "annulation/", follow=True)
    assert "Votre inscription est annulée." in response.text
    assert dict(Registration.objects.values_list("user_id", "status")) == {
        first.pk: "cancelled", second.pk: "confirmed",
    }  # fmt: skip


def test_the_registration_pages_refuse_get(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser)
    assert client.get(f"{module_url(module)}{meeting.pk}/inscription/").status_code == 405


def test_the_report_is_public_with_its_file_and_the_points_raised(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, in_days=-2)
    page = f"{module_url(module)}{meeting.pk}/"
    assert client.get(page + "compte-rendu/fichier/").status_code == 404
    save_report(
        meeting, actor=organiser, report="Synthèse des échanges.",
        report_file=SimpleUploadedFile("compte-rendu.pdf", b"%PDF-1.4 compte rendu"),
    )  # fmt: skip
    add_report_contribution(
        meeting, actor=organiser, body="Un parking vélo sécurisé à la gare.",
        idempotency_key=uuid.uuid4(), speaker="Mme Durand",
    )  # fmt: skip

    response = client.get(page)

    assert "Synthèse des échanges." in response.text
    assert "Un parking vélo sécurisé à la gare." in response.text
    assert "Mme Durand" in response.text
    assert "Réunion publique</span>" in response.text
    download = client.get(page + "compte-rendu/fichier/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 compte rendu"
    assert download["Content-Disposition"].startswith('attachment; filename="compte-rendu')


# Organiser's side


def test_only_the_organisers_manage_meetings(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser)
    urls = [organiser_url(module), organiser_url(module, "nouvelle/"),
            organiser_url(module, f"{meeting.pk}/"),
            organiser_url(module, f"{meeting.pk}/compte-rendu/")]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    signed_in(client, UserFactory())
    for url in urls:
        assert client.get(url).status_code == 403
    response = client.post(organiser_url(module, "nouvelle/"), {"title": "Intrus"})
    assert response.status_code == 403
    assert Meeting.objects.count() == 1
    signed_in(client, user_with_role(Role.AGENT))
    assert client.get(urls[0]).status_code == 403
    signed_in(client, organiser)
    for url in urls:
        assert client.get(url).status_code == 200
    other, _ = meetings_module()
    assert (
        client.get(f"/espace/dispositifs/{other.process_id}/reunions/{module.pk}/").status_code
        == 404
    )


def test_the_organiser_schedules_a_meeting(client):
    module, organiser = meetings_module()
    signed_in(client, organiser)
    starts = (timezone.localtime() + timedelta(days=10)).replace(hour=18, minute=30)
    data = {
        "title": "Réunion à Villeurbanne",
        "description": "Présentation du projet puis échanges.",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "address": "",
        "join_url": "",
        "capacity": "40",
    }
    response = client.post(organiser_url(module, "nouvelle/"), data)
    assert response.status_code == 200
    assert "La fin de la réunion doit suivre son début." in response.text
    assert "Indiquez l&#x27;adresse de la réunion" in response.text
    assert Meeting.objects.count() == 0

    data["ends_at"] = (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    data["address"] = "Salle des fêtes, Villeurbanne"
    response = client.post(organiser_url(module, "nouvelle/"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.capacity, meeting.created_by) == (
        "Réunion à Villeurbanne", 40, organiser,
    )  # fmt: skip
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "18:30"


def test_the_organiser_enters_the_report_and_the_points_raised_as_contributions(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, in_days=-1, title="Réunion de Bron")
    url = organiser_url(module, f"{meeting.pk}/compte-rendu/")
    signed_in(client, organiser)

    response = client.post(url, {"form": "report", "report": ""})
    assert "Saisissez le compte rendu ou joignez-en le fichier." in response.text
    upload = SimpleUploadedFile("bron.pdf", b"%PDF-1.4 Bron", content_type="application/pdf")
    response = client.post(
        url, {"form": "report", "report": "Soixante participants.", "report_file": upload}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.report == "Soixante participants."
    assert meeting.report_published_at is not None
    assert meeting.report_file.read() == b"%PDF-1.4 Bron"
    wrong = SimpleUploadedFile("bron.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url, {"form": "report", "report": "x", "report_file": wrong})
    assert "L&#x27;extension de fichier «\xa0exe\xa0» n’est pas autorisée." in response.text

    theme = Theme.objects.get(slug="transports")
    key = str(uuid.uuid4())
    point = {"form": "contribution", "idempotency_key": key, "speaker": "",
             "title": "Stationnement", "body": "Des arceaux devant la mairie.",
             "theme": theme.pk}  # fmt: skip
    assert client.post(url, point).status_code == 302
    assert client.post(url, point).status_code == 302  # the same form sent twice
    contribution = Contribution.objects.get()
    assert (contribution.module, contribution.channel, contribution.kind) == (
        module, Channel.MEETING, "contribution",
    )  # fmt: skip
    assert (contribution.author, contribution.entered_by, contribution.theme) == (
        None, organiser, theme,
    )  # fmt: skip
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.created_at == meeting.starts_at
    assert contribution.meeting_link.meeting == meeting
    page = client.get(url)
    assert "1 contribution saisie" in page.text
    assert "Des arceaux devant la mairie." in page.text


def test_no_report_before_the_meeting(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, in_days=3)
    signed_in(client, organiser)
    url = organiser_url(module, f"{meeting.pk}/compte-rendu/")
    assert "se saisissent une fois la réunion tenue" in client.get(url).text
    client.post(url, {"form": "report", "report": "Trop tôt."})
    client.post(url, {"form": "contribution", "idempotency_key": str(uuid.uuid4()),
                      "body": "Trop tôt."})  # fmt: skip
    meeting.refresh_from_db()
    assert (meeting.report, meeting.report_published_at) == ("", None)
    assert Contribution.objects.count() == 0


def test_the_organiser_sees_who_registered(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1)
    first = UserFactory(email="premiere@exemple.fr")
    second = UserFactory(email="second@exemple.fr")
    register(meeting, user=first)
    register(meeting, user=second)
    signed_in(client, organiser)
    response = client.get(organiser_url(module, f"{meeting.pk}/"))
    rows = re.findall(r"<td>([^<]+@exemple\.fr)</td>\s*<td>([^<]+)</td>", response.text)
    assert rows == [("premiere@exemple.fr", "Inscription confirmée"),
                    ("second@exemple.fr", "Sur liste d&#x27;attente")]  # fmt: skip
    listing = client.get(organiser_url(module))
    assert re.search(r"<td>1 / 1</td>\s*<td>1</td>", listing.text)


def test_the_organiser_adds_seats_and_the_waiting_list_moves_up(client):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1, title="Atelier")
    first, second = UserFactory(), UserFactory()
    register(meeting, user=first)
    register(meeting, user=second)
    signed_in(client, organiser)
    url = organiser_url(module, f"{meeting.pk}/")
    form = client.get(url)
    start = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{start}"' in form.text
    data = {
        "title": "Atelier élargi", "description": "", "address": meeting.address,
        "starts_at": start, "join_url": "", "capacity": "2",
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.capacity) == ("Atelier élargi", 2)
    assert set(meeting.registrations.values_list("status", flat=True)) == {"confirmed"}
    data["capacity"] = "1"
    response = client.post(url, data)
    assert "2 personnes sont déjà inscrites" in response.text
    meeting.refresh_from_db()
    assert meeting.capacity == 2
