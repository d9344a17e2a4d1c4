from concerto.evaluation.models.access import EvaluatorGrant
from concerto.evaluation.models.margins import Dimension, ReferenceMargin
from concerto.evaluation.models.report import AnnualReport, CriterionRating, EvaluationReport
from concerto.evaluation.models.survey import (
    Audience,
    Survey,
    SurveyParticipation,
    SurveyResponse,
)

__all__ = [
    "AnnualReport",
    "Audience",
    "CriterionRating",
    "Dimension",
    "EvaluationReport",
    "EvaluatorGrant",
    "ReferenceMargin",
    "Survey",
    "SurveyParticipation",
    "SurveyResponse",
]
