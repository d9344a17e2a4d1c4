"""Closed questions broken down by the consented profile, read through profile.answer()."""

import pytest
from django.utils import timezone

from concerto.analysis.loading import closed_questions
from concerto.participation.models import ParticipantProfile
from concerto.questionnaires.models import Response
from tests.analysis.questionnaire import questionnaire_module

pytestmark = pytest.mark.django_db


def test_profile_answers_are_shown_in_words_and_absent_ones_left_blank():
    module, _organiser, _first, _second = questionnaire_module(respondents=4)
    people = [r.participant for r in Response.objects.filter(module=module).order_by("pk")]
    ParticipantProfile.objects.create(
        user=people[0], answers={"age_band": "65_plus", "gender": "woman"},
        consented_at=timezone.now(),
    )  # fmt: skip
    ParticipantProfile.objects.create(
        user=people[1], answers={"departement": "29"}, consented_at=timezone.now()
    )
    (table,) = closed_questions(module)
    # The first respondent answered "Non"; the second's département is not a breakdown.
    assert table["by_profile"] == {
        "age_band": {"65 ans et plus": {"Oui": 0, "Non": 1}},
        "gender": {"Femme": {"Oui": 0, "Non": 1}},
    }
