"""Where the process has an opinion map, the organiser sorts an article's suggestions by
their support across the map's groups (issue 26)."""

from playwright.sync_api import expect

from concerto.codrafting import actions
from concerto.opinionmaps import actions as map_actions
from concerto.opinionmaps.models import GroupMembership
from concerto.proposals.actions import support_proposal
from tests.browser.conftest import check_page, log_in
from tests.codrafting.conftest import DRAFT, key
from tests.factories import PASSWORD, UserFactory, open_module
from tests.opinionmaps.conftest import STATEMENTS, two_camps


def test_an_organiser_sorts_suggestions_by_cross_group_support(page):
    module, organiser = open_module("text", title="Le projet de loi")
    version, _reading = actions.import_draft(
        module, actor=organiser, data=DRAFT, format="markdown", name="Projet de loi"
    )
    version = actions.publish_version(version, actor=organiser)
    article = version.units.get(label="Article 1er")
    paragraph = article.children.order_by("position")[0]
    popular, shared = (
        actions.suggest_rewording(paragraph, author=UserFactory(), text=text,
                                  idempotency_key=key())[0]
        for text in ("Rédaction d'un seul camp.", "Rédaction des deux camps.")
    )  # fmt: skip
    opinion_map, _lead = open_module("opinion_map", process=module.process)
    statements = [
        map_actions.add_seed_statement(opinion_map, actor=organiser, text=t) for t in STATEMENTS
    ]
    two_camps(opinion_map, statements)
    result = map_actions.recompute_map(opinion_map)
    a = [m.participant for m in GroupMembership.objects.filter(map=result, group=0)]
    b = [m.participant for m in GroupMembership.objects.filter(map=result, group=1)]
    for user in a[:4]:
        support_proposal(popular, user=user)
    for user in a[:1] + b[:1]:
        support_proposal(shared, user=user)

    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(
        f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/texte/articles/{article.pk}/"
    )
    check_page(page, "Suggestions sur l'Article 1er")
    titles = page.locator("section.fr-card h2")
    expect(titles.first).to_contain_text(f"#{popular.pk}")
    page.get_by_role("link", name="Par soutien transversal aux groupes d'opinion").click()
    check_page(page, "Suggestions sur l'Article 1er")
    expect(titles.first).to_contain_text(f"#{shared.pk}")
    expect(page.get_by_text("Soutien transversal : 20 % (groupe A : 20 % (1 sur 5), "
                            "groupe B : 20 % (1 sur 5))")).to_be_visible()  # fmt: skip
    expect(page.get_by_text("Soutien transversal : 0 % (groupe A : 80 % (4 sur 5), "
                            "groupe B : 0 % (0 sur 5))")).to_be_visible()  # fmt: skip
