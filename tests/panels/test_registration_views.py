"""Registration and recruitment pages: errors next to the field, nothing typed lost."""

import pytest

from concerto.panels import actions
from concerto.panels.models import PoolMember
from concerto.panels.models.recruitment import format_code
from concerto.privacy.models import StaffAccess
from concerto.siteurl import absolute_url
from tests.panels.helpers import invite, other_user, recruiting_panel

pytestmark = pytest.mark.django_db


def form_data(panel, code, **overrides):
    genre, age = panel.categories.all()
    data = {
        "code": code,
        "key": "form-key-1",
        f"category_{genre.pk}": "homme",
        f"category_{age.pk}": "35-64",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_registration_page_prefills_the_code_and_states_the_retention(client):
    panel, referent = recruiting_panel()
    _batch, codes = invite(panel, referent)
    response = client.get(f"{panel.get_registration_url()}{format_code(codes[0])}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{format_code(codes[0])}"' in html
    assert panel.retention_date.strftime("%Y") in html
    assert "Vos réponses servent uniquement au tirage au sort" in html


def test_unknown_code_is_shown_next_to_the_field_and_answers_stay(client):
    panel, referent = recruiting_panel()
    invite(panel, referent)
    response = client.post(panel.get_registration_url(), form_data(panel, "ABCD-EFGH-JKMN"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "code": ["Ce code d'invitation est inconnu : vérifiez-le sur votre invitation."]
    }
    html = response.content.decode()
    assert 'value="ABCD-EFGH-JKMN"' in html
    age = panel.categories.get(name="âge")
    assert form[f"category_{age.pk}"].value() == "35-64"
    assert html.count("checked") == 3  # Both answers and the consent stay ticked.
    assert PoolMember.objects.count() == 0


def test_registering_twice_with_the_same_form_makes_one_member(client):
    panel, referent = recruiting_panel()
    batch, codes = invite(panel, referent)
    for _attempt in range(2):
        response = client.post(panel.get_registration_url(), form_data(panel, codes[0]))
        assert response.status_code == 302
        assert response["Location"] == panel.get_registration_url() + "merci/"
    assert PoolMember.objects.count() == 1
    other = client.post(panel.get_registration_url(), form_data(panel, codes[0], key="other"))
    assert other.context["form"].errors == {
        "code": ["Ce code d'invitation a déjà servi à une inscription."]
    }
    batch.refresh_from_db()
    assert batch.registered_count == 1


def test_registration_page_says_when_it_is_closed(client):
    panel, referent = recruiting_panel()
    _batch, codes = invite(panel, referent)
    client.post(panel.get_registration_url(), form_data(panel, codes[0]))
    actions.start_computation(panel, actor=referent)
    response = client.post(panel.get_registration_url(), form_data(panel, codes[1]))
    assert response.status_code == 200
    assert "Les inscriptions à ce panel sont closes." in response.content.decode()
    assert PoolMember.objects.count() == 1


def test_mail_merge_file_is_for_organisers_and_audited(client):
    panel, referent = recruiting_panel()
    batch, codes = invite(panel, referent, contacts=("1 rue A, Paris",))
    url = f"{panel.get_manage_url()}recrutement/lots/{batch.pk}/invitations.csv"
    client.force_login(other_user())
    assert client.get(url).status_code == 404
    client.force_login(referent)
    response = client.get(url)
    assert response["Content-Disposition"] == (
        f'attachment; filename="panel-{panel.pk}-invitations-{batch.pk}.csv"'
    )
    assert response.getvalue().decode().splitlines() == [
        "contact,code,adresse_inscription",
        f'"1 rue A, Paris",{format_code(codes[0])},{absolute_url(panel.get_registration_url())}',
    ]
    assert list(StaffAccess.objects.values_list("category", "subject")) == [
        ("invitations de panel", "Lot 1")
    ]
