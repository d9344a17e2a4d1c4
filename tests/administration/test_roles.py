"""People and their roles in the administration space (issue 22): every role given or
withdrawn is a named action with its reason in the history; what is refused changes
nothing."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from concerto.accounts import actions
from concerto.accounts.models import Membership, RoleChange, User
from concerto.accounts.roles import Role
from concerto.privacy.models import StaffAccess
from concerto.testing.downloads import csv_rows
from tests.factories import CipcFactory, MinistryFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_an_administrator_gives_and_withdraws_a_role_with_its_reason():
    admin = user_with_role(Role.ADMINISTRATOR)
    person = UserFactory(first_name="Hélène", last_name="Durand")
    ministry = MinistryFactory(name="Ministère de la Culture")
    membership = actions.grant_role(
        actor=admin, user=person, organisation=ministry, role=Role.REFERENT,
        reason="Nommée référente le 2 décembre.",
    )  # fmt: skip
    assert person.roles == (Role.REFERENT, Role.CITIZEN)
    actions.revoke_role(actor=admin, membership=membership, reason="A quitté le ministère.")
    assert User.objects.get(pk=person.pk).roles == (Role.CITIZEN,)
    history = list(
        RoleChange.objects.filter(user=person).values_list(
            "kind", "role", "organisation_name", "reason", "actor"
        )
    )
    assert history == [
        ("revoked", "referent", "Ministère de la Culture", "A quitté le ministère.", admin.pk),
        ("granted", "referent", "Ministère de la Culture", "Nommée référente le 2 décembre.",
         admin.pk),
    ]  # fmt: skip


def test_a_refused_grant_changes_nothing():
    admin = user_with_role(Role.ADMINISTRATOR)
    advisor = user_with_role(Role.CIPC_ADVISOR)
    person = UserFactory()
    ministry = MinistryFactory()
    cases = [
        # No reason: told next to the field.
        (admin, ministry, Role.REFERENT, "  ", ValidationError),
        # A role that does not fit the kind of organisation.
        (admin, ministry, Role.CIPC_ADVISOR, "Renfort.", ValidationError),
        # Only an administrator opens the CIPC's role to someone.
        (advisor, CipcFactory(), Role.CIPC_ADVISOR, "Renfort.", PermissionDenied),
        # A citizen has no say at all.
        (UserFactory(), ministry, Role.AGENT, "Moi.", PermissionDenied),
    ]
    for actor, organisation, role, reason, refusal in cases:
        with pytest.raises(refusal):
            actions.grant_role(
                actor=actor, user=person, organisation=organisation, role=role, reason=reason
            )
    assert not Membership.objects.filter(user=person).exists()
    assert not RoleChange.objects.exists()


def test_a_role_given_twice_or_withdrawn_twice_is_told_and_changes_nothing():
    advisor = user_with_role(Role.CIPC_ADVISOR)
    person = UserFactory()
    ministry = MinistryFactory()
    membership = actions.grant_role(
        actor=advisor, user=person, organisation=ministry, role=Role.AGENT, reason="Arrivée."
    )
    with pytest.raises(ValidationError) as error:
        actions.grant_role(
            actor=advisor, user=person, organisation=ministry, role=Role.AGENT, reason="Bis."
        )
    assert error.value.message_dict == {
        "role": ["Cette personne a déjà ce rôle dans cette organisation."]
    }
    actions.revoke_role(actor=advisor, membership=membership, reason="Départ.")
    with pytest.raises(ValidationError) as error:
        actions.revoke_role(actor=advisor, membership=membership, reason="Départ.")
    assert error.value.messages == ["Ce rôle a déjà été retiré."]
    assert RoleChange.objects.count() == 2


def test_an_advisor_may_not_withdraw_an_advisor():
    advisor = user_with_role(Role.CIPC_ADVISOR)
    colleague = user_with_role(Role.CIPC_ADVISOR)
    membership = colleague.memberships.get()
    with pytest.raises(PermissionDenied):
        actions.revoke_role(actor=advisor, membership=membership, reason="Non.")
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_people_are_found_without_accents_or_capitals(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    helene = UserFactory(first_name="Hélène", last_name="Lefèvre", email="h.lefevre@exemple.fr")
    UserFactory(first_name="Paul", last_name="Martin")
    response = client.get(reverse("administration:people"), {"q": "HELENE lefevre"})
    assert list(response.context["page_obj"]) == [helene]
    referent = user_with_role(Role.REFERENT)
    response = client.get(reverse("administration:people"), {"role": "referent"})
    assert list(response.context["page_obj"]) == [referent]


def test_the_space_is_refused_to_everyone_else(client):
    for role in (Role.CITIZEN, Role.AGENT, Role.REFERENT, Role.EXPERT, Role.PROVIDER):
        client.force_login(user_with_role(role))
        assert client.get(reverse("administration:people")).status_code == 403


def test_nobody_gives_themself_a_role_and_closed_or_unconfirmed_accounts_get_none():
    advisor = user_with_role(Role.CIPC_ADVISOR)
    ministry = MinistryFactory()
    unconfirmed = UserFactory(email_verified_at=None)
    closed = UserFactory(is_active=False)
    for person in (advisor, unconfirmed, closed):
        with pytest.raises(ValidationError):
            actions.grant_role(
                actor=advisor, user=person, organisation=ministry, role=Role.REFERENT,
                reason="Renfort.",
            )  # fmt: skip
    assert not Membership.objects.filter(organisation=ministry).exists()
    assert not RoleChange.objects.exists()


def test_the_list_shows_people_with_a_role_and_finds_citizens_by_name(client):
    # Names fixed: a random one could also hold "zoe" (« Zoé Coulon »).
    admin = user_with_role(Role.ADMINISTRATOR, first_name="Alix", last_name="Admin")
    client.force_login(admin)
    citizen = UserFactory(first_name="Zoé", last_name="Citoyenne")
    agent = user_with_role(Role.AGENT, first_name="Paul", last_name="Martin")
    listed = list(client.get(reverse("administration:people")).context["page_obj"])
    assert citizen not in listed and agent in listed and admin in listed
    found = client.get(reverse("administration:people"), {"q": "zoe"}).context["page_obj"]
    assert list(found) == [citizen]


def test_role_and_organisation_filter_one_membership_together(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    culture, sport = MinistryFactory(), MinistryFactory()
    referent_of_culture = user_with_role(Role.REFERENT, culture)
    referent_elsewhere = user_with_role(Role.REFERENT, sport)
    actions.grant_membership(user=referent_elsewhere, organisation=culture, role=Role.AGENT)
    response = client.get(
        reverse("administration:people"), {"role": "referent", "organisation": culture.pk}
    )
    assert list(response.context["page_obj"]) == [referent_of_culture]


def test_an_advisor_is_not_offered_the_advisors_role(client):
    advisor = user_with_role(Role.CIPC_ADVISOR)
    client.force_login(advisor)
    person = UserFactory()
    form = client.get(reverse("administration:person", args=[person.pk])).context["grant_form"]
    assert "cipc_advisor" not in [value for value, _label in form.fields["role"].choices]


def test_the_people_list_sorts_and_its_csv_holds_what_it_shows(client):
    admin = user_with_role(Role.ADMINISTRATOR, first_name="Alix", last_name="Admin")
    client.force_login(admin)
    ministry = MinistryFactory(name="Ministère de la Culture")
    # First by name, last by sign-up and by sign-in: each order tells which sort ran.
    older = user_with_role(Role.REFERENT, ministry, first_name="Marc", last_name="Abel")
    newer = user_with_role(Role.REFERENT, ministry, first_name="Léa", last_name="Zola")
    UserFactory(first_name="Zoé", last_name="Citoyenne", email="zoe@exemple.fr")
    User.objects.filter(pk=older.pk).update(
        date_joined=datetime(2025, 3, 1, 10, tzinfo=UTC), last_login=None
    )
    User.objects.filter(pk=newer.pk).update(
        date_joined=datetime(2026, 2, 1, 10, tzinfo=UTC),
        last_login=datetime(2026, 11, 30, 23, 30, tzinfo=UTC),  # 1 December in Paris
    )
    people = reverse("administration:people")

    def listed(**query):
        return list(client.get(people, {"role": "referent", **query}).context["page_obj"])

    assert listed() == [older, newer]
    assert listed(sort="inscription") == [newer, older]
    assert listed(sort="connexion") == [newer, older]
    query = {"role": "referent", "sort": "inscription"}
    rows = csv_rows(client.get(reverse("administration:people_csv"), query))
    assert rows == [
        ["nom", "adresse_electronique", "roles", "administrateur", "inscrite_le",
         "derniere_connexion"],
        ["Léa Zola", newer.email, "Référent ministériel — Ministère de la Culture", "non",
         "2026-02-01", "2026-12-01"],
        ["Marc Abel", older.email, "Référent ministériel — Ministère de la Culture", "non",
         "2025-03-01", ""],
    ]  # fmt: skip
    access = StaffAccess.objects.get()
    assert (access.actor, access.category, access.subject) == (
        admin, "Personnes et rôles", "role=referent&sort=inscription"
    )  # fmt: skip
    # A citizen is found on the page, never exported: « @ » matches every address.
    assert User.objects.get(email="zoe@exemple.fr") in list(
        client.get(people, {"q": "@"}).context["page_obj"]
    )
    exported = csv_rows(client.get(reverse("administration:people_csv"), {"q": "@"}))
    assert sorted(row[1] for row in exported[1:]) == sorted([admin.email, older.email, newer.email])


def test_a_wrong_filter_shows_its_error_and_no_one(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    user_with_role(Role.REFERENT)
    response = client.get(reverse("administration:people"), {"organisation": "99999999999"})
    assert "organisation" in response.context["form"].errors
    assert list(response.context["page_obj"]) == []
