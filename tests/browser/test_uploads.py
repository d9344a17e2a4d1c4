"""An organiser uploads a meeting report: a disguised program is refused next to the
field, with everything else typed kept; the real PDF is then accepted."""

from playwright.sync_api import expect

from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD
from tests.meetings.helpers import meetings_module, schedule
from tests.security.test_uploads import EXE, EXECUTABLE_MESSAGE, HTML, MARKUP_MESSAGE, PDF

REPORT = "Soixante participants ; trois demandes de pistes protégées."


def test_a_refused_upload_shows_why_next_to_the_field_and_keeps_the_typed_report(page):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, in_days=-1, title="Réunion de Bron")
    url = f"/espace/dispositifs/{module.process_id}/reunions/{module.pk}/{meeting.pk}/compte-rendu/"
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(url)
    check_page(page, "Compte rendu : Réunion de Bron")

    # A Windows program renamed "compte-rendu.pdf".
    page.locator("#id_report").fill(REPORT)
    page.locator("#id_report_file").set_input_files(
        {"name": "compte-rendu.pdf", "mimeType": "application/pdf", "buffer": EXE}
    )
    page.get_by_role("button", name="Enregistrer et publier le compte rendu").click()
    check_page(page, "Compte rendu : Réunion de Bron")
    expect(page.locator("#id_report_file-desc-error")).to_have_text(EXECUTABLE_MESSAGE)
    expect(page.locator("#id_report_file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_report")).to_have_value(REPORT)
    meeting.refresh_from_db()
    assert (meeting.report, meeting.report_file.name, meeting.report_published_at) == ("", "", None)

    # A web page renamed "compte-rendu.txt".
    page.locator("#id_report_file").set_input_files(
        {"name": "compte-rendu.txt", "mimeType": "text/plain", "buffer": HTML}
    )
    page.get_by_role("button", name="Enregistrer et publier le compte rendu").click()
    check_page(page, "Compte rendu : Réunion de Bron")
    expect(page.locator("#id_report_file-desc-error")).to_have_text(MARKUP_MESSAGE)
    expect(page.locator("#id_report")).to_have_value(REPORT)
    meeting.refresh_from_db()
    assert (meeting.report, meeting.report_file.name) == ("", "")

    # The real PDF is accepted, with the report typed the first time.
    page.locator("#id_report_file").set_input_files(
        {"name": "compte-rendu.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Enregistrer et publier le compte rendu").click()
    check_page(page, "Compte rendu : Réunion de Bron")
    expect(page.locator(".fr-alert--success")).to_have_text(
        "Le compte rendu est enregistré et publié."
    )
    meeting.refresh_from_db()
    assert meeting.report == REPORT
    assert meeting.report_file.read() == PDF
