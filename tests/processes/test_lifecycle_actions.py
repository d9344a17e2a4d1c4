import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import Transition
from tests.factories import complete_process, walk_to

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.UNDER_REVIEW, Status.OPINION_ISSUED,
                                    Status.PUBLISHED, Status.OPEN])  # fmt: skip
def test_walk_reaches_every_status_with_a_logged_transition(status):
    process = complete_process()
    walk_to(process, status)
    assert process.status == status
    log = list(process.transitions.values_list("action", "to_status"))
    assert log[-1][1] == status
    assert all(t.actor_id for t in Transition.objects.filter(process=process))


def test_submitting_twice_is_refused_and_creates_nothing():
    process = complete_process()
    referent, _ = walk_to(process, Status.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        actions.submit_referral(process, actor=referent)
    assert "a déjà été transmis au CIPC" in error.value.messages[0]
    assert process.versions.count() == 1
    assert process.transitions.count() == 1


def test_participation_cannot_open_before_the_opinion():
    process = complete_process()
    referent, _ = walk_to(process, Status.UNDER_REVIEW)
    with pytest.raises(PermissionDenied):
        actions.open_participation(process, actor=referent)
    process.refresh_from_db()
    assert process.status == Status.UNDER_REVIEW
