"""Recruitment in a real browser: the organiser defines the categories and imports an
invitation batch; a volunteer registers with their code (a wrong or reused code is
refused next to the field, answers kept); computing closes the registration."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.panels import actions
from concerto.panels.models import Invitation, PoolMember
from concerto.panels.models.recruitment import format_code
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD
from tests.panels.helpers import published_process

TITLE = "S'inscrire au Panel citoyen vélo"


def test_invitations_registration_and_closing(page, tmp_path):
    process, referent = published_process()
    panel = actions.create_panel(
        process, actor=referent, name="Panel citoyen vélo", size=2,
        retention_date=timezone.localdate() + timedelta(days=90),
    )  # fmt: skip
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(panel.get_manage_url())
    check_page(page, "Panel citoyen vélo")
    page.get_by_role("link", name="Recrutement").click()
    check_page(page, "Recrutement des volontaires")

    # Categories come first: a malformed line is refused, what was typed stays.
    page.get_by_role("link", name="Définir les catégories").click()
    check_page(page, "Catégories du panel")
    page.locator("#id_categories").fill("genre : femme, homme\nâge 18-34")
    page.get_by_role("button", name="Enregistrer les catégories").click()
    check_page(page, "Catégories du panel")
    expect(page.locator("#id_categories-desc-error")).to_contain_text(
        "Ligne 2 : écrivez « catégorie : valeur, valeur »."
    )
    expect(page.locator("#id_categories")).to_have_value("genre : femme, homme\nâge 18-34")
    page.locator("#id_categories").fill("genre : femme, homme\nâge : 18-34, 35-64, 65+")
    page.get_by_role("button", name="Enregistrer les catégories").click()
    check_page(page, "Recrutement des volontaires")
    expect(page.locator("#categories li")).to_have_text(
        ["genre : femme, homme", "âge : 18-34, 35-64, 65+"]
    )

    # An invitation batch: an unquoted comma or a duplicate line refuses the whole file.
    bad = tmp_path / "adresses-erreur.csv"
    bad.write_text('adresse\n"1 rue du Port, Brest"\n"1 rue du Port,  Brest"\n4 quai Est, Lyon\n')
    page.locator("#id_label").fill("Courrier de mars")
    page.locator("#id_file").set_input_files(bad)
    page.get_by_role("button", name="Créer les invitations").click()
    check_page(page, "Recrutement des volontaires")
    expect(page.locator("#import-errors li")).to_have_text([
        "Ligne 3 : déjà présent ligne 2.",
        "Ligne 4 : 1 colonne attendue, 2 trouvées (une virgule dans un texte doit être entre "
        "guillemets).",
    ])  # fmt: skip
    expect(page.locator("#id_label")).to_have_value("Courrier de mars")
    assert Invitation.objects.count() == 0
    good = tmp_path / "adresses.csv"
    good.write_text('adresse\n"1 rue du Port, Brest"\n"2 rue du Port, Brest"\n"3 quai Est, Lyon"\n')
    page.locator("#id_file").set_input_files(good)
    page.get_by_role("button", name="Créer les invitations").click()
    check_page(page, "Recrutement des volontaires")
    expect(page.locator(".fr-alert--success")).to_contain_text(
        "Lot « Courrier de mars » : 3 invitations créées."
    )
    expect(page.locator("#batches tbody tr td")).to_have_text(
        ["Courrier de mars", "Courrier postal", "3", "0", "0,0 %",
         "Fichier de publipostage Courrier de mars"]
    )  # fmt: skip
    code = Invitation.objects.order_by("pk").first().code
    log_out(page)

    # A volunteer: an unknown code is refused next to the field, answers kept.
    page.goto(panel.get_registration_url())
    check_page(page, TITLE)
    expect(page.locator("#privacy-notice")).to_contain_text("sont supprimés le")
    genre, age = panel.categories.all()
    page.locator("#id_code").fill("ABCD-EFGH-JKMN")
    page.locator(f"label[for='id_category_{genre.pk}_1']").click()
    page.locator(f"label[for='id_category_{age.pk}_2']").click()
    page.locator("label[for='id_consent']").click()
    page.get_by_role("button", name="M'inscrire").click()
    check_page(page, TITLE)
    expect(page.locator("#id_code")).to_have_value("ABCD-EFGH-JKMN")
    expect(page.locator("#id_code-desc-error")).to_contain_text(
        "Ce code d'invitation est inconnu : vérifiez-le sur votre invitation."
    )
    expect(page.locator(f"#id_category_{genre.pk}_1")).to_be_checked()
    expect(page.locator(f"#id_category_{age.pk}_2")).to_be_checked()
    expect(page.locator("#id_consent")).to_be_checked()
    page.locator("#id_code").fill(format_code(code).lower())
    page.get_by_role("button", name="M'inscrire").click()
    check_page(page, "Inscription enregistrée")
    member = PoolMember.objects.get()
    assert member.values == {"genre": "homme", "âge": "65+"}
    # The code that will find them in the lottery, published before the seed is drawn.
    expect(page.locator("#tirage-code strong")).to_have_text(member.token)
    assert member.invitation.code == code

    # The same code again: refused, still one member.
    page.goto(f"{panel.get_registration_url()}{format_code(code)}/")
    check_page(page, TITLE)
    expect(page.locator("#id_code")).to_have_value(format_code(code))
    page.locator(f"label[for='id_category_{genre.pk}_0']").click()
    page.locator(f"label[for='id_category_{age.pk}_0']").click()
    page.locator("label[for='id_consent']").click()
    page.get_by_role("button", name="M'inscrire").click()
    check_page(page, TITLE)
    expect(page.locator("#id_code-desc-error")).to_contain_text(
        "Ce code d'invitation a déjà servi à une inscription."
    )
    assert PoolMember.objects.count() == 1

    # The organiser sees the response rate; computing closes registration.
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(panel.get_manage_url())
    check_page(page, "Panel citoyen vélo")
    expect(page.locator("#closing-notice")).to_have_text(
        "1 volontaire inscrit. Le calcul ferme les inscriptions."
    )
    page.get_by_role("button", name="Calculer les probabilités (LEXIMIN)").click()
    check_page(page, "Calcul des probabilités — Panel citoyen vélo")
    expect(page.locator("#job-status")).to_have_text("Terminée")
    page.goto(panel.get_manage_url() + "recrutement/")
    check_page(page, "Recrutement des volontaires")
    expect(page.locator("#registration-status")).to_have_text("Inscriptions closes")
    expect(page.locator("#batches tbody tr td").nth(4)).to_have_text("33,3 %")
    page.goto(panel.get_registration_url())
    check_page(page, TITLE)
    expect(page.locator("#registration-closed")).to_have_text(
        "Les inscriptions à ce panel sont closes."
    )
