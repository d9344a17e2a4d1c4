import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from concerto.participation.actions import (
    correct_contribution,
    submit_contribution,
    withdraw_contribution,
)
from concerto.participation.actions.common import RateLimited
from concerto.participation.models import Contribution
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db


def propose(module, author, key=None, **fields):
    return submit_contribution(
        module, author=author, kind="proposal", title="Des pistes cyclables",
        body=fields.pop("body", "Relier les villages par des pistes."),
        idempotency_key=key or uuid.uuid4(), **fields,
    )  # fmt: skip


def test_the_same_submission_twice_stores_one_contribution():
    module, _ = open_module("proposals")
    author, key = UserFactory(), uuid.uuid4()
    first, created = propose(module, author, key)
    second, created_again = propose(module, author, key)
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert Contribution.objects.count() == 1


def test_nobody_contributes_to_a_closed_module():
    yesterday = timezone.localdate() - timedelta(days=1)
    module, _ = open_module(
        "proposals", opens_on=yesterday - timedelta(days=9), closes_on=yesterday
    )
    with pytest.raises(PermissionDenied):
        propose(module, UserFactory())
    assert Contribution.objects.count() == 0


def test_without_an_account_a_pseudonym_is_needed_where_allowed():
    module, _ = open_module("proposals", allow_pseudonym=True)
    with pytest.raises(ValidationError):
        propose(module, None)
    contribution, _ = propose(module, None, pseudonym="Vélo69")
    assert contribution.author_name == "Vélo69"
    closed_to_anonymous, _ = open_module("proposals", process=module.process)
    with pytest.raises(PermissionDenied):
        propose(closed_to_anonymous, None, pseudonym="Vélo69")


@override_settings(PARTICIPATION_RATE_LIMITS={"contribute": (2, 600), "vote": (5, 600)})
def test_rate_limits_apply_per_person_and_per_address():
    from django.core.cache import cache

    cache.clear()
    module, _ = open_module("proposals")
    author = UserFactory()
    propose(module, author, address="203.0.113.4")
    propose(module, author, address="203.0.113.4")
    with pytest.raises(RateLimited):
        propose(module, author, address="198.51.100.7")
    with pytest.raises(RateLimited):
        propose(module, UserFactory(), address="203.0.113.4")
    assert Contribution.objects.count() == 2


def test_an_author_corrects_and_withdraws_while_the_module_is_open():
    module, _ = open_module("proposals")
    author = UserFactory()
    contribution, _ = propose(module, author)
    correct_contribution(contribution, actor=author, title="Pistes", body="Texte corrigé.")
    contribution.refresh_from_db()
    assert (contribution.title, contribution.body) == ("Pistes", "Texte corrigé.")
    with pytest.raises(PermissionDenied):
        withdraw_contribution(contribution, actor=UserFactory())
    withdraw_contribution(contribution, actor=author)
    contribution.refresh_from_db()
    assert contribution.status == "withdrawn"
    assert Contribution.objects.count() == 1


def test_a_too_long_contribution_is_refused_with_the_stated_limit():
    module, _ = open_module("proposals")
    with pytest.raises(ValidationError) as error:
        propose(module, UserFactory(), body="x" * 20_001)
    assert error.value.message_dict["body"] == [
        "Assurez-vous que cette valeur comporte au plus 20000 caractères (actuellement 20001)."
    ]
