"""The e-mails of a support request's steps (issue 22): the requester, the assigned
advisor and the ministry's referents, once each, with the request's link on the public
address (SITE_URL)."""

from datetime import date

import pytest
from django.core import mail

from concerto.accounts.roles import Role
from concerto.support import actions
from concerto.support.models import Formula
from concerto.testing.emails import assert_email, sent
from tests.factories import DirectorateFactory, MinistryFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

TITLE = "Convention citoyenne sur l'eau"


def test_each_step_of_a_request_tells_the_people_concerned_once(
    django_capture_on_commit_callbacks,
):
    ministry = MinistryFactory()
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    referent = user_with_role(Role.REFERENT, organisation=ministry)
    head, advisor = user_with_role(Role.CIPC_ADVISOR), user_with_role(Role.CIPC_ADVISOR)

    def step(action, *args, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    def told(subject, *people):
        addresses = sorted(person.email for person in people)
        assert len(mail.outbox) == len(addresses)
        for message, address in zip(sent(), addresses, strict=True):
            assert assert_email(message, to=address, subject=f"Concerto : {subject}") == [
                f"/accompagnement/demandes/{support_request.pk}/"
            ]

    support_request = step(
        actions.submit_request, actor=agent, ministry=ministry, title=TITLE,
        context="Plan eau 2027.", needs="Choisir la méthode.", calendar="Décision en juin.",
        formula_requested=Formula.END_TO_END,
    )  # fmt: skip
    told(f"Demande d'accompagnement reçue : {TITLE}", agent, referent, head, advisor)
    step(actions.accept_request, support_request, actor=head)
    told(f"Demande d'accompagnement acceptée : {TITLE}", agent, referent)
    step(actions.assign_advisor, support_request, actor=head, advisor=advisor)
    told(f"Conseiller désigné : {TITLE}", agent, referent, advisor)
    step(actions.add_milestone, support_request, actor=advisor, title="Atelier de cadrage",
         due_date=date(2027, 1, 15))  # fmt: skip
    # The advisor acting is not told of their own step.
    told(f"Nouveau jalon : {TITLE}", agent, referent)
    step(actions.close_request, support_request, actor=advisor, summary="Convention lancée.")
    told(f"Accompagnement clôturé : {TITLE}", agent, referent)


def test_a_request_redirected_or_declined_is_told_to_the_requester_and_the_referents(
    django_capture_on_commit_callbacks,
):
    ministry = MinistryFactory()
    # The requester is the ministry's referent: one e-mail to them.
    referent = user_with_role(Role.REFERENT, organisation=ministry)
    head = user_with_role(Role.CIPC_ADVISOR)
    requests = [
        actions.submit_request(
            actor=referent,
            ministry=ministry,
            title=title,
            context="x",
            needs="x",
            calendar="x",
            formula_requested=Formula.END_TO_END,
        )  # fmt: skip
        for title in ("Atelier A", "Atelier B")
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.redirect_to_coaching(requests[0], actor=head, message="Déjà bien cadré.")
        actions.decline_request(requests[1], actor=head, reason="Hors du champ du CIPC.")
    redirected, declined = mail.outbox
    assert assert_email(
        redirected, to=referent.email,
        subject="Concerto : Demande orientée vers le coaching léger : Atelier A",
    ) == [f"/accompagnement/demandes/{requests[0].pk}/"]  # fmt: skip
    assert assert_email(
        declined, to=referent.email,
        subject="Concerto : Demande d'accompagnement déclinée : Atelier B",
    ) == [f"/accompagnement/demandes/{requests[1].pk}/"]  # fmt: skip
