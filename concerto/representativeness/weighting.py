"""Closed-question results of a process's questionnaires, raw and post-stratified.

Per questionnaire module, the participants who sent it are raked (engine `rake`) to
the reference margins of the process's profile questions that have them, using
their profile answers; a skipped profile question (or an answer without a
reference) is left out of that question's step, never imputed. Each single-choice
question is then tallied twice (engine `closed_results`): raw, and weighted with
those weights, each labelled, with the effective sample size (Kish) and the
weights' spread. Raking that cannot reach the margins (a category nobody in the
sample belongs to, contradictory margins...) yields no weighted column, only the
reason. Results are shown for modules with at least k senders; only shares are
shown, never counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from concerto.engines import representativeness as engine
from concerto.questionnaires.kind import QUESTIONNAIRE
from concerto.questionnaires.models import Answer, Question, QuestionKind, Response
from concerto.representativeness.catalogue import catalogue
from concerto.representativeness.models import ProfileResponse, ProfileSettings
from concerto.representativeness.tables import K


@dataclass(frozen=True)
class WeightedRow:
    label: str
    raw_pct: float
    weighted_pct: float | None


@dataclass(frozen=True)
class WeightedQuestion:
    module: str
    text: str
    respondents: int
    effective_n: float | None
    rows: tuple[WeightedRow, ...]


@dataclass(frozen=True)
class ModuleWeights:
    module: str
    senders: int
    margins: tuple[str, ...]  # labels of the profile questions raked to
    converged: bool
    reasons: tuple[str, ...]  # engine reason codes when not converged
    min_weight: float | None
    max_weight: float | None
    effective_n: float | None
    questions: tuple[WeightedQuestion, ...]


def weighted_results(process, *, k: int = K) -> list[ModuleWeights]:
    settings = ProfileSettings.objects.filter(process=process).first()
    known = catalogue()
    margins = [
        known[key] for key in (settings.questions if settings else []) if known[key].compared
    ]
    if not margins:
        return []
    profiles = dict(
        ProfileResponse.objects.filter(process=process).values_list("user_id", "answers")
    )
    out = []
    for module in process.modules.filter(kind=QUESTIONNAIRE).order_by("position", "pk"):
        senders = list(
            Response.objects.filter(module=module, status=Response.Status.SUBMITTED)
            .order_by("pk")
            .values_list("pk", "participant_id")
        )
        if len(senders) < k:
            continue
        out.append(_module(module, senders, profiles, margins))
    return out


def _module(module, senders, profiles, margins) -> ModuleWeights:
    codes = np.full((len(senders), len(margins)), engine.MISSING, dtype=np.int64)
    for row, (_pk, user_id) in enumerate(senders):
        answers = profiles.get(user_id, {})
        for col, question in enumerate(margins):
            compared = [c.code for c in question.compared]
            if answers.get(question.key) in compared:
                codes[row, col] = compared.index(answers[question.key])
    # Profile questions nobody in this sample answered cannot be raked to: left out.
    used = [col for col in range(len(margins)) if np.any(codes[:, col] >= 0)]
    weights = None
    reasons: tuple[str, ...] = ()
    spread = None
    if used:
        targets = [np.array(list(margins[col].shares().values())) for col in used]
        raked = engine.rake(codes[:, used], targets)
        spread = raked.spread
        if raked.converged:
            weights = raked.weights
        else:
            reasons = tuple(sorted({reason.code for reason in raked.reasons}))
    index = {pk: row for row, (pk, _user) in enumerate(senders)}
    questions = []
    for question in Question.objects.filter(module=module, kind=QuestionKind.SINGLE):
        choices = list(question.choices)
        values = np.full(len(senders), engine.MISSING, dtype=np.int64)
        for response_id, value in Answer.objects.filter(
            question=question, response_id__in=index
        ).values_list("response_id", "value"):
            if value in choices:
                values[index[response_id]] = choices.index(value)
        results = engine.closed_results(values, len(choices), weights)
        rows = tuple(
            WeightedRow(
                label,
                round(100 * float(results.raw.shares[i]), 1),
                None
                if results.weighted is None
                else round(100 * float(results.weighted.shares[i]), 1),
            )
            for i, label in enumerate(choices)
        )
        effective = None if results.weighted is None else results.weighted.effective_n
        questions.append(
            WeightedQuestion(
                module.title, question.text, int(results.raw.respondents), effective, rows
            )
        )
    return ModuleWeights(
        module=module.title,
        senders=len(senders),
        margins=tuple(margins[col].label for col in used),
        converged=weights is not None,
        reasons=reasons,
        min_weight=None if weights is None else float(weights.min()),
        max_weight=None if weights is None else float(weights.max()),
        effective_n=None if weights is None or spread is None else spread.ess,
        questions=tuple(questions),
    )
