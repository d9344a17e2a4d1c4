"""Profile answers reused across processes, only with the person's consent."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from concerto.participation.actions import save_profile
from concerto.participation.models import ParticipantProfile
from concerto.privacy.actions import erase_account
from concerto.representativeness import actions
from concerto.representativeness.models import ProfileResponse
from tests.factories import open_module
from tests.representativeness.conftest import citizens

CONSENT = "Enregistrer ces réponses dans mon profil pour les prochains dispositifs"
NOTICE = "Certaines réponses sont pré-remplies à partir de votre profil de participant"


def _other_process(questions):
    module, organiser = open_module("proposals", title="Un autre dispositif")
    actions.configure_profile(
        module.process, actor=organiser, questions=questions, alert_percent=80
    )
    return module.process


def test_nothing_is_pre_filled_without_a_profile_even_after_answering_elsewhere(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    actions.answer_profile(module.process, user=citizen, answers={"gender": "woman"})
    other = _other_process(["gender"])
    assert not ParticipantProfile.objects.filter(user=citizen).exists()
    assert actions.prefill(other, citizen) == {}


def test_the_form_is_pre_filled_from_the_profile_for_the_questions_asked(client, configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    save_profile(citizen, answers={"gender": "woman", "departement": "29", "education": "bac"})
    assert actions.prefill(module.process, citizen) == {"gender": "woman"}
    client.force_login(citizen)
    url = reverse("representativeness:answer", args=[module.process.slug])
    page = client.get(url)
    html = page.content.decode()
    assert NOTICE in html and CONSENT in html
    assert page.context["form"]["gender"].value() == "woman"
    assert page.context["form"]["save_to_profile"].value() in (None, False)
    # The person changes the pre-filled answer and confirms once, without keeping it.
    client.post(url, {"gender": "man", "age_band": "18_24", "suivant": "/"})
    assert ProfileResponse.objects.get(user=citizen).answers == {
        "gender": "man", "age_band": "18_24",
    }  # fmt: skip
    assert ParticipantProfile.objects.get(user=citizen).answers == {
        "gender": "woman", "departement": "29", "education": "bac",
    }  # fmt: skip


def test_no_notice_when_nothing_is_pre_filled(client, configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    save_profile(citizen, answers={"education": "bac"})
    client.force_login(citizen)
    html = client.get(reverse("representativeness:answer", args=[module.process.slug]))
    assert NOTICE not in html.content.decode()


def test_ticking_the_box_merges_the_answers_into_the_profile(client, configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    save_profile(citizen, answers={"gender": "woman", "education": "bac"})
    long_ago = datetime(2025, 1, 1, tzinfo=UTC)
    ParticipantProfile.objects.filter(user=citizen).update(consented_at=long_ago)
    before = timezone.now()
    client.force_login(citizen)
    url = reverse("representativeness:answer", args=[module.process.slug])
    client.post(url, {"age_band": "50_64", "region": "53", "gender": "",
                      "save_to_profile": "on", "suivant": "/"})  # fmt: skip
    assert ProfileResponse.objects.get(user=citizen).answers == {
        "age_band": "50_64", "region": "53",
    }  # fmt: skip
    profile = ParticipantProfile.objects.get(user=citizen)
    # Skipping gender here keeps the profile's answer for the other processes.
    assert profile.answers == {
        "gender": "woman", "education": "bac", "age_band": "50_64", "region": "53",
    }  # fmt: skip
    assert profile.consented_at >= before


def test_ticking_the_box_creates_the_profile_which_the_next_process_reuses(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    actions.answer_profile(
        module.process, user=citizen, answers={"gender": "woman", "commune_type": "rural"},
        save_to_profile=True,
    )  # fmt: skip
    assert ParticipantProfile.objects.get(user=citizen).answers == {
        "gender": "woman", "commune_type": "rural",
    }  # fmt: skip
    other = _other_process(["commune_type", "occupation"])
    assert actions.prefill(other, citizen) == {"commune_type": "rural"}


def test_a_double_submit_stores_once_and_merges_once(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    first, created = actions.answer_profile(
        module.process, user=citizen, answers={"gender": "woman"}, save_to_profile=True
    )
    again, created_again = actions.answer_profile(
        module.process, user=citizen, answers={"gender": "man"}, save_to_profile=True
    )
    assert created and not created_again and again.pk == first.pk
    assert ProfileResponse.objects.filter(user=citizen).count() == 1
    assert ParticipantProfile.objects.get(user=citizen).answers == {"gender": "woman"}


def test_skipping_with_the_box_ticked_keeps_nothing(client, configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    client.force_login(citizen)
    url = reverse("representativeness:answer", args=[module.process.slug])
    client.post(url, {"gender": "woman", "save_to_profile": "on", "skip": "1"})
    assert ProfileResponse.objects.get(user=citizen).answers == {}
    assert not ParticipantProfile.objects.filter(user=citizen).exists()


def test_a_refused_answer_keeps_neither_the_response_nor_the_profile(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    save_profile(citizen, answers={"gender": "woman"})
    with pytest.raises(ValidationError):
        actions.answer_profile(
            module.process, user=citizen, answers={"gender": "man", "age_band": "12"},
            save_to_profile=True,
        )  # fmt: skip
    assert not ProfileResponse.objects.exists()
    assert ParticipantProfile.objects.get(user=citizen).answers == {"gender": "woman"}


def test_erasing_the_account_erases_both_stores(configured):
    module, _organiser = configured
    (citizen,) = citizens(1)
    actions.answer_profile(
        module.process, user=citizen, answers={"gender": "woman"}, save_to_profile=True
    )
    erase_account(citizen)
    assert not ParticipantProfile.objects.filter(user=citizen).exists()
    assert not ProfileResponse.objects.filter(user=citizen).exists()
