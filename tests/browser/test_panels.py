"""A whole panel in a real browser: create it, import the pool, set quotas, compute the
probabilities, publish the lottery before the seed, find a volunteer's code in it, fix
the seed with its origin, draw, replace one member, publish, verify the lottery."""

import json
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.engines.sortition import cli, draw_number, verify
from concerto.panels.models import Draw, Panel, PoolMember
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD
from tests.panels.helpers import pool_csv, published_process

SEED = "07-19-23-31-42"
ANNOUNCEMENT = "Tirée le 15 janvier à 14 h en séance publique, cinq boules d'une urne de 49."
ORIGIN = "Tirée par une huissière de justice devant trente personnes : 07, 19, 23, 31, 42."
REPLACEMENT_SEED = "2026-05-01"


def test_whole_panel_journey(page, tmp_path, capsys):
    process, referent = published_process()
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(f"/espace/dispositifs/{process.pk}/panels/")
    check_page(page, "Panels tirés au sort")

    page.get_by_role("link", name="Créer un panel").click()
    check_page(page, "Créer un panel tiré au sort")
    page.locator("#id_name").fill("Panel citoyen vélo")
    page.locator("#id_size").fill("10")
    page.locator("#id_retention_date").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Créer le panel").click()
    check_page(page, "Panel citoyen vélo")
    panel = Panel.objects.get()

    # A pool with a missing value is refused as a whole, line by line.
    bad = tmp_path / "vivier-erreur.csv"
    bad.write_text("pool_member_identifier,genre,age\nr1,femme,18-34\nr2,,65+\n")
    page.get_by_role("link", name="Importer le vivier").click()
    check_page(page, "Importer le vivier")
    page.locator("#id_file").set_input_files(bad)
    page.get_by_role("button", name="Importer le vivier").click()
    check_page(page, "Importer le vivier")
    expect(page.locator("#import-errors")).to_contain_text(
        "Ligne 3 : valeur manquante pour « genre »."
    )
    assert PoolMember.objects.count() == 0

    # The import runs as a background job; the page shows its outcome.
    good = tmp_path / "vivier.csv"
    good.write_bytes(pool_csv(40))
    page.locator("#id_file").set_input_files(good)
    page.get_by_role("button", name="Importer le vivier").click()
    check_page(page, "Importer le vivier")
    expect(page.locator("#import-done")).to_contain_text("40 personnes importées")
    page.get_by_role("link", name="Définir les quotas").click()
    check_page(page, "Définir les quotas")

    # Quotas are pre-filled from the pool; an impossible minimum shows the engine's reason.
    femme = panel.quotas.get(value="femme")
    expect(page.locator(f"#id_min_{femme.pk}")).to_have_value("5")
    page.locator(f"#id_min_{femme.pk}").fill("6")
    page.locator(f"#id_max_{femme.pk}").fill("6")
    page.get_by_role("button", name="Enregistrer les quotas").click()
    check_page(page, "Panel citoyen vélo")
    page.get_by_role("button", name="Calculer les probabilités (LEXIMIN)").click()
    check_page(page, "Calcul des probabilités — Panel citoyen vélo")
    expect(page.locator("#job-status")).to_have_text("Terminée")
    page.get_by_role("link", name="Voir le résultat").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#infeasible")).to_contain_text(
        "Catégorie « genre » : la somme des minimums (11) dépasse de 1 le nombre de places"
    )

    page.get_by_role("link", name="Définir les quotas").click()
    check_page(page, "Définir les quotas")
    page.locator(f"#id_min_{femme.pk}").fill("5")
    page.locator(f"#id_max_{femme.pk}").fill("5")
    page.get_by_role("button", name="Enregistrer les quotas").click()
    check_page(page, "Panel citoyen vélo")
    page.get_by_role("button", name="Calculer les probabilités (LEXIMIN)").click()
    check_page(page, "Calcul des probabilités — Panel citoyen vélo")
    expect(page.locator("#job-status")).to_have_text("Terminée")
    page.get_by_role("link", name="Voir le résultat").click()
    check_page(page, "Panel citoyen vélo")

    # Every respondent's probability is shown before the draw.
    expect(page.locator("#probabilities tbody tr")).to_have_count(40)
    expect(page.locator("#probabilities tbody tr").first).to_contain_text("25,00 %")
    expect(page.locator("#quality")).to_contain_text("Probabilité minimale : 25,00 %")

    # The lottery is published before any seed, with how the seed will be drawn.
    expect(page.get_by_role("button", name="Fixer la graine")).to_have_count(0)
    page.get_by_role("button", name="Publier la loterie").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#id_lottery-announcement-desc-error")).to_have_text(
        "Dites qui tirera la graine, comment, quand et où."
    )
    page.locator("#id_lottery-announcement").fill(ANNOUNCEMENT)
    page.get_by_role("button", name="Publier la loterie").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator(".fr-alert--success")).to_contain_text("La loterie est publiée")
    expect(page.get_by_role("link", name="Importer le vivier")).to_have_count(0)
    panel.refresh_from_db()
    lottery_digest = panel.lottery_digest

    # Anyone reads it on the public page and checks its fingerprint; a volunteer finds
    # their code in it, with their chance, before anyone knows the seed.
    page.get_by_role("link", name="Voir la page publique du panel").first.click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#seed-announcement")).to_contain_text(ANNOUNCEMENT)
    expect(page.locator("#seed-pending")).to_contain_text("La graine n'est pas encore tirée")
    expect(page.locator("#lottery .digest")).to_have_text(lottery_digest)
    page.get_by_role("button", name="Vérifier la loterie dans mon navigateur").click()
    expect(page.locator("#lottery .verify-result .fr-alert")).to_have_text(
        [
            "L'empreinte recalculée dans votre navigateur est identique à l'empreinte publiée : "
            "la loterie n'a pas été modifiée."
        ]
    )
    designated = draw_number(SEED, 1000)
    volunteer = next(
        m for m in panel.pool.order_by("pk") if m.token in panel.lottery["tickets"][designated - 1]
    )
    holding = [n for n, t in enumerate(panel.lottery["tickets"], 1) if volunteer.token in t]
    page.locator("#ticket_code").fill("p-pas-un-code")
    page.get_by_role("button", name="Rechercher mon code").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#ticket_code-desc-error")).to_contain_text("Ce code n'est pas reconnu.")
    expect(page.locator("#ticket_code")).to_have_value("p-pas-un-code")
    page.locator("#ticket_code").fill(volunteer.token.upper())
    page.keyboard.press("Enter")
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#ticket-result")).to_contain_text(
        f"Votre code figure dans {len(holding)} panels sur 1\u202f000 : votre chance d'être "
        f"tiré au sort est de {len(holding) / 10:.2f} %.".replace(".", ",", 1)
    )
    expect(page.locator("#ticket-verdict")).to_have_text("La graine n'est pas encore tirée.")

    # The seed is recorded with its origin; a missing origin is told next to its field.
    page.goto(panel.get_manage_url())
    check_page(page, "Panel citoyen vélo")
    page.locator("#id_seed-seed").fill(SEED)
    page.get_by_role("button", name="Fixer la graine").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#id_seed-origin-desc-error")).to_have_text(
        "Dites qui a tiré la graine, comment et devant qui."
    )
    expect(page.locator("#id_seed-seed")).to_have_value(SEED)
    page.locator("#id_seed-origin").fill(ORIGIN)
    page.get_by_role("button", name="Fixer la graine").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#seed")).to_contain_text(SEED)
    page.get_by_role("button", name="Tirer le panel au sort").click()
    check_page(page, "Panel citoyen vélo")
    number = draw_number(SEED, 1000)
    expect(page.locator(".fr-alert--success")).to_contain_text(f"ticket n° {number}")
    expect(page.locator("#members tbody tr")).to_have_count(10)

    # One member declines; a replacement draw keeps the nine others.
    panel.refresh_from_db()
    leaving = panel.pool.filter(status=PoolMember.Status.SELECTED).order_by("pk").first()
    kept = set(
        panel.pool.filter(status=PoolMember.Status.SELECTED)
        .exclude(pk=leaving.pk)
        .values_list("pk", flat=True)
    )
    page.get_by_role("button", name=f"Désistement {leaving.external_id}").click()
    check_page(page, "Panel citoyen vélo")
    # The replacement's lottery, too, is published before its seed.
    page.locator("#id_replacement-lottery-announcement").fill(ANNOUNCEMENT)
    page.get_by_role("button", name="Publier la loterie de remplacement").click()
    check_page(page, "Panel citoyen vélo")
    pending = Draw.objects.get(kind=Draw.Kind.REPLACEMENT)
    expect(page.locator("#replacement-lottery")).to_contain_text(pending.lottery_digest)
    page.locator("#id_replacement-seed").fill(REPLACEMENT_SEED)
    page.locator("#id_replacement-origin").fill(ORIGIN)
    page.get_by_role("button", name="Tirer les remplaçants").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator(".fr-alert--success")).to_contain_text("Tirage de remplacement effectué")
    replacement = panel.pool.get(status=PoolMember.Status.REPLACEMENT)
    assert replacement.values["genre"] == leaving.values["genre"]
    assert kept == set(
        panel.pool.filter(status=PoolMember.Status.SELECTED).values_list("pk", flat=True)
    )

    page.get_by_role("button", name="Publier le panel").click()
    check_page(page, "Panel citoyen vélo")
    content = page.content()
    assert "resp-0" not in content
    command = (
        f"uv run concerto sortition verify --lottery panel-{panel.pk}-lottery.json --seed {SEED}"
    )
    expect(page.locator("pre.command").first).to_have_text(command)

    # The seed's origin is public; the volunteer's code now says the seed chose them.
    expect(page.locator("#seed-origin")).to_have_text(f"Origine de la graine : {ORIGIN}")
    page.locator("#ticket_code").fill(volunteer.token)
    page.get_by_role("button", name="Rechercher mon code").click()
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#ticket-verdict")).to_have_text(
        f"La graine désigne le panel n° {designated} : votre code y figure, vous êtes tiré au sort."
    )

    # Anyone can check the draw in their browser, with nothing to install.
    initial = Draw.objects.get(kind=Draw.Kind.INITIAL)
    expect(page.locator("#comment-se-passe-le-tirage")).to_contain_text(
        "Elle écrit ensuite 1\u202f000 panels possibles respectant les quotas"
    )
    draw_block = page.locator(f"#draw-{initial.pk}")
    draw_block.get_by_role("button", name="Vérifier le tirage dans mon navigateur").click()
    expect(draw_block.locator(".verify-result .fr-alert")).to_have_text(
        [
            "L'empreinte recalculée dans votre navigateur est identique à l'empreinte publiée : "
            "la loterie n'a pas été modifiée.",
            f"La graine désigne le panel n° {initial.number} sur {initial.lottery['m']} : "
            "c'est bien le panel retenu.",
        ]
    )

    # Anyone can download the lottery and re-run the draw from the published seed.
    with page.expect_download() as info:
        page.locator(f"#draw-{initial.pk}").get_by_role(
            "link", name="Télécharger la loterie"
        ).click()
    download = info.value
    assert download.suggested_filename == f"panel-{panel.pk}-lottery.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    lottery = json.loads(path.read_text())
    assert "resp-0" not in path.read_text()
    assert verify(lottery, SEED).number == number == initial.number
    capsys.readouterr()
    assert cli.main(["verify", "--lottery", str(path), "--seed", SEED, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["number"] == number
