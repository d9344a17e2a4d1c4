"""Demo data: one process answered end to end (issue 23), through the real actions.

The Grand Débat process of processes_answered.py is opened by the walker; here its
participation (320 real answers, a quarter of them typed in from paper, proposals, and
a draft plan co-written in concerto/demo/codrafting.py) is closed, analysed, its
synthesis published, each large theme, two proposals and a suggestion on the plan
answered, milestones set (one late), citizens rate the answers, one commitment is kept
and one is late, the follow-up is published and an expert's evaluation report too.
Each step runs "as of" its own day, so dates and lateness tell a coherent story.
"""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from concerto.accounts.models import User
from concerto.analysis import actions as analysis_actions
from concerto.analysis import curation
from concerto.analysis.models import Analysis
from concerto.analysis.sample import load_sample
from concerto.demo import codrafting
from concerto.demo.participation import CITIZENS, key
from concerto.demo.processes import ANSWERED_TITLE
from concerto.demo.walker import on_day
from concerto.evaluation import actions as evaluation
from concerto.evaluation.models.report import OECD_CRITERIA
from concerto.followup import actions as followup
from concerto.followup import closing
from concerto.followup.models import AnswerLevel, AnswerStatus
from concerto.participation.actions import create_module
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from concerto.proposals.actions import submit_proposal, support_proposal

PROPOSALS = [
    ("Une consigne pour les bouteilles en verre",
     "Rendre la consigne obligatoire pour les bouteilles en verre, comme autrefois."),
    ("Des ateliers de réparation dans chaque commune",
     "Financer des repair cafés pour réparer plutôt que jeter."),
    ("Des pistes cyclables entre les villages",
     "Relier les villages voisins par des pistes cyclables sûres."),
]  # fmt: skip
# The answer given to each of the four largest themes: status, answer, reason.
THEME_ANSWERS = [
    ("retained", "Le plan national d'action finance des points de collecte et de réparation "
     "dans chaque intercommunalité à partir de l'an prochain.", ""),
    ("partly-retained", "Les transports du quotidien sont renforcés en zone rurale ; la "
     "gratuité demandée par une partie des contributions n'est pas retenue.", ""),
    ("not-retained", "La taxe proposée sur les emballages n'est pas créée.",
     "Elle relève de la loi de finances et d'un accord européen en cours de négociation."),
    ("out-of-scope", "Ces contributions portent sur l'énergie nucléaire, hors du champ de ce "
     "plan ; elles sont transmises à la Commission nationale du débat public.", ""),
]  # fmt: skip


def _user(email: str) -> User:
    return User.objects.get(email=email)


def load() -> None:
    """Idempotent: acts only while the process is still open, as the walker leaves it."""
    process = Process.objects.filter(title=ANSWERED_TITLE, status=Status.OPEN).first()
    if process is None:
        return
    if not AnswerStatus.objects.exists():  # a flushed test database: seed them as migrating does
        importlib.import_module("concerto.followup.migrations.0002_seed_statuses").seed(apps, None)
    lead, sponsor = process.project_lead, process.sponsor
    referent = _user("referente.ecologie@exemple.gouv.fr")
    citizens = [_user(email) for email in CITIZENS]
    start, end = process.participation_start, process.participation_end
    today = timezone.localdate()
    with on_day((start - today).days - 1, 9):
        questionnaire = create_module(
            process, actor=lead, kind="questionnaire", opens_on=start, closes_on=end,
            title="Que faites-vous pour l'environnement ?", results_public=True,
        )  # fmt: skip
        ideas = create_module(process, actor=lead, kind="proposals", opens_on=start,
                              closes_on=end, title="Vos propositions")  # fmt: skip
        codrafting.prepare(process, lead)
    with on_day((start - today).days + 10, 14):
        load_sample(questionnaire, entered_by=lead)
        proposals = [
            submit_proposal(ideas, author=citizens[index], title=title, body=body,
                            idempotency_key=key(process.pk, "answered", index))[0]
            for index, (title, body) in enumerate(PROPOSALS)
        ]  # fmt: skip
        for supporter in citizens:
            if supporter != proposals[0].author:
                support_proposal(proposals[0], user=supporter)
        codrafting.discuss(process, citizens)
    with on_day((end - today).days + 1, 9):
        closing.close_participation(process, actor=referent)
    with on_day((end - today).days + 10, 10):
        synthesis_themes = _analyse(questionnaire, lead)
    with on_day(-50, 11):
        codrafting.answer(process, sponsor)  # published by _answer with the others
        answers = _answer(process, sponsor, synthesis_themes, proposals)
    with on_day(-48, 9):
        _milestones(answers[0], sponsor, today)
        for citizen, value in zip(citizens, ("yes", "partly", "yes", "no", "yes"), strict=True):
            followup.rate_answer(answers[0], user=citizen, value=value)
        followup.rate_answer(answers[-1], user=proposals[0].author, value="yes")
    with on_day(-40, 15):
        closing.publish_follow_up(process, actor=sponsor)
    with on_day(-20, 10):
        _evaluate(process)


