"""Issue 26's co-drafting journey in a real browser: an organiser imports a five-article
draft and opens it; two citizens (one with the keyboard only) propose rewordings and a new
article, support and argue; once the participation is closed, the organiser merges two
suggestions, accepts one with changes, rejects one with a reason, publishes the answers
and version 2, whose public diff names the suggestions each change comes from; the
authors find their dated answers on their own page."""

from django.utils import timezone
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.codrafting.models import Suggestion, TextVersion
from concerto.followup.closing import close_participation
from concerto.followup.models import Answer
from concerto.frenchdates import french_date
from concerto.participation.models import Contribution
from concerto.proposals.models import MergeEvent, Support
from tests.browser.conftest import check_page, log_in, log_out
from tests.codrafting.conftest import DRAFT
from tests.factories import PASSWORD, UserFactory, open_module, user_with_role
from tests.followup.conftest import ensure_statuses

TITLE = "Le projet de loi, article par article"
MANAGE = f"Gérer le texte « {TITLE} »"
ALICE_WORDING = "Cette publication est gratuite et se fait dans un format ouvert."
BRUNO_WORDING = "Cette publication est gratuite, dans un format ouvert et réutilisable."
FINAL_WORDING = "Cette publication est gratuite et se fait dans un format ouvert et réutilisable."
NEW_ARTICLE = "Un rapport annuel au Parlement évalue l'application de la présente loi."


