import pytest
from django.test import Client

from concerto.resources.actions import record_usefulness, usefulness_counts
from concerto.resources.models import UsefulnessVote
from tests.resources.helpers import sheet

pytestmark = pytest.mark.django_db


def test_a_second_vote_changes_the_answer_without_adding_one():
    page = sheet()
    record_usefulness(page, voter="u:1", useful=True)
    record_usefulness(page, voter="u:1", useful=True)
    assert usefulness_counts(page) == {"useful": 1, "not_useful": 0}

    record_usefulness(page, voter="u:1", useful=False)
    assert usefulness_counts(page) == {"useful": 0, "not_useful": 1}
    assert UsefulnessVote.objects.count() == 1


def test_anonymous_double_click_counts_once_and_shows_the_count():
    page = sheet()
    client = Client()
    client.get(page.url)
    for _ in range(2):
        response = client.post(f"/ressources/avis/{page.pk}/", {"useful": "yes"})
        assert response.status_code == 302
        assert response["Location"] == f"{page.url}#avis"
    assert usefulness_counts(page) == {"useful": 1, "not_useful": 0}

    Client().post(f"/ressources/avis/{page.pk}/", {"useful": "no"})
    assert usefulness_counts(page) == {"useful": 1, "not_useful": 1}
    html = client.get(page.url).content.decode()
    assert "1 personne l'a trouvée utile, 1 non." in html


def test_an_invalid_vote_records_nothing():
    page = sheet()
    Client().post(f"/ressources/avis/{page.pk}/", {"useful": "peut-être"})
    assert UsefulnessVote.objects.count() == 0


def test_sheet_prints_as_pdf():
    page = sheet()
    response = Client().get(f"/ressources/fiches/{page.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="fiche-decision.pdf"'
    assert response.content.startswith(b"%PDF")


def test_unpublished_sheet_has_no_pdf():
    page = sheet()
    page.unpublish()
    assert Client().get(f"/ressources/fiches/{page.pk}.pdf").status_code == 404
