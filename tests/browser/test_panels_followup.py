"""A drawn panel's life in a real browser: the organiser plans a session and records
attendance (a colleague's concurrent change is never overwritten), reads the member
list, records the recommendations; the sponsor answers one in the devoir de suite,
publishes it, and the public panel page shows each recommendation's answer status."""

from playwright.sync_api import expect

from concerto.panels import actions, sessions
from concerto.panels.models import Attendance, PanelSession, Recommendation
from concerto.privacy.models import StaffAccess
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD
from tests.panels.helpers import closed_process_with_panel


def test_sessions_attendance_and_recommendations_to_the_followup(page):
    panel, referent = closed_process_with_panel()
    process = panel.process
    members = list(panel.pool.filter(status="selected").order_by("pk"))
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(panel.get_manage_url())
    check_page(page, "Panel citoyen vélo")

    page.get_by_role("link", name="Séances et présences").click()
    check_page(page, "Séances du panel")
    page.locator("#id_title").fill("Séance 1 : s'informer")
    page.locator("#id_starts_at").fill("2026-12-05T09:30")
    page.locator("#id_place").fill("Salle des fêtes, Lyon")
    page.locator("#id_agenda").fill("Accueil\nAuditions d'experts")
    page.get_by_role("button", name="Planifier la séance").click()
    check_page(page, "Séances du panel")
    expect(page.locator(".fr-alert--success")).to_contain_text(
        "Séance « Séance 1 : s'informer » planifiée."
    )
    page.get_by_role("link", name="Séance 1 : s'informer").click()
    check_page(page, "Séance 1 : s'informer")
    session = PanelSession.objects.get()
    for member in members[:3]:
        page.locator(f"label[for='status-{member.pk}-present']").click()
    page.locator(f"label[for='status-{members[3].pk}-absent']").click()
    page.get_by_role("button", name="Enregistrer les présences").click()
    check_page(page, "Séance 1 : s'informer")
    expect(page.locator("#attendance-rate")).to_have_text(
        "Taux de présence : 75 % (3 présents sur 4)"
    )

    # A colleague marks members[3] excused meanwhile; this stale sheet says present.
    sessions.record_attendance(session, actor=referent, marks={members[3].pk: ("excused", 1)})
    page.locator(f"label[for='status-{members[3].pk}-present']").click()
    page.locator(f"label[for='status-{members[4].pk}-present']").click()
    page.get_by_role("button", name="Enregistrer les présences").click()
    check_page(page, "Séance 1 : s'informer")
    expect(page.locator("#attendance-errors")).to_contain_text(
        f"Quelqu'un d'autre a modifié entre-temps la présence de : {members[3].external_id}."
    )
    expect(page.locator(f"#status-{members[4].pk}-present")).to_be_checked()
    assert Attendance.objects.get(member=members[3]).status == "excused"
    assert not Attendance.objects.filter(member=members[4]).exists()

    page.goto(panel.get_manage_url())
    check_page(page, "Panel citoyen vélo")
    page.get_by_role("link", name="Liste des membres").click()
    check_page(page, "Membres du panel")
    expect(page.locator("#member-list tbody tr")).to_have_count(10)
    expect(page.locator("#member-list tbody tr").first).to_contain_text("1 sur 1")
    assert StaffAccess.objects.filter(actor=referent, category="membres de panel").count() == 1

    page.goto(panel.get_manage_url())
    check_page(page, "Panel citoyen vélo")
    page.locator("#content").get_by_role("link", name="Recommandations").click()
    check_page(page, "Recommandations du panel")
    for text in ("Créer un réseau express vélo.", "Doubler les arceaux en gare."):
        page.locator("#id_text").fill(text)
        page.get_by_role("button", name="Enregistrer la recommandation").click()
        check_page(page, "Recommandations du panel")
    expect(page.locator("#recommendations h3")).to_have_text(
        ["Recommandation n° 1", "Recommandation n° 2"]
    )
    actions.publish_panel(panel, actor=referent)
    log_out(page)

    # The sponsor answers recommendation 1 from the devoir de suite and publishes it.
    log_in(page, process.sponsor.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/suites/")
    check_page(page, "Devoir de suite")
    expect(page.locator("#pending-recommendations li")).to_have_count(2)
    page.get_by_role("link", name="Répondre — Recommandation n° 1").click()
    check_page(page, "Répondre à la recommandation n° 1")
    page.locator("#id_status").select_option(label="Retenue")
    page.locator("#id_text").fill("Le réseau express sera financé dès 2027.")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, "Devoir de suite")
    expect(page.locator("#answers-table")).to_contain_text(
        "Recommandation n° 1 — Panel citoyen vélo"
    )
    expect(page.locator("#pending-recommendations li")).to_have_count(1)
    page.get_by_role("button", name="Publier 1 réponse et prévenir les participants").click()
    check_page(page, "Devoir de suite")
    answer = Recommendation.objects.get(number=1).answer
    assert answer.level == "recommendation" and answer.published_at is not None

    page.goto(panel.get_absolute_url())
    check_page(page, "Panel citoyen vélo")
    first, second = page.locator("#recommendations li").all()
    expect(first).to_contain_text("Créer un réseau express vélo.")
    expect(first).to_contain_text("Retenue")
    expect(second).to_contain_text("En attente de réponse")
    first.get_by_role("link", name="Lire la réponse du commanditaire").click()
    check_page(page, "Recommandation n° 1 — Panel citoyen vélo")
    expect(page.locator("#demande")).to_contain_text("« Créer un réseau express vélo. »")
    expect(page.locator(f"#reponse-{answer.pk}")).to_contain_text(
        "Le réseau express sera financé dès 2027."
    )
