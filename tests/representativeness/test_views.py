import csv
import io

from django.urls import reverse

from concerto.processes.models import Theme
from concerto.representativeness import actions
from concerto.representativeness.models import ProfileResponse
from tests.representativeness.conftest import FOUR, citizens


def test_a_citizen_is_sent_to_the_profile_questions_after_a_proposal(client, configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    client.force_login(citizen)
    theme, _ = Theme.objects.get_or_create(slug="mobilites", defaults={"name": "Mobilités"})
    response = client.post(module.get_absolute_url(), {
        "title": "Des bancs", "body": "Plus de bancs dans le parc.", "theme": theme.pk,
        "idempotency_key": "6a1f0c1e-8d0e-4f43-9f1c-0a0b0c0d0e0f",
    })  # fmt: skip
    answer_url = reverse("representativeness:answer", args=[module.process.slug])
    assert response.status_code == 302 and response["Location"].startswith(answer_url)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Je préfère ne pas répondre" in page.content.decode()
    done = client.post(response["Location"], {"age_band": "25_34", "gender": "woman",
                                              "suivant": "/dispositifs/"})  # fmt: skip
    assert done.status_code == 302 and done["Location"] == "/dispositifs/"
    assert ProfileResponse.objects.get(user=citizen).answers == {
        "age_band": "25_34", "gender": "woman",
    }  # fmt: skip


def test_skip_button_records_no_answer(client, configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    client.force_login(citizen)
    url = reverse("representativeness:answer", args=[module.process.slug])
    client.post(url, {"age_band": "25_34", "skip": "1"})
    assert ProfileResponse.objects.get(user=citizen).answers == {}


def test_page_is_private_until_published_then_public_with_its_csv(client, configured):
    module, organiser = configured
    process = module.process
    for index, citizen in enumerate(citizens(22)):
        gender = "woman" if index < 12 else "man"
        actions.answer_profile(process, user=citizen, answers={"gender": gender})
    page_url = reverse("representativeness:page", args=[process.slug])
    csv_url = reverse("representativeness:download", args=[process.slug])
    assert client.get(page_url).status_code == 404
    assert client.get(csv_url).status_code == 404
    client.force_login(organiser)
    private = client.get(page_url).content.decode()
    assert "Cette page n'est pas publique" in private and "Homme" in private
    client.post(reverse("representativeness:publish", args=[process.pk]), {"publish": "1"})
    client.logout()
    public = client.get(page_url).content.decode()
    assert "R = 1 − ½ Σ |pᵢ − qᵢ|" in public
    assert "Groupes sous le seuil d'alerte" not in public
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(csv_url).streaming_content)
                                           .decode())))  # fmt: skip
    assert [r["question"] for r in rows][:6] == ["age_band"] * 6
    gender = {r["categorie"]: r for r in rows if r["question"] == "gender"}
    assert (gender["woman"]["effectif"], gender["man"]["effectif"]) == ("12", "10")
    assert gender["woman"]["part_pct"] == "54.5" and gender["woman"]["indice_question"] == "0.971"
    ages = [r for r in rows if r["question"] == "age_band"]
    assert {r["effectif"] for r in ages} == {""}  # nobody answered: all hidden
    assert {r["question"] for r in rows} == set(FOUR)


def test_settings_page_saves_the_chosen_questions(client, proposals):
    module, organiser = proposals
    client.force_login(organiser)
    url = reverse("representativeness:settings", args=[module.process.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"questions": ["gender", "education"], "alert_percent": "70"})
    assert response.status_code == 302
    assert actions.asked_questions(module.process) == ["gender", "education"]
