"""Issue 27's journey: the organiser picks four profile questions, citizens answer them
while contributing (one skips), the organiser sees the representativeness page and an
alert, publishes it; a visitor reads it, downloads its data, and the page's numbers are
those recomputed from the download."""

import csv
import io

from playwright.sync_api import expect

from concerto.processes.models import Theme
from concerto.representativeness import actions as profile_actions
from concerto.representativeness.models import ProfileResponse
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module

MODULE = "Plan vélo : vos propositions"
PAGE = "Qui a participé ?"


def _propose(page, module_url: str, title: str) -> None:
    page.goto(module_url)
    check_page(page, MODULE)
    page.get_by_label("Titre de la proposition").fill(title)
    page.locator("#id_body").fill("Des arceaux devant chaque gare.")
    page.locator("#id_theme").select_option(label="Transports et mobilités")
    page.get_by_role("button", name="Publier ma proposition").click()
    check_page(page, "Quelques questions sur vous (facultatif)")


def test_organiser_picks_questions_citizens_answer_and_a_visitor_checks_the_data(page):
    # Transactional tests flush the themes the migration seeded.
    Theme.objects.get_or_create(slug="transports", defaults={"name": "Transports et mobilités"})
    module, organiser = open_module("proposals", title=MODULE)
    process = module.process
    module_url = module.get_absolute_url()

    # The organiser picks four questions from the catalogue.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/representativite/")
    check_page(page, "Questions de profil et représentativité")
    for label in ("Tranche d'âge", "Genre", "Région de résidence", "Type de commune"):
        page.get_by_label(label, exact=True).check(force=True)
    page.get_by_label("Seuil d'alerte (en % de la part dans la population)").fill("80")
    page.get_by_role("button", name="Enregistrer").click()
    check_page(page, "Questions de profil et représentativité")
    assert profile_actions.asked_questions(process) == [
        "age_band", "gender", "region", "commune_type",
    ]  # fmt: skip
    log_out(page)

    # Earlier participants (set up directly): 24 people, half 35 to 49 and half 50 to 64,
    # half in Île-de-France and half in Auvergne-Rhône-Alpes, only 4 in rural communes.
    for index in range(24):
        person = UserFactory(email=f"avant{index}@exemple.fr")
        profile_actions.answer_profile(process, user=person, answers={
            "age_band": "35_49" if index % 2 else "50_64",
            "gender": "woman" if index % 2 else "man",
            "region": "11" if index % 2 else "84",
            "commune_type": "rural" if index < 4 else "urban",
        })  # fmt: skip

    # Alice contributes and answers; Bruno contributes and skips.
    alice = UserFactory(email="alice@exemple.fr")
    log_in(page, alice.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    _propose(page, module_url, "Des arceaux à vélo")
    page.get_by_label("35 à 49 ans", exact=True).check(force=True)
    page.get_by_label("Femme", exact=True).check(force=True)
    page.get_by_label("Île-de-France", exact=True).check(force=True)
    page.get_by_label(
        "Urbaine (ville ou agglomération, dense ou de densité intermédiaire)", exact=True
    ).check(force=True)
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    check_page(page, "Des arceaux à vélo")
    log_out(page)
    bruno = UserFactory(email="bruno@exemple.fr")
    log_in(page, bruno.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    _propose(page, module_url, "Un parking sécurisé")
    page.get_by_role("button", name="Ne pas répondre").click()
    check_page(page, "Un parking sécurisé")
    log_out(page)
    assert ProfileResponse.objects.get(user=alice).answers["gender"] == "woman"
    assert ProfileResponse.objects.get(user=bruno).answers == {}

    # The page is not public yet.
    page.goto(f"/dispositifs/{process.slug}/representativite/")
    check_page(page, "Page non trouvée")

    # The organiser sees the page and the alert, then publishes it.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/dispositifs/{process.slug}/representativite/")
    check_page(page, PAGE)
    expect(page.locator("#alertes")).to_contain_text("Tranche d'âge : 65 ans et plus")
    expect(page.locator("#alertes")).to_contain_text("Type de commune : Rurale")
    page.get_by_role("button", name="Publier la page").click()
    check_page(page, PAGE)
    log_out(page)

    # A visitor reads it and downloads its data.
    page.goto(f"/dispositifs/{process.slug}/representativite/")
    check_page(page, PAGE)
    expect(page.locator("#alertes")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger les données (CSV)").click()
    text = open(download.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["question"] for row in rows} == {"age_band", "gender", "region", "commune_type"}

    # Recompute every share, gap and index from the downloaded counts and compare with
    # what the page shows.
    indexes = []
    for key in ("age_band", "gender", "region", "commune_type"):
        mine = [row for row in rows if row["question"] == key]
        respondents = int(mine[0]["repondants"])
        assert respondents == 25  # Bruno skipped everything
        compared = [row for row in mine if row["part_reference_pct"]]
        shown = [row for row in compared if row["effectif"]]
        base = respondents - sum(
            int(row["effectif"]) for row in mine if not row["part_reference_pct"]
        )
        masked = [row for row in compared if not row["effectif"]]
        distance = sum(
            abs(int(row["effectif"]) / base - float(row["part_reference_pct"]) / 100)
            for row in shown
        )
        if masked:
            rest = base - sum(int(row["effectif"]) for row in shown)
            rest_ref = sum(float(row["part_reference_pct"]) for row in masked) / 100
            distance += abs(rest / base - rest_ref)
        table = page.locator(f"#question-{key}")
        if not shown:  # every category hidden: no index
            assert mine[0]["indice_question"] == ""
            expect(table.locator(".indice")).to_have_text("—")
            continue
        index = 1 - distance / 2
        indexes.append(index)
        assert abs(float(mine[0]["indice_question"]) - index) < 0.0006
        expect(table.locator(".indice")).to_have_text(f"{index:.3f}".replace(".", ","))
        for row in mine:
            cells = table.locator(f"tr[data-categorie='{row['categorie']}'] td")
            if row["effectif"]:
                expect(cells.nth(0)).to_have_text(row["effectif"])
            else:
                expect(cells.nth(0)).to_have_text("masqué")
            if row["effectif"] and row["part_reference_pct"]:
                share = 100 * int(row["effectif"]) / base
                assert abs(float(row["part_pct"]) - share) < 0.051
                expect(cells.nth(1)).to_have_text(f"{share:.1f}".replace(".", ","))
    overall = sum(indexes) / len(indexes)
    expect(page.locator("#indice-moyen")).to_have_text(f"{overall:.3f}".replace(".", ","))
