import uuid

import pytest
from django.utils import timezone

from concerto.participation.actions import submit_contribution
from concerto.participation.models import Contribution, ContributionKind, ParticipantProfile
from concerto.privacy.actions import erase_account, personal_data
from concerto.privacy.readable import sections
from concerto.proposals.actions import support_proposal
from concerto.questionnaires.actions import submit_response
from tests.factories import UserFactory, open_module
from tests.questionnaires.helpers import bike_questionnaire

pytestmark = pytest.mark.django_db


def _contribute(module, author, body):
    contribution, _ = submit_contribution(
        module,
        author=author,
        kind=ContributionKind.PROPOSAL,
        title="Titre",
        body=body,
        idempotency_key=None,
    )
    return contribution


def test_personal_data_holds_the_account_and_every_row_pointing_to_it():
    citizen = UserFactory(email="claire@exemple.fr", first_name="Claire")
    ParticipantProfile.objects.create(
        user=citizen, answers={"gender": "woman"}, consented_at=timezone.now()
    )
    module, _ = open_module("proposals")
    contribution = _contribute(module, citizen, "Plus de bancs publics.")

    data = personal_data(citizen)

    assert data["compte"]["email"] == "claire@exemple.fr"
    assert "password" not in data["compte"]
    rows = data["donnees_liees"]["participation.contribution/author"]
    assert [(row["id"], row["body"]) for row in rows] == [
        (contribution.pk, "Plus de bancs publics.")
    ]
    assert data["donnees_liees"]["participation.participantprofile/user"][0]["answers"] == {
        "gender": "woman"
    }


def test_personal_data_holds_the_answers_of_ones_questionnaire_responses():
    """Issue 24: the download omitted them (they point to the response, not the person),
    and never holds what others did to one's rows (a support is the supporter's)."""
    module, _organiser, q = bike_questionnaire()
    citizen = UserFactory(email="nina@exemple.fr")
    response, _ = submit_response(
        module, participant=citizen, idempotency_key=uuid.uuid4(),
        answers={q["rides"].pk: "Non", q["safety"].pk: 2, q["ideas"].pk: "Des arceaux."},
    )  # fmt: skip
    proposals, _ = open_module("proposals")
    mine = _contribute(proposals, citizen, "Plus de bancs publics.")
    supporter = UserFactory(email="autre@exemple.fr")
    support_proposal(mine, user=supporter)

    linked = personal_data(citizen)["donnees_liees"]

    answers = linked["questionnaires.response/participant > questionnaires.answer/response"]
    assert sorted((row["question"], row["value"]) for row in answers) == sorted(
        [(q["rides"].pk, "Non"), (q["safety"].pk, 2), (q["ideas"].pk, None)]
    )
    assert {row["response"] for row in answers} == {response.pk}
    assert "autre@exemple.fr" not in str(linked)
    assert not any(label.endswith("proposals.support/proposal") for label in linked)


def test_erasing_keeps_closed_contributions_anonymous_and_withdraws_open_ones_on_request():
    citizen = UserFactory(email="paul@exemple.fr", first_name="Paul", last_name="Martin")
    ParticipantProfile.objects.create(
        user=citizen, answers={"age_band": "25_34"}, consented_at=timezone.now()
    )
    open_mod, _ = open_module("proposals")
    closed_mod, _ = open_module("proposals")
    kept = _contribute(closed_mod, citizen, "Un texte qui restera.")
    withdrawn = _contribute(open_mod, citizen, "Un texte à retirer.")
    closed_mod.closes_on = closed_mod.opens_on
    closed_mod.save()

    done = erase_account(citizen, withdraw_open_contributions=True)

    assert (done["withdrawn"], done["anonymised"]) == (1, 2)
    citizen.refresh_from_db()
    assert citizen.email == f"compte-supprime-{citizen.pk}@concerto.invalid"
    assert (citizen.first_name, citizen.last_name, citizen.is_active) == ("", "", False)
    assert not citizen.has_usable_password()
    assert not ParticipantProfile.objects.filter(user=citizen).exists()
    kept.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (kept.author_id, kept.body, kept.status) == (None, "Un texte qui restera.", "published")
    assert (withdrawn.author_id, withdrawn.body, withdrawn.status) == (None, "", "withdrawn")
    assert Contribution.objects.count() == 2


def test_the_readable_page_names_each_kind_of_row_and_each_value_in_french():
    module, _organiser, q = bike_questionnaire()
    citizen = UserFactory(email="nina@exemple.fr")
    submit_response(
        module, participant=citizen, idempotency_key=uuid.uuid4(),
        answers={q["rides"].pk: "Non", q["safety"].pk: 2, q["ideas"].pk: "Des arceaux."},
    )  # fmt: skip

    found = {section.title: section for section in sections(personal_data(citizen))}

    assert list(found)[0] == "Mon compte"
    assert ("Adresse électronique", "nina@exemple.fr") in found["Mon compte"].rows[0]
    (contribution,) = found["Contributions"].rows
    assert ("Statut", "Publiée") in contribution and ("Texte", "Des arceaux.") in contribution
    assert dict(contribution)["Module"].startswith("n° ")
    answers = [
        title for title in found if title == "Réponses aux questions (réponses au questionnaire)"
    ]
    assert len(answers) == 1 and len(found[answers[0]].rows) == 3


def test_erasing_forgets_follows_preferences_and_bulk_e_mails_to_the_address():
    from concerto.follows.models import Follow, Preferences
    from concerto.mailing.models import Campaign, Delivery

    person, other = UserFactory(email="Ana@Exemple.fr"), UserFactory(email="bo@exemple.fr")
    Follow.objects.create(user=person, target_kind="followup", target_id=0)
    Follow.objects.create(user=other, target_kind="followup", target_id=0)
    Preferences.objects.create(user=person, answer="daily")
    campaign = Campaign.objects.create(key="lettre:1", kind="newsletter")
    Delivery.objects.create(campaign=campaign, address="ana@exemple.fr", status="sent")
    Delivery.objects.create(campaign=campaign, address="bo@exemple.fr")
    erase_account(person)
    assert list(Follow.objects.values_list("user__email", flat=True)) == ["bo@exemple.fr"]
    assert Preferences.objects.count() == 0
    assert list(Delivery.objects.values_list("address", flat=True)) == ["bo@exemple.fr"]
