"""The reference lists of the administration space (issue 22): organisations, trainings
and sessions, the framework contract and the answer statuses are kept from the space,
each change logged with its reason; two staff members never overwrite each other; a
row in use is never deleted."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.accounts.models import Organisation
from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.followup.models import AnswerStatus
from concerto.notifications.models import Notification
from concerto.testing.downloads import csv_rows
from concerto.testing.emails import assert_email, sent
from concerto.trainings import actions as training_actions
from concerto.trainings.models import Registration, Training
from tests.factories import MinistryFactory, user_with_role
from tests.trainings.factories import make_session, make_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor_client():
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    return client


def _url(name: str, register: str, **kwargs) -> str:
    return reverse(f"administration:{name}", kwargs={"register": register, **kwargs})


STATUS = {
    "label": "Reportée", "code": "reportee", "default_progress": "0", "badge": "",
    "position": "9", "reason": "Demande du comité de suivi.", "key": "a" * 32,
}  # fmt: skip


def test_an_answer_status_is_added_once_however_often_the_form_is_sent(advisor_client):
    before = AnswerStatus.objects.count()
    first = advisor_client.post(_url("record_create", "statuts-de-reponse"), STATUS)
    again = advisor_client.post(_url("record_create", "statuts-de-reponse"), STATUS)
    status = AnswerStatus.objects.get(code="reportee")
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == _url("record", "statuts-de-reponse",
                                                          pk=status.pk)  # fmt: skip
    assert AnswerStatus.objects.count() == before + 1
    assert list(Entry.objects.filter(action="administration.create").values_list(
        "target_label", "summary", "reason"
    )) == [("Reportée", "Ajout à la liste « Statuts des réponses »",
            "Demande du comité de suivi.")]  # fmt: skip


def test_a_form_without_its_reason_keeps_what_was_typed(advisor_client):
    response = advisor_client.post(_url("record_create", "statuts-de-reponse"),
                                   {**STATUS, "reason": ""})  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"reason": ["Indiquez le motif : il est gardé dans le journal."]}
    assert form["label"].value() == "Reportée"
    assert not AnswerStatus.objects.filter(code="reportee").exists()


def _organisation_data(organisation, **changes):
    data = {
        "name": organisation.name, "short_name": organisation.short_name,
        "slug": organisation.slug, "kind": organisation.kind, "parent": "",
        "siret": organisation.siret, "reason": "Nouveau nom au Journal officiel.",
    }  # fmt: skip
    return {**data, **changes}


def test_an_edit_logs_each_change_and_a_stale_form_is_refused(advisor_client):
    ministry = MinistryFactory(name="Ministère de la Culture", short_name="MC")
    url = _url("record", "organisations", pk=ministry.pk)
    seen = advisor_client.get(url).context["form"]["seen"].value()
    # Two advisors opened the same page; the first saves.
    saved = advisor_client.post(url, _organisation_data(ministry, short_name="MCC", seen=seen))
    assert saved.status_code == 302
    entry = Entry.objects.get(action="administration.update")
    assert (entry.summary, entry.changes) == ("Modifié : sigle", {"sigle": ["MC", "MCC"]})
    # The second, from the page opened before, would undo the first: refused, kept.
    stale = advisor_client.post(url, _organisation_data(ministry, name="Culture", seen=seen))
    assert stale.status_code == 200
    assert stale.context["form"].non_field_errors() == [
        "Ce contenu a été modifié par une autre personne depuis que vous l'avez ouvert. Vos "
        "saisies sont conservées ci-dessous : vérifiez la version à jour puis enregistrez à "
        "nouveau."
    ]
    assert stale.context["form"]["name"].value() == "Culture"
    assert Organisation.objects.filter(pk=ministry.pk).values_list("name", "short_name").get() == (
        "Ministère de la Culture", "MCC"
    )  # fmt: skip
    assert Entry.objects.filter(action="administration.update").count() == 1
    # Sent again from that page, it now saves over the version it was shown.
    fresh = stale.context["form"]["seen"].value()
    again = advisor_client.post(url, _organisation_data(ministry, name="Culture", seen=fresh,
                                                        short_name="MCC"))  # fmt: skip
    assert again.status_code == 302
    assert Organisation.objects.get(pk=ministry.pk).name == "Culture"


def test_a_row_in_use_is_not_deleted_and_an_unused_one_is(advisor_client):
    used = make_training("Animer un atelier")
    make_session(used)
    unused = make_training("Écrire un questionnaire")
    refused = advisor_client.post(_url("record_delete", "formations", pk=used.pk),
                                  {"delete-reason": "Doublon."})  # fmt: skip
    assert refused.status_code == 200
    assert refused.context["delete_form"].non_field_errors() == [
        "Cette fiche est utilisée (sessions) : elle ne peut pas être supprimée."
    ]
    assert Training.objects.filter(pk=used.pk).exists()
    assert used.sessions.count() == 1
    deleted = advisor_client.post(_url("record_delete", "formations", pk=unused.pk),
                                  {"delete-reason": "Doublon."})  # fmt: skip
    assert deleted["Location"] == _url("register", "formations")
    assert not Training.objects.filter(pk=unused.pk).exists()
    assert list(Entry.objects.filter(action="administration.delete").values_list(
        "target_label", "reason")) == [("Écrire un questionnaire", "Doublon.")]  # fmt: skip


def _session_data(session, **changes):
    local = timezone.localtime
    data = {
        "training": session.training_id,
        "starts_at": f"{local(session.starts_at):%Y-%m-%dT%H:%M}",
        "ends_at": f"{local(session.ends_at):%Y-%m-%dT%H:%M}",
        "place": session.place, "video_url": "", "capacity": session.capacity, "trainer": "",
        "reason": "Salle indisponible.",
    }  # fmt: skip
    return {**data, **changes}


def test_a_session_keeps_its_registered_people_informed(
    advisor_client, django_capture_on_commit_callbacks, site_url
):
    session = make_session(capacity=1, in_days=10)
    seated, waiting = user_with_role(Role.AGENT), user_with_role(Role.AGENT)
    training_actions.register(session, user=seated)
    training_actions.register(session, user=waiting)
    url = _url("record", "sessions", pk=session.pk)
    seen = advisor_client.get(url).context["form"]["seen"].value()
    # Fewer seats than people seated: refused next to the field.
    refused = advisor_client.post(url, _session_data(session, capacity=0, seen=seen))
    assert "capacity" in refused.context["form"].errors
    Notification.objects.all().delete()
    # One more seat: the person waiting is seated and told. A new room: both are told.
    with django_capture_on_commit_callbacks(execute=True):
        saved = advisor_client.post(
            url, _session_data(session, capacity=2, seen=seen, place="Salle 2, 20 avenue de Ségur")
        )
    assert saved.status_code == 302
    assert dict(Registration.objects.values_list("user_id", "status")) == {
        seated.pk: "confirmed", waiting.pk: "confirmed"
    }  # fmt: skip
    assert sorted(Notification.objects.values_list("recipient_id", "subject")) == sorted([
        (waiting.pk, "Une place s'est libérée : Concevoir une concertation"),
        (seated.pk, "Session modifiée : Concevoir une concertation"),
        (waiting.pk, "Session modifiée : Concevoir une concertation"),
    ])  # fmt: skip
    subject = "Concerto : Session modifiée : Concevoir une concertation"
    assert len(sent(subject)) == 2
    for message, address in zip(sent(subject), sorted([seated.email, waiting.email]), strict=True):
        assert assert_email(message, to=address, subject=subject) == [
            "/formations/mes-inscriptions/"
        ]


def test_the_list_searches_filters_sorts_and_exports(advisor_client):
    MinistryFactory(name="Ministère de l'Économie", short_name="MEF", siret="11000101300017")
    MinistryFactory(name="Ministère de la Santé", short_name="MSS")
    url = _url("register", "organisations")
    found = advisor_client.get(url, {"q": "economie", "kind": "ministry", "sort": "-name"})
    assert [row.name for row, _cells in found.context["lines"]] == ["Ministère de l'Économie"]
    ordered = advisor_client.get(url, {"sort": "-short_name", "kind": "ministry"})
    names = [row.short_name for row, _cells in ordered.context["lines"]]
    assert names == sorted(names, reverse=True)
    rows = csv_rows(advisor_client.get(_url("register_csv", "organisations"), {"q": "économie"}))
    assert rows[0] == ["id", "nom", "sigle", "type", "organisation_de_rattachement", "siret"]
    assert rows[1][1:] == ["Ministère de l'Économie", "MEF", "Ministère", "", "11000101300017"]


def test_only_administrators_and_advisors_keep_the_lists():
    client = Client()
    ministry = MinistryFactory()
    for role in (Role.AGENT, Role.REFERENT, Role.CITIZEN):
        client.force_login(user_with_role(role))
        assert client.get(_url("register", "organisations")).status_code == 403
        data = _organisation_data(ministry, name="Pris")
        assert client.post(_url("record", "organisations", pk=ministry.pk), data).status_code == 403
    assert Organisation.objects.get(pk=ministry.pk).name == ministry.name
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    assert client.get(_url("register", "inconnue")).status_code == 404


def test_an_organisation_cannot_become_its_own_ancestor(advisor_client):
    ministry = MinistryFactory(name="Ministère de la Culture")
    from tests.factories import DirectorateFactory

    directorate = DirectorateFactory(parent=ministry, name="Direction du patrimoine")
    url = _url("record", "organisations", pk=ministry.pk)
    seen = advisor_client.get(url).context["form"]["seen"].value()
    for parent in (ministry, directorate):
        refused = advisor_client.post(
            url, _organisation_data(ministry, parent=parent.pk, seen=seen)
        )
        assert refused.context["form"].errors["parent"] == [
            "Cette organisation ne peut pas être rattachée à elle-même ni à l'une des "
            "organisations qui lui sont rattachées."
        ]
    assert Organisation.objects.get(pk=ministry.pk).parent is None


def test_a_replayed_key_finds_only_its_own_creation(advisor_client):
    first = advisor_client.post(_url("record_create", "statuts-de-reponse"), STATUS)
    assert first.status_code == 302
    # The same key, sent to another list or by another person, reaches no row.
    other_list = advisor_client.post(
        _url("record_create", "organisations"),
        {"name": "Ministère des Sports", "short_name": "", "slug": "sports",
         "kind": "ministry", "parent": "", "siret": "", "reason": "Création.",
         "key": STATUS["key"]},
    )  # fmt: skip
    assert other_list.status_code == 200
    assert other_list.context["form"].non_field_errors() == ["Ce formulaire a déjà été enregistré."]
    assert not Organisation.objects.filter(slug="sports").exists()
    someone = Client()
    someone.force_login(user_with_role(Role.CIPC_ADVISOR))
    again = someone.post(_url("record_create", "statuts-de-reponse"), STATUS)
    assert again.status_code == 200  # not sent to the first person's row: the code is taken
    assert AnswerStatus.objects.filter(code="reportee").count() == 1
