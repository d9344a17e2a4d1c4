"""Issue 23 in a real browser: the organiser filters the Grand Débat's real contributions
by analysis theme, answers the whole theme in one go, and /suivi/, the process page, the
answer's page and an author's "Mes contributions" all show the same covered count."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.analysis import actions as analysis
from concerto.analysis.sample import load_sample
from concerto.followup.forms import theme_label
from concerto.followup.models import Answer
from concerto.followup.selection import Selection, selected
from concerto.participation.models import Channel, Contribution, Module
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD
from tests.followup.conftest import closed_process


def grand_debat(closed):
    """The 320 real answers of the demo in a closed questionnaire of the process, analysed
    by the real engine; one answer of the largest theme is signed by a citizen."""
    today = timezone.localdate()
    module = Module.objects.create(
        process=closed.process, kind="questionnaire", title="Grand Débat",
        position=2, opens_on=today - timedelta(days=40), closes_on=today - timedelta(days=10),
    )  # fmt: skip
    load_sample(module, entered_by=closed.sponsor)
    analysis.start_analysis(module, actor=closed.process.project_lead, n_themes=8)
    themes = analysis.latest_analysis(module).themes.order_by("-size", "pk")
    return module, themes.first()


def test_an_organiser_answers_a_whole_theme_and_every_page_agrees(page):
    closed = closed_process(n_citizens=1)
    module, theme = grand_debat(closed)
    process = closed.process
    in_theme = selected(process, Selection(theme=theme.pk))
    expected = in_theme.count()
    paper = in_theme.filter(channel=Channel.PAPER).count()
    total = Contribution.objects.published().filter(module__process=process).count()
    assert (total, expected > 20) == (321, True)
    citizen = closed.citizens[0]
    signed = in_theme.filter(channel=Channel.ONLINE).first()
    Contribution.objects.filter(pk=signed.pk).update(author=citizen)

    log_in(page, closed.sponsor.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/suites/")
    check_page(page, "Devoir de suite")
    expect(page.locator("#selection-count")).to_have_text(
        f"{total} contributions correspondent · page 1 sur 7"
    )
    page.locator("#id_theme").select_option(label=theme_label(theme.label, theme.size))
    page.get_by_role("button", name="Filtrer").click()
    check_page(page, "Devoir de suite")
    expect(page.locator("#selection-count")).to_contain_text(
        f"{expected} contributions correspondent"
    )
    page.get_by_label(f"Les {expected} contributions qui correspondent aux filtres").check(
        force=True
    )
    page.locator("#id_target").select_option(label="Nouvelle réponse…")
    page.get_by_role("button", name="Appliquer à la sélection").click()
    check_page(page, "Nouvelle réponse")
    expect(page.locator("#selection-summary")).to_contain_text(
        f"Cette réponse couvrira les {expected} contributions qui correspondent aux filtres"
    )
    expect(page.locator("#id_level")).to_have_value("theme")
    expect(page.locator("#id_analysis_theme")).to_have_value(str(theme.pk))
    page.locator("#id_status").select_option(label="Retenue")
    page.locator("#id_text").fill("Un plan national, financé dès 2027.")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, "Devoir de suite")
    answer = Answer.objects.get()
    expect(page.locator(f"#covered-{answer.pk}")).to_have_text(str(expected))
    expect(page.locator(f"#new-since-{answer.pk}")).to_have_text("0")
    page.get_by_role("button", name="Publier 1 réponse et prévenir les participants").click()
    check_page(page, "Devoir de suite")
    log_out(page)

    rate = f"{100 * expected / total:.1f}".replace(".", ",")
    page.goto("/suivi/")
    check_page(page, "Suivi du devoir de suite par ministère")
    row = page.locator("#figures-table tbody tr").filter(has_text=process.ministry.name)
    expect(row.locator("td").last).to_have_text(f"{rate} % ({expected}/{total})")
    page.goto(f"/dispositifs/{process.slug}/suites/")
    check_page(page, f"Devoir de suite : {process.title}")
    expect(page.locator("#taux-de-suite")).to_contain_text(
        f"({expected} contributions sur {total} ont reçu une réponse publiée)"
    )
    expect(page.locator(f"#reponse-{answer.pk} h4").last).to_have_text(
        f"{expected} contributions couvertes"
    )
    page.goto(answer.get_absolute_url())
    check_page(page, theme.label)
    expect(page.locator("#covered-count")).to_have_text(
        f"{expected} contributions reçoivent cette réponse "
        f"(en ligne : {expected - paper}, papier (cahier citoyen, formulaire) : {paper})."
    )

    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto("/mes-contributions/")
    check_page(page, "Mes contributions")
    page.get_by_role("link", name=f"Lire la réponse : {theme.label}").click()
    check_page(page, theme.label)
    expect(page.locator("#covered-count")).to_contain_text(
        f"{expected} contributions reçoivent cette réponse"
    )
