"""Live results of a questionnaire's closed questions, from submitted responses only."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from concerto.questionnaires.models import Answer, Question, QuestionKind, Response


@dataclass
class ChoiceResult:
    label: str
    count: int = 0
    percent: float = 0.0
    # Rankings: mean rank (1 is first) and Borda points (last place scores 0).
    average_rank: float | None = None
    points: int = 0


@dataclass
class QuestionResult:
    question: Question
    respondents: int = 0
    rows: list[ChoiceResult] = field(default_factory=list)
    mean: float | None = None

    @property
    def kind(self) -> str:
        return self.question.kind


def tally(question: Question, grouped: Iterable[tuple[Any, int]]) -> QuestionResult:
    """Aggregate one question's answers given as (value, number of responses) pairs.

    Single and multiple choice: count and share of respondents per choice (a
    participant may pick several choices, so shares can add up to more than 100).
    Scale: count per value and mean. Ranking: mean rank per choice, best first,
    and Borda points (n - rank for n choices).
    """
    result = QuestionResult(question=question)
    counts: Counter = Counter()
    rank_sums: Counter = Counter()
    points: Counter = Counter()
    total = 0
    for value, number in grouped:
        if value is None:
            continue
        result.respondents += number
        if question.kind == QuestionKind.MULTIPLE:
            for choice in value:
                counts[choice] += number
        elif question.kind == QuestionKind.RANKING:
            size = len(value)
            for rank, choice in enumerate(value, start=1):
                rank_sums[choice] += rank * number
                points[choice] += (size - rank) * number
        else:
            counts[value] += number
            if question.kind == QuestionKind.SCALE:
                total += value * number
    respondents = result.respondents
    labels = question.scale_values if question.kind == QuestionKind.SCALE else question.choices
    for label in labels:
        row = ChoiceResult(label=str(label), count=counts[label])
        if respondents:
            row.percent = round(100 * row.count / respondents, 1)
            if question.kind == QuestionKind.RANKING:
                row.average_rank = round(rank_sums[label] / respondents, 2)
                row.points = points[label]
        result.rows.append(row)
    if question.kind == QuestionKind.RANKING and respondents:
        result.rows.sort(key=lambda row: row.average_rank)
    if question.kind == QuestionKind.SCALE and respondents:
        result.mean = round(total / respondents, 2)
    return result


def compute_results(module) -> list[QuestionResult]:
    """Results of every closed question of the module, in the questionnaire's order.

    One grouped query: a distinct answer value (a choice, a set of choices, a
    ranking) comes back once with its count, whatever the number of responses.
    """
    questions = [question for question in module.questions.all() if question.is_closed]
    grouped: dict[int, list[tuple[Any, int]]] = {question.pk: [] for question in questions}
    rows = (
        Answer.objects.filter(
            response__module_id=module.pk,
            response__status=Response.Status.SUBMITTED,
            question_id__in=grouped,
        )
        .values_list("question_id", "value")
        .annotate(number=Count("id"))
        .order_by()
    )
    for question_id, value, number in rows:
        grouped[question_id].append((value, number))
    return [tally(question, grouped[question.pk]) for question in questions]
