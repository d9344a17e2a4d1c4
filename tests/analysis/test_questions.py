"""A questionnaire is analysed question by question; providers; follow-up links."""

from html import escape

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.accounts.roles import Role
from concerto.analysis import actions, curation, providers
from concerto.analysis.abilities import analysis_abilities
from concerto.analysis.models import Assignment, Operation, ProviderAccess
from concerto.notifications.models import Notification
from concerto.testing.emails import assert_email
from tests.analysis.questionnaire import CLOSED, OPEN_1, OPEN_2, questionnaire_module
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed():
    module, organiser, first, second = questionnaire_module()
    actions.start_analysis(module, actor=organiser, n_themes=3)
    return module, organiser, first, second, actions.latest_analysis(module)


def test_each_open_question_has_its_own_themes(analysed, client):
    module, organiser, first, second, analysis = analysed
    assert analysis.figures["contributions"] == 80
    assert analysis.figures["contributors"] == 40
    assert analysis.themes.filter(question=first).count() == 3
    assert analysis.themes.filter(question=second).count() == 3
    assert analysis.themes.count() == 6
    # No theme mixes answers to the two questions.
    for theme in analysis.themes.all():
        questions = set(
            Assignment.objects.filter(theme=theme).values_list(
                "contribution__questionnaire_answer__question_id", flat=True
            )
        )
        assert questions == {theme.question_id}
    assert sum(t.size for t in analysis.themes.filter(question=first)) == 40
    assert [q["question"] for q in analysis.closed_questions] == [CLOSED]
    assert analysis.closed_questions[0]["rows"][0] == {"choice": "Oui", "count": 30, "percent": 75}

    synthesis = actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    assert [t.question for t in synthesis.themes.all()] == [OPEN_1] * 3 + [OPEN_2] * 3
    page = client.get(synthesis.get_absolute_url()).content.decode()
    # Questionnaire order: first open question, the closed one, the second open one.
    positions = [page.index(escape(q)) for q in (OPEN_1, CLOSED, OPEN_2)]
    assert positions == sorted(positions)


def test_themes_of_different_questions_are_not_merged(analysed):
    module, organiser, first, second, analysis = analysed
    a = analysis.themes.filter(question=first).first()
    b = analysis.themes.filter(question=second).first()
    with pytest.raises(ValidationError):
        curation.merge_themes(analysis, [a, b], actor=organiser)
    assert analysis.themes.count() == 6
    assert Operation.objects.count() == 0


def test_a_split_theme_keeps_its_question(analysed):
    module, organiser, first, second, analysis = analysed
    theme = analysis.themes.filter(question=second).order_by("-size").first()
    moved = list(theme.assignments.values_list("contribution_id", flat=True)[:2])
    new = curation.move_contributions(analysis, moved, actor=organiser, new_label="À part")
    assert new.question_id == second.pk
    assert new.size == 2


def test_a_designated_provider_reads_and_curates_but_cannot_publish(
    analysed, django_capture_on_commit_callbacks, site_url
):
    module, organiser, first, second, analysis = analysed
    provider = user_with_role(Role.PROVIDER)
    assert analysis_abilities(module, provider)["view"] is False
    with django_capture_on_commit_callbacks(execute=True):
        access = providers.grant_provider(module, actor=organiser, email=provider.email.upper())
        # A second submission keeps the one live access.
        assert providers.grant_provider(module, actor=organiser, email=provider.email) == access
    assert ProviderAccess.objects.count() == 1
    assert Notification.objects.filter(recipient=provider).count() == 1
    [message] = mail.outbox
    assert assert_email(
        message, to=provider.email, subject="Concerto : Accès à l'analyse des contributions"
    ) == [f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/"]
    assert analysis_abilities(module, provider) == {
        "view": True,
        "run": False,
        "curate": True,
        "publish": False,
        "providers": False,
    }
    theme = analysis.themes.first()
    curation.rename_theme(theme, actor=provider, label="Renommé par le prestataire")
    assert Operation.objects.get().actor == provider
    with pytest.raises(PermissionDenied):
        actions.publish_synthesis(analysis, actor=provider, reviewed=True)
    with pytest.raises(PermissionDenied):
        providers.grant_provider(module, actor=provider, email=provider.email)

    providers.revoke_provider(access, actor=organiser)
    access.refresh_from_db()
    assert access.revoked_by == organiser
    assert analysis_abilities(module, provider)["view"] is False
    with pytest.raises(PermissionDenied):
        curation.rename_theme(theme, actor=provider, label="Encore")
    theme.refresh_from_db()
    assert theme.label == "Renommé par le prestataire"


def test_only_provider_accounts_can_be_designated(analysed):
    module, organiser, *_ = analysed
    citizen = user_with_role(Role.CITIZEN)
    with pytest.raises(ValidationError):
        providers.grant_provider(module, actor=organiser, email=citizen.email)
    assert ProviderAccess.objects.count() == 0