def _analyse(module, lead):
    """The analysis as its job runs it, two labels renamed, the synthesis published;
    returns the four largest curated themes."""
    analysis = Analysis.objects.create(module=module, requested_themes=8, created_by=lead)
    analysis_actions.compute_analysis(analysis)
    themes = list(analysis.themes.order_by("-size", "pk")[:4])
    for theme, label in zip(themes, ("Trier, réparer, moins jeter", "Se déplacer autrement"),
                            strict=False):  # fmt: skip
        curation.rename_theme(theme, actor=lead, label=label)
    # Demo data: the review a real publication asks for stands for read.
    analysis_actions.publish_synthesis(analysis, actor=lead, reviewed=True)
    return [theme.__class__.objects.get(pk=theme.pk) for theme in themes]


def _answer(process, sponsor, themes, proposals):
    commitment = process.commitments.order_by("due_date").first()
    answers = []
    for theme, (code, text, reason) in zip(themes, THEME_ANSWERS, strict=True):
        answers.append(followup.save_answer(
            process, actor=sponsor,
            fields={"level": AnswerLevel.THEME, "analysis_theme": theme,
                    "status": AnswerStatus.objects.get(code=code), "text": text,
                    "reason": reason, "commitment": commitment},
        ))  # fmt: skip
    answers.append(followup.save_answer(
        process, actor=sponsor, contributions=[proposals[0]],
        fields={"level": AnswerLevel.PROPOSAL, "status": AnswerStatus.objects.get(code="retained"),
                "text": "La consigne du verre est expérimentée dans quatre régions.",
                "decision_url": "https://www.ecologie.gouv.fr/", "commitment": commitment},
    ))  # fmt: skip
    answers.append(followup.save_answer(
        process, actor=sponsor, contributions=[proposals[1]],
        fields={"level": AnswerLevel.PROPOSAL,
                "status": AnswerStatus.objects.get(code="under-study"),
                "text": "Le financement des ateliers de réparation est à l'étude avec les "
                        "régions.",
                "new_date": timezone.localdate() + timedelta(days=100)},
    ))  # fmt: skip
    followup.publish_answers(process, actor=sponsor)
    return answers


def _milestones(answer, sponsor, today):
    """One step done, one overdue: the public page shows the delay."""
    followup.add_milestone(answer, actor=sponsor, title="Appel à projets publié",
                           due_date=today - timedelta(days=30), progress=100)  # fmt: skip
    followup.add_milestone(answer, actor=sponsor, title="Premiers points de réparation ouverts",
                           due_date=today - timedelta(days=5), progress=40)  # fmt: skip


def _evaluate(process):
    advisor, expert = _user("conseiller.cipc@exemple.gouv.fr"), _user("experte@exemple.gouv.fr")
    evaluation.grant_evaluator(process, actor=advisor, expert=expert)
    judgements = {
        code: {"rating": "met" if index else "partly",
               "text": "Apprécié d'après les indicateurs et le questionnaire aux participants."}
        for index, (code, _label) in enumerate(OECD_CRITERIA)
    }  # fmt: skip
    evaluation.save_report(
        process, actor=expert, expected_revision=None, judgements=judgements,
        summary="Une participation large, des cahiers papier saisis et une réponse à chaque "
        "thème ; la mise en œuvre prend du retard sur un jalon.",
    )  # fmt: skip
    evaluation.publish_report(process, actor=expert)
