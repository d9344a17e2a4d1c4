import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.accounts.roles import Role
from concerto.privacy.actions import erase_account
from concerto.representativeness import actions
from concerto.representativeness.models import ProfileResponse, ProfileSettings
from tests.factories import user_with_role
from tests.representativeness.conftest import FOUR, citizens


def test_organiser_picks_questions_in_catalogue_order(proposals):
    module, organiser = proposals
    settings = actions.configure_profile(
        module.process, actor=organiser, questions=["region", "age_band"], alert_percent=60
    )
    assert settings.questions == ["age_band", "region"]
    assert settings.alert_percent == 60


def test_a_citizen_cannot_pick_questions_and_nothing_changes(proposals):
    module, _organiser = proposals
    with pytest.raises(PermissionDenied):
        actions.configure_profile(
            module.process, actor=user_with_role(Role.CITIZEN), questions=FOUR, alert_percent=80
        )
    assert not ProfileSettings.objects.exists()


def test_unknown_question_is_refused(proposals):
    module, organiser = proposals
    with pytest.raises(ValidationError):
        actions.configure_profile(
            module.process, actor=organiser, questions=["income"], alert_percent=80
        )
    assert not ProfileSettings.objects.exists()


def test_answers_are_stored_once_skipped_questions_left_out(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    assert actions.needs_profile(module.process, citizen)
    response, created = actions.answer_profile(
        module.process, user=citizen, answers={"age_band": "25_34", "gender": "", "income": "x"}
    )
    assert created and response.answers == {"age_band": "25_34"}
    assert not actions.needs_profile(module.process, citizen)
    again, created = actions.answer_profile(
        module.process, user=citizen, answers={"age_band": "65_plus"}
    )
    assert not created and again.answers == {"age_band": "25_34"}
    assert ProfileResponse.objects.count() == 1


def test_skipping_everything_is_recorded_so_the_person_is_not_asked_again(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    response, _ = actions.answer_profile(module.process, user=citizen, answers={})
    assert response.answers == {}
    assert not actions.needs_profile(module.process, citizen)


def test_an_unknown_category_is_refused_and_nothing_stored(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    with pytest.raises(ValidationError):
        actions.answer_profile(module.process, user=citizen, answers={"age_band": "12"})
    assert not ProfileResponse.objects.exists()


def test_profile_answers_are_erased_with_the_account(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    actions.answer_profile(module.process, user=citizen, answers={"gender": "woman"})
    erase_account(citizen)
    assert not ProfileResponse.objects.filter(user=citizen).exists()


def test_publish_needs_questions_then_toggles(proposals):
    module, organiser = proposals
    with pytest.raises(ValidationError):
        actions.set_published(module.process, actor=organiser, published=True)
    actions.configure_profile(module.process, actor=organiser, questions=FOUR, alert_percent=80)
    settings = actions.set_published(module.process, actor=organiser, published=True)
    assert settings.published_at is not None and settings.published_by == organiser
    with pytest.raises(PermissionDenied):
        actions.set_published(module.process, actor=user_with_role(Role.CITIZEN), published=False)
    settings.refresh_from_db()
    assert settings.published_at is not None


def test_profile_answers_follow_the_profile_retention_rule(settings, configured):
    from datetime import timedelta

    from django.utils import timezone

    from concerto.privacy.retention import purge_participant_profiles

    settings.PRIVACY_RETENTION_DAYS = {
        **settings.PRIVACY_RETENTION_DAYS,
        "participant_profiles": 730,
    }
    module, _organiser = configured
    old, recent = citizens(2)
    stale, _ = actions.answer_profile(module.process, user=old, answers={"gender": "man"})
    ProfileResponse.objects.filter(pk=stale.pk).update(
        answered_at=timezone.now() - timedelta(days=800)
    )
    kept, _ = actions.answer_profile(module.process, user=recent, answers={"gender": "woman"})
    assert purge_participant_profiles(timezone.localdate()) == 1
    assert list(ProfileResponse.objects.values_list("pk", flat=True)) == [kept.pk]
