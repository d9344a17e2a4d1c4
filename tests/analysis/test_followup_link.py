"""A devoir de suite answer references synthesis themes; the synthesis links to it."""

from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from concerto.analysis import actions
from concerto.analysis.models import Analysis, SynthesisTheme, Theme
from concerto.followup import actions as followup
from concerto.followup.models import Answer, AnswerLevel
from tests.followup.conftest import closed_process, status

pytestmark = pytest.mark.django_db


def published_synthesis(closed):
    organiser = closed.process.project_lead
    figures = dict.fromkeys(
        ("copies", "own_repeats", "copies_by_others", "in_campaigns", "campaigns", "offline"), 0
    )
    figures.update(
        contributions=3, contributors=3, offline_percent=0, by_channel=[], unclassified=0
    )
    analysis = Analysis.objects.create(
        module=closed.module,
        created_by=organiser,
        status=Analysis.Status.DONE,
        figures=figures,
        finished_at=timezone.now(),
    )
    Theme.objects.create(analysis=analysis, label="Pistes cyclables", size=3, authors=3)
    return actions.publish_synthesis(analysis, actor=organiser, reviewed=True)


def test_an_answer_to_a_synthesis_theme_is_linked_from_the_synthesis(client):
    closed = closed_process()
    synthesis = published_synthesis(closed)
    theme = synthesis.themes.get()
    answer = followup.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={
            "level": AnswerLevel.THEME,
            "theme": closed.theme,
            "target": "Pistes cyclables",
            "status": status("retained"),
            "text": "Un plan national de pistes cyclables.",
        },
        synthesis_themes=[theme],
    )
    assert list(answer.synthesis_themes.all()) == [theme]
    link = escape(answer.get_absolute_url())
    # A draft answer is not shown; once published, the theme links to it.
    assert link not in client.get(synthesis.get_absolute_url()).content.decode()
    followup.publish_answers(closed.process, actor=closed.sponsor)
    page = client.get(synthesis.get_absolute_url()).content.decode()
    assert f'href="{link}"' in page
    assert "Réponse du porteur : Pistes cyclables" in page


def test_a_theme_of_another_process_is_refused():
    closed = closed_process()
    other = closed_process(title="Concertation sur l'eau")
    foreign = published_synthesis(other).themes.get()
    with pytest.raises(ValidationError):
        followup.save_answer(
            closed.process,
            actor=closed.sponsor,
            fields={
                "level": AnswerLevel.THEME,
                "theme": closed.theme,
                "status": status("retained"),
                "text": "Oui.",
            },
            synthesis_themes=[foreign],
        )
    assert Answer.objects.count() == 0
    assert SynthesisTheme.objects.get().answers.count() == 0
