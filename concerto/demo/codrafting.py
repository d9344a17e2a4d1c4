"""Demo co-drafting (issue 26): the draft plan of the answered process, co-written.

The process of processes_answered.py feeds a national action plan; concerto/demo/followup.py
calls these steps on its timeline, while the process is open and then once it is closed
(the devoir de suite answers only then):

- `prepare`, the day before participation opens: the draft (five articles, written for
  the demo) is imported, its last article closed with a reason, and published;
- `discuss`, during participation: citizens propose three rewordings and a new article,
  support them and argue for and against;
- `answer`, with the process's other answers: the sponsor answers the most supported
  suggestion ("retenue avec modifications"); followup.py publishes the answers together.

Everything goes through the named actions, so every invariant holds.
"""

from concerto.codrafting import actions
from concerto.codrafting.models import TextUnit, TextVersion
from concerto.demo.participation import key
from concerto.participation.actions import create_module
from concerto.participation.models import Contribution, Module
from concerto.proposals.actions import argue_proposal, support_proposal

TITLE = "Le projet de plan, article par article"
NAME = "Projet de plan national d'action pour les gestes du quotidien"
DRAFT = """\
## Chapitre Ier - Réparer et moins jeter

### Article 1er

Chaque intercommunalité ouvre au moins un point de réparation accessible au public, où \
bénévoles et professionnels aident chacun à réparer les objets du quotidien.

L'État finance l'ouverture de ces points pendant leurs trois premières années.

### Article 2

Les collectivités organisent la collecte séparée des biodéchets et informent chaque foyer \
des solutions de compostage de proximité.

## Chapitre II - Se déplacer autrement

### Article 3

Les départements établissent, avec les communes, un schéma des itinéraires cyclables \
reliant les bourgs voisins.

### Article 4

Dans les territoires ruraux, un service de transport à la demande est proposé au moins le \
jour du marché.

### Article 5

Le présent plan fait l'objet d'une évaluation publique au terme de sa troisième année.
"""
CLOSED_REASON = (
    "L'évaluation publique du plan est prévue par la loi : son principe n'est pas soumis à "
    "la consultation."
)
# (article label, paragraph rank, author rank in the citizens, new wording, why)
REWORDINGS = [
    ("Article 1er", 2, 0,
     "L'État finance l'ouverture et le fonctionnement de ces points pendant leurs cinq "
     "premières années.",
     "Trois ans ne suffisent pas : les bénévoles s'épuisent si le local et l'animation ne "
     "sont plus payés."),
    ("Article 3", 1, 1,
     "Les départements établissent, avec les communes, un schéma des itinéraires cyclables "
     "sécurisés reliant les bourgs voisins et les gares.",
     "Les familles ne laisseront pas les enfants rouler sur le bord des départementales."),
    ("Article 4", 1, 2,
     "Dans les territoires ruraux, un service de transport à la demande est proposé au moins "
     "trois jours par semaine, dont le jour du marché.",
     "Un seul jour par semaine ne permet pas d'aller chez le médecin ou au travail."),
]  # fmt: skip
NEW_ARTICLE = (
    "Article 2", 3, "Consigne du verre",
    "Une consigne pour le réemploi des bouteilles en verre est mise en place dans chaque "
    "région avant le 1er janvier 2029.",
    "Nos parents rapportaient leurs bouteilles : on peut recommencer.",
)  # fmt: skip
ARGUMENTS = [
    # (suggestion rank, author rank, stance, text)
    (0, 4, "for", "Le point de réparation de ma commune a fermé faute de financement."),
    (0, 3, "against", "Cinq ans de financement, c'est autant de moins pour d'autres mesures."),
    (3, 1, "for", "La consigne réduit les déchets et crée des emplois locaux."),
]
ANSWER = (
    "Le plan financera le fonctionnement des points de réparation, en plus de leur "
    "ouverture, pendant quatre ans."
)
ANSWER_REASON = (
    "Cinq ans dépasseraient la durée du plan ; quatre ans laissent le temps de trouver "
    "d'autres financements avant son évaluation."
)


def _version(process) -> TextVersion:
    return TextVersion.objects.get(module__process=process, module__title=TITLE, number=1)


def _article(version, label: str) -> TextUnit:
    return version.units.get(kind="article", label=label)


def prepare(process, lead) -> Module:
    """The module, its draft imported, the last article closed, version 1 published."""
    module = create_module(
        process, actor=lead, kind="text", title=TITLE, position=3,
        opens_on=process.participation_start, closes_on=process.participation_end,
        description="Proposez une nouvelle rédaction des articles ouverts, ou un nouvel "
        "article ; soutenez et discutez les suggestions des autres.",
    )  # fmt: skip
    version, _reading = actions.import_draft(
        module, actor=lead, data=DRAFT, format="markdown", name=NAME
    )
    last = _article(version, "Article 5")
    for unit in (last, *last.children.all()):
        actions.update_unit(
            unit, actor=lead, heading=unit.heading, text=unit.text, open=False,
            closed_reason=CLOSED_REASON,
        )  # fmt: skip
    actions.publish_version(version, actor=lead)
    return module


def discuss(process, citizens) -> list[Contribution]:
    """The citizens' suggestions, their supports (most for the first) and arguments."""
    version = _version(process)
    suggestions = []
    for rank, (label, paragraph, author, text, why) in enumerate(REWORDINGS):
        unit = _article(version, label).children.order_by("position")[paragraph - 1]
        suggestions.append(actions.suggest_rewording(
            unit, author=citizens[author], text=text, explanation=why,
            idempotency_key=key(process.pk, "text-rewording", rank),
        )[0])  # fmt: skip
    label, author, heading, text, why = NEW_ARTICLE
    suggestions.append(actions.suggest_article(
        _article(version, label), author=citizens[author], heading=heading, text=text,
        explanation=why, idempotency_key=key(process.pk, "text-article"),
    )[0])  # fmt: skip
    for rank, suggestion in enumerate(suggestions):
        for supporter in citizens[: len(citizens) - rank]:
            if supporter != suggestion.author:
                support_proposal(suggestion, user=supporter)
    for rank, (index, author, stance, body) in enumerate(ARGUMENTS):
        argue_proposal(
            suggestions[index], author=citizens[author], stance=stance, body=body,
            idempotency_key=key(process.pk, "text-argument", rank),
        )  # fmt: skip
    return suggestions


def answer(process, sponsor) -> None:
    """The draft answer to the most supported suggestion, published with the others."""
    first = Contribution.objects.get(idempotency_key=key(process.pk, "text-rewording", 0))
    actions.answer_suggestion(
        first, actor=sponsor, decision=actions.Decision.ACCEPTED_WITH_CHANGES, text=ANSWER,
        reason=ANSWER_REASON, idempotency_key=key(process.pk, "text-answer"),
    )  # fmt: skip
