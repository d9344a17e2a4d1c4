"""Demo participation: modules and contributions on the demo processes open to citizens.

Proposal texts are short paraphrases in the spirit of the 2019 Grand Débat
National's contributions on ecological transition (open data of the Grand
Débat, Licence Ouverte); they are demo content, not quotations.
"""

import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone

from concerto.accounts.models import User
from concerto.dossiers.actions import add_document
from concerto.meetings.actions import create_meeting, register
from concerto.participation.actions import create_module, submit_contribution
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from concerto.proposals.actions import argue_proposal, submit_proposal, support_proposal
from concerto.questionnaires.actions import add_question

# Demo accounts (see loading.py) who take part.
CITIZENS = [
    "citoyenne@exemple.fr",
    "participant.lyon@exemple.fr",
    "participante.brest@exemple.fr",
    "participant.pau@exemple.fr",
    "participante.lille@exemple.fr",
]
PROPOSALS = [
    ("Aider vraiment les ménages modestes à isoler",
     "Avancer la totalité des aides pour les ménages modestes : ils ne peuvent pas attendre "
     "le remboursement des travaux."),
    ("Un guichet unique près de chez soi",
     "Un seul interlocuteur par intercommunalité, qui suit le dossier du diagnostic jusqu'à "
     "la fin des travaux."),
    ("Former et contrôler les artisans",
     "Renforcer la formation des artisans et contrôler la qualité des chantiers aidés pour "
     "éviter les malfaçons et les fraudes."),
    ("Commencer par les passoires thermiques louées",
     "Obliger les propriétaires bailleurs à rénover les logements classés G avant de pouvoir "
     "augmenter le loyer."),
]  # fmt: skip


def _citizens() -> list[User]:
    return [User.objects.get(email=email) for email in CITIZENS]


def key(*parts) -> uuid.UUID:
    """Stable idempotency keys: loading the demo twice stores nothing twice."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "concerto-demo:" + ":".join(map(str, parts)))


def load_participation() -> None:
    citizens = _citizens()
    for process in Process.objects.filter(status=Status.OPEN).order_by("pk"):
        if process.modules.exists():
            continue
        _populate(process, citizens)


def _populate(process: Process, citizens: list[User]) -> None:
    organiser = process.project_lead
    start, end = process.participation_start, process.participation_end
    dossier = create_module(process, actor=organiser, kind="dossier", opens_on=start,
                            closes_on=end, title="Comprendre les enjeux")  # fmt: skip
    add_document(dossier, actor=organiser, title="Le constat de l'administration",
                 source=process.ministry.name, viewpoint="Administration",
                 body="Les chiffres clés, les dispositifs existants et leurs limites.")  # fmt: skip
    add_document(dossier, actor=organiser, title="Le point de vue des associations d'usagers",
                 source="Collectif d'associations (démonstration)", viewpoint="Associations",
                 contradictory=True,
                 body="Les associations estiment que les aides actuelles ne touchent pas "
                      "ceux qui en ont le plus besoin.")  # fmt: skip
    questionnaire = create_module(process, actor=organiser, kind="questionnaire", opens_on=start,
                                  closes_on=end, title="Questionnaire",
                                  results_public=True)  # fmt: skip
    add_question(questionnaire, actor=organiser, kind="single", required=True,
                 text="Avez-vous déjà engagé des travaux chez vous ?",
                 choices=["Oui", "Non", "Je ne sais pas"])  # fmt: skip
    add_question(questionnaire, actor=organiser, kind="scale", text="Ces démarches sont-elles "
                 "simples ?", scale_min=1, scale_max=5, scale_min_label="Très compliquées",
                 scale_max_label="Très simples")  # fmt: skip
    add_question(questionnaire, actor=organiser, kind="open",
                 text="Qu'est-ce qui vous aiderait le plus ?")  # fmt: skip
    proposals = create_module(process, actor=organiser, kind="proposals", opens_on=start,
                              closes_on=end, title="Vos propositions")  # fmt: skip
    submitted = []
    for index, (title, body) in enumerate(PROPOSALS):
        author = citizens[index % len(citizens)]
        proposal, _ = submit_proposal(
            proposals, author=author, title=title, body=body,
            idempotency_key=key(process.pk, "proposal", index),
        )  # fmt: skip
        submitted.append(proposal)
    for index, proposal in enumerate(submitted):
        for supporter in citizens[: len(citizens) - index]:
            if supporter != proposal.author:
                support_proposal(proposal, user=supporter)
    argue_proposal(submitted[3], author=citizens[1], stance="against",
                   body="Les petits propriétaires n'auront pas les moyens : il faut les aider.",
                   idempotency_key=key(process.pk, "argument", 1))  # fmt: skip
    argue_proposal(submitted[3], author=citizens[2], stance="for",
                   body="Les locataires paient des factures énormes : c'est une priorité.",
                   idempotency_key=key(process.pk, "argument", 2))  # fmt: skip
    submit_contribution(proposals, author=None, kind="proposal", channel="paper",
                        entered_by=organiser, pseudonym="Cahier citoyen de la mairie de Figeac",
                        title="Des permanences en mairie",
                        body="Nous demandons des permanences en mairie pour monter les dossiers.",
                        idempotency_key=key(process.pk, "paper", 1))  # fmt: skip
    meetings = create_module(process, actor=organiser, kind="meetings", opens_on=start,
                             closes_on=end, title="Réunions publiques")  # fmt: skip
    day = timezone.localdate() + timedelta(days=9)
    starts = timezone.make_aware(datetime.combine(day, time(18, 30)))
    meeting = create_meeting(meetings, actor=organiser, title="Réunion publique à Lyon",
                             starts_at=starts, ends_at=starts + timedelta(hours=2),
                             address="Hôtel de ville, 1 place de la Comédie, 69001 Lyon",
                             capacity=80, description="Présentation puis ateliers.")  # fmt: skip
    register(meeting, user=citizens[1])
