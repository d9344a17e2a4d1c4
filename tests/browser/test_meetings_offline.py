"""Issue 4 in a real browser: citizens register to a public meeting (the second one is
wait-listed, then gets the seat); an agent types in a paper contribution and imports a
CSV file, first refused with its errors, then accepted."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.meetings.actions import create_meeting
from concerto.meetings.models import Registration
from concerto.notifications.models import Notification
from concerto.participation.models import Contribution
from concerto.processes.models import Theme
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module


def test_citizens_register_to_a_meeting_and_the_second_one_is_wait_listed(page):
    module, organiser = open_module("meetings", title="Réunions publiques du plan vélo")
    starts_at = (timezone.localtime() + timedelta(days=7)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )
    meeting = create_meeting(
        module, actor=organiser, title="Réunion publique à Lyon", capacity=1,
        description="Présentation du plan vélo, puis questions du public.",
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
        address="Hôtel de ville, 1 place de la Comédie, 69001 Lyon",
    )  # fmt: skip
    first = UserFactory(email="ines@exemple.fr", first_name="Inès")
    second = UserFactory(email="malik@exemple.fr", first_name="Malik")

    # The first citizen finds the meeting and registers.
    log_in(page, first.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(module.get_absolute_url())
    check_page(page, "Réunions publiques du plan vélo")
    expect(page.locator(f"#reunion-{meeting.pk}")).to_contain_text("1 place restante sur 1")
    page.get_by_role("link", name="Réunion publique à Lyon").click()
    check_page(page, "Réunion publique à Lyon")
    expect(page.locator("#meeting-place")).to_have_text(
        "Hôtel de ville, 1 place de la Comédie, 69001 Lyon"
    )
    expect(page.get_by_role("link", name="Ajouter à mon agenda (fichier iCal)")).to_be_visible()
    page.get_by_role("button", name="S'inscrire").click()
    check_page(page, "Réunion publique à Lyon")
    expect(page.get_by_role("status").first).to_have_text("Votre inscription est confirmée.")
    expect(page.locator("#registration-status")).to_have_text("Votre inscription est confirmée.")
    log_out(page)

    # The meeting is full: the second citizen joins the waiting list.
    log_in(page, second.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(meeting.get_absolute_url())
    check_page(page, "Réunion publique à Lyon")
    expect(page.locator("#meeting-seats")).to_have_text("Complet — liste d'attente ouverte")
    page.get_by_role("button", name="Rejoindre la liste d'attente").click()
    check_page(page, "Réunion publique à Lyon")
    expect(page.locator("#registration-status")).to_have_text(
        "Vous êtes sur liste d'attente, en position 1."
    )
    assert dict(Registration.objects.values_list("user__email", "status")) == {
        "ines@exemple.fr": "confirmed", "malik@exemple.fr": "waiting",
    }  # fmt: skip
    log_out(page)

    # The first citizen cancels: the seat goes to the second, who is told.
    log_in(page, first.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(meeting.get_absolute_url())
    check_page(page, "Réunion publique à Lyon")
    page.get_by_role("button", name="Annuler mon inscription").click()
    check_page(page, "Réunion publique à Lyon")
    expect(page.get_by_role("status").first).to_have_text("Votre inscription est annulée.")
    assert dict(Registration.objects.values_list("user__email", "status")) == {
        "ines@exemple.fr": "cancelled", "malik@exemple.fr": "confirmed",
    }  # fmt: skip
    assert list(
        Notification.objects.filter(recipient=second).values_list("subject", flat=True)
    ) == ["Une place s'est libérée : votre inscription est confirmée"]


def test_an_agent_enters_a_paper_contribution_then_imports_a_csv_file(page, tmp_path):
    # Browser tests flush the database, themes included.
    Theme.objects.get_or_create(slug="transports", defaults={"name": "Transports et mobilités"})
    module, organiser = open_module("proposals", title="Vos propositions pour le plan vélo")
    process = module.process
    received = timezone.localdate() - timedelta(days=2)

    # From the workspace, the agent opens the offline entry of the module.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/modules/")
    check_page(page, "Modules de participation")
    page.get_by_role("link", name="Saisir des contributions hors ligne").click()
    check_page(page, "Contributions hors ligne")

    # A page of a cahier citoyen, typed in.
    page.locator("#radio-id_channel").get_by_text("Papier (cahier citoyen, formulaire)").click()
    page.locator("#id_received_on").fill(received.isoformat())
    page.locator("#id_author").fill("Jeanne Martin")
    page.get_by_label("Texte de la contribution").fill(
        "Des pistes cyclables protégées entre Bron et Villeurbanne."
    )
    page.locator("#id_theme").select_option(label="Transports et mobilités")
    page.get_by_role("button", name="Enregistrer la contribution").click()
    check_page(page, "Contributions hors ligne")
    expect(page.get_by_role("status").first).to_have_text(
        "Contribution enregistrée et publiée (canal : Papier (cahier citoyen, formulaire))."
    )
    row = page.locator("#offline-contributions tbody tr").first
    expect(row).to_contain_text("Papier (cahier citoyen, formulaire)")
    expect(row).to_contain_text("Jeanne Martin")
    expect(row).to_contain_text(received.strftime("%d/%m/%Y"))
    contribution = Contribution.objects.get()
    assert (contribution.channel, contribution.entered_by, contribution.author) == (
        "paper", organiser, None,
    )  # fmt: skip

    # A CSV file with a bad row is refused whole, with the line of each error.
    page.get_by_role("link", name="Importer un fichier CSV").click()
    check_page(page, "Importer un fichier CSV")
    header = "channel,received_on,author,title,text,theme\n"
    bad = tmp_path / "cahiers.csv"
    bad.write_text(
        header
        + "mail,2026-01-06,anonyme,,Plus de trains le dimanche.,\n"
        + "fax,2026-01-07,Paul Durand,,Un service de location.,\n",
        encoding="utf-8",
    )
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Importer").click()
    check_page(page, "Importer un fichier CSV")
    errors = page.locator("#import-errors")
    expect(errors.locator("h2")).to_have_text(
        "Aucune contribution n'a été importée : le fichier contient 1 erreur."
    )
    expect(errors.locator("li")).to_have_text(
        ["Ligne 3 : canal « fax » inconnu ; valeurs acceptées : paper, mail, email, meeting."]
    )
    assert Contribution.objects.count() == 1

    # Corrected, it is imported; the entry page shows the new rows with their channel.
    good = tmp_path / "cahiers-corriges.csv"
    good.write_text(
        header
        + "mail,2026-01-06,anonyme,,Plus de trains le dimanche.,\n"
        + "email,2026-01-07,Paul Durand,,Un service de location.,transports\n",
        encoding="utf-8",
    )
    page.locator("#id_file").set_input_files(str(good))
    page.get_by_role("button", name="Importer").click()
    # The import runs as a background job; the page shows its outcome.
    check_page(page, "Importer un fichier CSV")
    expect(page.locator("#import-done h2")).to_have_text("2 contributions importées et publiées.")
    page.get_by_role("link", name="Voir les contributions hors ligne").click()
    check_page(page, "Contributions hors ligne")
    expect(page.locator("#offline-counts")).to_contain_text("Total hors ligne 3")
    table = page.locator("#offline-contributions")
    expect(table).to_contain_text("Plus de trains le dimanche.")
    expect(table).to_contain_text("Courriel")
    assert sorted(Contribution.objects.values_list("channel", flat=True)) == [
        "email", "mail", "paper",
    ]  # fmt: skip


def test_the_organiser_schedules_a_meeting_and_enters_a_past_meetings_report(page):
    module, organiser = open_module("meetings", title="Réunions publiques du plan vélo")
    yesterday = (timezone.localtime() - timedelta(days=1)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    past = create_meeting(
        module, actor=organiser, title="Réunion de Bron", starts_at=yesterday,
        ends_at=yesterday + timedelta(hours=2), address="Mairie de Bron",
    )  # fmt: skip
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{module.process_id}/reunions/{module.pk}/")
    check_page(page, "Réunions publiques du plan vélo")

    # A new meeting, online, with 20 seats.
    page.get_by_role("link", name="Programmer une réunion").click()
    check_page(page, "Programmer une réunion")
    starts = (timezone.localtime() + timedelta(days=12)).replace(hour=18, minute=30)
    page.get_by_label("Titre de la réunion").fill("Atelier en ligne")
    page.get_by_label("Début (date et heure, heure de Paris)").fill(
        starts.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Fin (date et heure, heure de Paris)").fill(
        (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_text("Réunion en ligne").click()
    page.locator("#id_join_url").fill("https://visio.exemple.fr/atelier")
    page.locator("#id_capacity").fill("20")
    page.get_by_role("button", name="Programmer la réunion").click()
    check_page(page, "Réunions publiques du plan vélo")
    expect(page.locator("#meetings tbody tr")).to_have_count(2)
    expect(page.locator("#meetings tbody tr").nth(1)).to_contain_text("0 / 20")

    # The report of yesterday's meeting, and one point raised there.
    page.get_by_role("link", name="À saisir").click()
    check_page(page, "Compte rendu : Réunion de Bron")
    page.locator("#id_report").fill("Quarante personnes présentes.")
    page.get_by_role("button", name="Enregistrer et publier le compte rendu").click()
    check_page(page, "Compte rendu : Réunion de Bron")
    page.locator("#id_speaker").fill("Mme Durand")
    page.locator("#id_body").fill("Un parking vélo sécurisé à la gare.")
    page.get_by_role("button", name="Ajouter la contribution").click()
    check_page(page, "Compte rendu : Réunion de Bron")
    expect(page.locator("#meeting-contributions")).to_contain_text(
        "Un parking vélo sécurisé à la gare."
    )
    contribution = Contribution.objects.get()
    assert (contribution.channel, contribution.entered_by) == ("meeting", organiser)

    # The public page of the meeting shows the report and the point, with its channel.
    page.goto(past.get_absolute_url())
    check_page(page, "Réunion de Bron")
    expect(page.locator("#compte-rendu")).to_have_text("Compte rendu")
    expect(page.get_by_text("Quarante personnes présentes.")).to_be_visible()
    expect(page.locator(f"#contribution-{contribution.pk}")).to_contain_text("Réunion publique")
