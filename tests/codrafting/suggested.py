"""A published five-article text with suggestions on two articles, closed so that it may
be analysed: shared by the analysis tests and the browser journey."""

from datetime import date, timedelta

from concerto.codrafting import actions
from concerto.proposals.actions import argue_proposal, comment_proposal
from tests.codrafting.conftest import DRAFT, key
from tests.factories import UserFactory, open_module

TITLE = "Le projet de loi, article par article"
ARTICLE_3 = "Article 3 — Droit à l'effacement"
OPEN_DATA = [
    "Les administrations publient leurs documents en format ouvert et réutilisable.",
    "Publier les documents en format ouvert, sans redevance, pour la réutilisation.",
    "Un format ouvert et réutilisable pour chaque document publié en ligne.",
    "Les documents publiés gratuitement doivent rester en format ouvert.",
    "La publication en ligne se fait dans un délai d'un mois après la communication.",
    "Un délai d'un mois pour la publication en ligne des documents communiqués.",
]
ERASURE = [
    "L'effacement des données personnelles se fait sous un mois, sans frais.",
    "Toute personne obtient l'effacement de ses données personnelles sans frais.",
    "Les mineurs obtiennent l'effacement immédiat de leurs données personnelles.",
    "Un mineur peut demander l'effacement immédiat de ses données en ligne.",
]


def _paragraph(version, label):
    return version.units.get(label=label).children.order_by("position")[0]


def suggested_text():
    """The conftest's draft (article 3 with a title) published; six rewordings of article
    1, four of article 3, an argument and a comment on the first suggestion on article 3
    and a reply to that comment; then the module closes (its figures final).

    Returns (version, organiser, {article label: suggestions}, (argument, comment, reply))."""
    module, organiser = open_module("text", title=TITLE)
    draft = DRAFT.replace("### Article 3\n", "### Article 3 - Droit à l'effacement\n")
    version, _reading = actions.import_draft(
        module, actor=organiser, data=draft, format="markdown", name="Projet de loi"
    )
    version = actions.publish_version(version, actor=organiser)
    made = {}
    for label, texts in (("Article 1er", OPEN_DATA), ("Article 3", ERASURE)):
        for text in texts:
            contribution, _ = actions.suggest_rewording(
                _paragraph(version, label), author=UserFactory(), text=text,
                explanation="Pour les mineurs." if "mineur" in text else "",
                idempotency_key=key(),
            )  # fmt: skip
            made.setdefault(label, []).append(contribution)
    first = made["Article 3"][0]
    argument, _ = argue_proposal(first, author=UserFactory(), stance="for", idempotency_key=key(),
                                 body="Un mois suffit pour effacer des données.")  # fmt: skip
    comment, _ = comment_proposal(first, author=UserFactory(), idempotency_key=key(),
                                  body="Et pour les données des mineurs ?")  # fmt: skip
    reply, _ = comment_proposal(first, author=UserFactory(), idempotency_key=key(),
                                body="Les mineurs ont un droit renforcé.",
                                reply_to=comment)  # fmt: skip
    today = date.today()
    module.opens_on, module.closes_on = today - timedelta(days=30), today - timedelta(days=1)
    module.save(update_fields=["opens_on", "closes_on"])
    version.module = module  # closed, as saved
    return version, organiser, made, (argument, comment, reply)