def tab_to(page, locator, limit: int = 120) -> None:
    """Move the focus with the Tab key only until `locator` has it, as a keyboard user."""
    handle = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", handle):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_a_draft_is_co_drafted_answered_and_published_as_version_two(page):
    ensure_statuses()  # an earlier browser test's flush took the migration's rows
    module, organiser = open_module("text", title=TITLE)
    process = module.process
    alice = UserFactory(email="alice@exemple.fr", first_name="Alice", last_name="Durand")
    bruno = UserFactory(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")

    # The organiser pastes the draft, checks the split and publishes version 1.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/modules/{module.pk}/texte/")
    check_page(page, MANAGE)
    page.get_by_label("Titre du texte").fill("Projet de loi pour une République numérique")
    page.get_by_label("Coller le texte").fill(DRAFT)
    page.get_by_role("button", name="Importer le texte").click()
    check_page(page, MANAGE)
    expect(page.get_by_role("status").first).to_have_text(
        "Texte importé : 5 articles, 6 alinéas. Vérifiez le découpage avant de le publier."
    )
    expect(page.get_by_role("heading", name="Version 1 en préparation")).to_be_visible()
    page.get_by_role("button", name="Publier la version 1").click()
    check_page(page, MANAGE)
    expect(page.get_by_role("status").first).to_have_text("La version 1 est publiée.")
    version_1 = TextVersion.objects.get(module=module)
    assert version_1.published_at is not None
    log_out(page)

    # Alice reads the text and proposes a new wording of article 1's second paragraph.
    log_in(page, alice.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(module.get_absolute_url())
    check_page(page, TITLE)
    page.get_by_role("link", name="Article 1er").click()
    check_page(page, "Article 1er")
    page.get_by_role("link", name="Proposer une nouvelle rédaction de l'alinéa 2").click()
    check_page(page, "Proposer une nouvelle rédaction (Article 1er)")
    field = page.get_by_label("Votre rédaction de l'alinéa")
    expect(field).to_have_value("Cette publication est gratuite.")
    field.fill(ALICE_WORDING)
    page.get_by_role("button", name="Publier ma suggestion").click()
    alice_title = "Article 1er, alinéa 2 : nouvelle rédaction"
    check_page(page, alice_title)
    expect(page.locator("#diff ins")).to_have_text(["[ajouté :  et se fait dans un format ouvert]"])
    alice_suggestion = Contribution.objects.get(author=alice)
    alice_url = page.url
    log_out(page)

    # Bruno uses the keyboard only: his own rewording, a new article, a support and an
    # argument for Alice's suggestion.
    log_in(page, bruno.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(module.get_absolute_url())
    check_page(page, TITLE)
    tab_to(page, page.get_by_role("link", name="Article 1er"))
    page.keyboard.press("Enter")
    check_page(page, "Article 1er")
    tab_to(page, page.get_by_role("link", name="Proposer une nouvelle rédaction de l'alinéa 2"))
    page.keyboard.press("Enter")
    check_page(page, "Proposer une nouvelle rédaction (Article 1er)")
    tab_to(page, page.get_by_label("Votre rédaction de l'alinéa"))
    page.keyboard.press("Control+A")
    page.keyboard.type(BRUNO_WORDING)
    tab_to(page, page.get_by_role("button", name="Publier ma suggestion"))
    page.keyboard.press("Enter")
    check_page(page, alice_title)
    bruno_wording = Contribution.objects.get(author=bruno)

    page.goto(module.get_absolute_url())
    check_page(page, TITLE)
    tab_to(page, page.get_by_role("link", name="Article 5"))
    page.keyboard.press("Enter")
    check_page(page, "Article 5")
    tab_to(page, page.get_by_role("link", name="Proposer un nouvel article après l'Article 5"))
    page.keyboard.press("Enter")
    check_page(page, "Proposer un nouvel article après l'Article 5")
    tab_to(page, page.get_by_label("Titre de l'article (facultatif)"))
    page.keyboard.type("Évaluation")
    tab_to(page, page.get_by_label("Texte de l'article proposé"))
    page.keyboard.type(NEW_ARTICLE)
    tab_to(page, page.get_by_role("button", name="Publier ma suggestion"))
    page.keyboard.press("Enter")
    new_title = "Nouvel article après l'article 5 : Évaluation"
    check_page(page, new_title)
    new_article = Contribution.objects.get(author=bruno, title=new_title)

    page.goto(alice_url)
    check_page(page, alice_title)
    tab_to(page, page.get_by_role("button", name="Soutenir cette suggestion"))
    page.keyboard.press("Enter")
    check_page(page, alice_title)
    expect(page.locator("#soutien-titre")).to_have_text("1 soutien")
    tab_to(page, page.get_by_label("Pour la proposition"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("textbox", name="Votre argument"))
    page.keyboard.type("Un format ouvert permet la réutilisation.")
    tab_to(page, page.get_by_role("button", name="Publier mon argument"))
    page.keyboard.press("Enter")
    check_page(page, alice_title)
    expect(page.locator("#arguments li")).to_have_text(
        ["Pour Un format ouvert permet la réutilisation. — Bruno P."]
    )
    tab_to(page, page.get_by_role("textbox", name="Votre commentaire"))
    page.keyboard.type("Et un format lisible par les machines.")
    tab_to(page, page.get_by_role("button", name="Publier mon commentaire"))
    page.keyboard.press("Enter")
    check_page(page, alice_title)
    expect(page.locator("#commentaires li")).to_contain_text(
        ["Et un format lisible par les machines. — Bruno P."]
    )
    log_out(page)
    assert list(Support.objects.values_list("proposal", "user")) == [
        (alice_suggestion.pk, bruno.pk)
    ]
    assert Suggestion.objects.count() == 3

    # The participation closes; the organiser merges Bruno's rewording into Alice's,
    # accepts it with changes and rejects the new article with a reason.
    close_participation(process, actor=user_with_role(Role.REFERENT, organisation=process.ministry))
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/modules/{module.pk}/texte/")
    check_page(page, MANAGE)
    page.get_by_role("link", name="Traiter les suggestions de l'Article 1er").click()
    review = "Suggestions sur l'Article 1er"
    check_page(page, review)
    card = page.locator(f"#s-{bruno_wording.pk}")
    card.get_by_label("Fusionner avec").select_option(str(alice_suggestion.pk))
    card.get_by_role("button", name="Fusionner").click()
    check_page(page, review)
    expect(page.get_by_role("status").first).to_have_text("Suggestions fusionnées.")
    card = page.locator(f"#s-{alice_suggestion.pk}")
    expect(card).to_contain_text(f"Regroupe 1 suggestion fusionnée : #{bruno_wording.pk}")
    card.get_by_text(
        "Retenue avec modifications (publiée comme « Partiellement retenue »)", exact=True
    ).click()
    card.get_by_label("Réponse").fill("Nous retenons le format ouvert et réutilisable.")
    card.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, review)

    page.goto(f"/espace/dispositifs/{process.pk}/modules/{module.pk}/texte/")
    check_page(page, MANAGE)
    page.get_by_role("link", name="Traiter les suggestions de l'Article 5").click()
    check_page(page, "Suggestions sur l'Article 5")
    card = page.locator(f"#s-{new_article.pk}")
    card.get_by_text("Non retenue", exact=True).click()
    card.get_by_label("Réponse").fill("L'évaluation relève de la loi de finances.")
    card.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, "Suggestions sur l'Article 5")
    expect(
        page.locator(
            f"#s-{new_article.pk} .fr-input-group--error, #s-{new_article.pk} .fr-error-text"
        ).first
    ).to_contain_text("Donnez le motif pour lequel la proposition n'est pas retenue.")
    card = page.locator(f"#s-{new_article.pk}")
    expect(card.get_by_label("Réponse")).to_have_value("L'évaluation relève de la loi de finances.")
    assert not Answer.objects.filter(contributions=new_article).exists()
    card.get_by_label("Motif (obligatoire si la suggestion n'est pas retenue)").fill(
        "Le suivi de la loi est déjà prévu par le Parlement."
    )
    card.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, "Suggestions sur l'Article 5")

    # The answers are published through the devoir de suite: dated, and the authors told.
    page.goto(f"/espace/dispositifs/{process.pk}/suites/")
    check_page(page, "Devoir de suite")
    page.get_by_role("button", name="Publier 2 réponses et prévenir les participants").click()
    check_page(page, "Devoir de suite")
    expect(page.get_by_role("status").first).to_have_text(
        "Réponses publiées. Les participants concernés sont prévenus."
    )

    # Version 2: the paragraph as accepted with changes, from the merged suggestions.
    page.goto(f"/espace/dispositifs/{process.pk}/modules/{module.pk}/texte/")
    check_page(page, MANAGE)
    page.get_by_role("button", name="Préparer la version 2").click()
    check_page(page, MANAGE)
    page.get_by_role("link", name="Modifier Cette publication est gratuite.").click()
    check_page(page, "Modifier : Alinéa")
    page.get_by_label("Texte de l'alinéa").fill(FINAL_WORDING)
    page.get_by_text(f"#{alice_suggestion.pk} — {alice_title}", exact=True).click()
    page.get_by_role("button", name="Enregistrer").click()
    check_page(page, MANAGE)
    page.get_by_label("Ce que cette version change").fill(
        "L'article 1er retient la suggestion d'un format ouvert et réutilisable."
    )
    page.get_by_role("button", name="Publier la version 2").click()
    check_page(page, MANAGE)
    log_out(page)

    # Anyone reads version 2 and what changed, each change naming its suggestions.
    page.goto(module.get_absolute_url())
    check_page(page, TITLE)
    page.get_by_role("link", name="Voir les 2 versions et leurs changements").click()
    check_page(page, "Versions du texte")
    today = french_date(timezone.localdate(), "j F Y")
    page.get_by_role("link", name=f"Version 2 du {today}").click()
    check_page(page, "Projet de loi pour une République numérique — version 2")
    expect(page.locator("#changements")).to_have_text("1 changement depuis la version 1")
    change = page.locator(".change-changed")
    expect(change.locator("ins")).to_have_text(
        ["[ajouté :  et se fait dans un format ouvert et réutilisable]"]
    )
    expect(change).to_contain_text("Ce changement vient des suggestions de 2 participants :")
    change.get_by_role("link", name=alice_title).click()
    check_page(page, alice_title)
    expect(page.locator("#reponse")).to_contain_text(f"Réponse du {today}")
    expect(page.locator("#reponse")).to_contain_text("Partiellement retenue")

    # Bruno finds both answers, dated, on his own page.
    log_in(page, bruno.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto("/mes-contributions/")
    check_page(page, "Mes contributions")
    merged = page.locator(f"#contribution-{bruno_wording.pk}-suite")
    expect(merged).to_contain_text("Partiellement retenue")
    expect(merged).to_contain_text(f"publiée le {today}")
    rejected = page.locator(f"#contribution-{new_article.pk}-suite")
    expect(rejected).to_contain_text("Non retenue")
    expect(rejected).to_contain_text(f"publiée le {today}")
    assert MergeEvent.objects.get().source_id == bruno_wording.pk
    assert list(TextVersion.objects.filter(module=module).values_list("number", flat=True)) == [
        1,
        2,
    ]
