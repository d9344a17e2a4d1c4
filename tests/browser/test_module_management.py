"""An organiser manages the modules of a process, copies a process, deletes the draft copy
and archives a finished process (issue #22)."""

from datetime import timedelta

from django.forms.models import model_to_dict
from django.utils import timezone
from playwright.sync_api import expect

from concerto.participation.models import Contribution, ContributionKind, Module
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, complete_process, open_module, user_with_role, walk_to
from tests.processes.helpers import finished_process


def test_an_organiser_edits_reorders_unpublishes_deletes_copies_and_archives(page):
    finished = finished_process(n_citizens=1, title="Concertation terminée")
    referent = finished.referent
    process = complete_process(ministry=finished.process.ministry, title="Plan vélo")
    walk_to(process, Status.OPEN, referent=referent)
    questionnaire, _lead = open_module("questionnaire", process=process, title="Le questionnaire")
    proposals, _lead = open_module("proposals", process=process, title="Les propositions")
    Contribution.objects.create(
        module=proposals, kind=ContributionKind.PROPOSAL, title="Des arceaux",
        body="Aux gares.", author=user_with_role("citizen"),
    )  # fmt: skip
    closes = timezone.localdate() + timedelta(days=45)

    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(f"/espace/dispositifs/{process.pk}/")
    check_page(page, "Plan vélo")
    page.get_by_role("link", name="Modules de participation").click()
    check_page(page, "Modules de participation")

    # Edit the title and the closing date of the questionnaire.
    page.get_by_role("link", name="Modifier — Le questionnaire").click()
    check_page(page, "Modifier le module « Le questionnaire »")
    page.get_by_label("Titre").fill("Votre avis")
    page.get_by_label("Clôture").fill(closes.isoformat())
    page.get_by_role("button", name="Enregistrer le module").click()
    check_page(page, "Modules de participation")
    expect(page.get_by_text("Module « Votre avis » enregistré.")).to_be_visible()
    rows = page.locator("#modules tbody tr td:first-child")
    expect(rows).to_have_text(["Votre avis", "Les propositions"])
    questionnaire.refresh_from_db()
    assert (questionnaire.title, questionnaire.closes_on) == ("Votre avis", closes)

    # The proposals module has contributions: its kind is fixed, and the form says why.
    page.get_by_role("link", name="Modifier — Les propositions").click()
    check_page(page, "Modifier le module « Les propositions »")
    expect(
        page.get_by_text("Le type ne peut plus changer : ce module a déjà reçu 1 participation.")
    ).to_be_visible()
    page.get_by_label("Clôture").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Enregistrer le module").click()
    check_page(page, "Modifier le module « Les propositions »")
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_label("Clôture")).to_have_value(
        (timezone.localdate() - timedelta(days=1)).isoformat()
    )
    assert Module.objects.get(pk=proposals.pk).closes_on == proposals.closes_on
    page.get_by_role("link", name="Annuler").click()
    check_page(page, "Modules de participation")

    # Reorder: the proposals come first.
    page.get_by_role("button", name="Monter — Les propositions").click()
    check_page(page, "Modules de participation")
    expect(rows).to_have_text(["Les propositions", "Votre avis"])

    # Unpublish the questionnaire: the public no longer sees it.
    page.get_by_role("button", name="Dépublier — Votre avis").click()
    check_page(page, "Modules de participation")
    expect(
        page.get_by_text("Module « Votre avis » dépublié : le public ne le voit plus.")
    ).to_be_visible()
    assert Module.objects.get(pk=questionnaire.pk).published is False

    # A module with contributions is not deleted; nothing changes.
    before = model_to_dict(Module.objects.get(pk=proposals.pk))
    page.get_by_role("button", name="Supprimer — Les propositions").click()
    check_page(page, "Modules de participation")
    expect(page.get_by_text(
        "Le module « Les propositions » a déjà reçu 1 participation : il ne peut pas être "
        "supprimé. Dépubliez-le ou clôturez-le plutôt."
    )).to_be_visible()  # fmt: skip
    assert model_to_dict(Module.objects.get(pk=proposals.pk)) == before
    expect(rows).to_have_text(["Les propositions", "Votre avis"])

    # The empty questionnaire is deleted.
    page.get_by_role("button", name="Supprimer — Votre avis").click()
    check_page(page, "Modules de participation")
    expect(page.get_by_text("Module « Votre avis » supprimé.")).to_be_visible()
    expect(rows).to_have_text(["Les propositions"])

    # The process page's journal lists what was done.
    page.get_by_role("link", name="Plan vélo").click()
    check_page(page, "Plan vélo")
    journal = page.locator("#journal")
    for label in ("Module modifié", "Modules réordonnés", "Module dépublié", "Module supprimé"):
        expect(journal.get_by_text(label, exact=True)).to_be_visible()

    # Copy the process as a new draft, then delete the copy.
    page.get_by_role("button", name="Dupliquer en nouveau brouillon").click()
    check_page(page, "Plan vélo (copie)")
    copy = Process.objects.get(copied_from=process)
    assert (copy.status, list(copy.modules.values_list("title", flat=True))) == (
        Status.DRAFT,
        ["Les propositions"],
    )
    page.get_by_role("button", name="Supprimer ce brouillon").click()
    check_page(page, "Dispositifs de mon ministère")
    expect(page.get_by_text("Brouillon « Plan vélo (copie) » supprimé.")).to_be_visible()
    assert not Process.objects.filter(pk=copy.pk).exists()

    # Archive the finished process; the public registry shows it as archived.
    page.goto(f"/espace/dispositifs/{finished.process.pk}/")
    check_page(page, "Concertation terminée")
    page.get_by_role("button", name="Archiver le dispositif").click()
    check_page(page, "Concertation terminée")
    expect(page.get_by_text("Le dispositif est archivé")).to_be_visible()
    page.goto("/dispositifs/?status=archived")
    check_page(page, "Dispositifs participatifs")
    card = page.locator(".fr-card").filter(has_text="Concertation terminée")
    expect(card.get_by_text("Archivé", exact=True)).to_be_visible()
    finished.process.refresh_from_db()
    assert finished.process.status == Status.ARCHIVED
