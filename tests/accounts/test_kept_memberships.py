"""Each user's memberships are kept in the shared cache (every signed-in page reads them),
and every change of a role is seen by the next request, on any app server."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from tests.factories import DirectorateFactory, MinistryFactory, user_with_role

pytestmark = pytest.mark.django_db


def fresh_roles(user) -> tuple[str, ...]:
    """The roles a new request would see: a user loaded afresh."""
    return User.objects.get(pk=user.pk).roles


def test_roles_are_read_from_the_cache_once_kept(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # kept once committed
        agent = user_with_role(Role.AGENT)
    assert fresh_roles(agent)[0] == Role.AGENT
    reloaded = User.objects.get(pk=agent.pk)
    with CaptureQueriesContext(connection) as queries:
        assert reloaded.roles[0] == Role.AGENT
    assert len(queries) == 0


def test_a_role_granted_or_revoked_shows_at_the_next_request(django_capture_on_commit_callbacks):
    ministry = MinistryFactory()
    referent = user_with_role(Role.REFERENT, organisation=ministry)
    assert fresh_roles(referent) == (Role.REFERENT, Role.CITIZEN)
    with django_capture_on_commit_callbacks(execute=True):
        referent.memberships.get().delete()
    assert fresh_roles(referent) == (Role.CITIZEN,)
    with django_capture_on_commit_callbacks(execute=True):
        referent.memberships.create(organisation=ministry, role=Role.AGENT)
    assert fresh_roles(referent) == (Role.AGENT, Role.CITIZEN)


def test_a_directorate_moved_to_another_ministry_moves_its_agents(
    django_capture_on_commit_callbacks,
):
    directorate = DirectorateFactory()
    agent = user_with_role(Role.AGENT, organisation=directorate)
    first = directorate.parent
    assert User.objects.get(pk=agent.pk).ministry_ids(Role.AGENT) == {first.pk}
    other = MinistryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        directorate.parent = other
        directorate.save()
    assert User.objects.get(pk=agent.pk).ministry_ids(Role.AGENT) == {other.pk}
