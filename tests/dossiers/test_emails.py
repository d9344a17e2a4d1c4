"""The e-mail of a suggested source's review (issue 22): to its author, with the subject
of the decision and the dossier's link on the public address (SITE_URL)."""

import pytest
from django.core import mail

from concerto.dossiers import actions
from concerto.testing.emails import assert_email
from tests.dossiers.test_suggestion_review import suggestion_state

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


def test_the_author_of_a_suggestion_learns_the_decision(django_capture_on_commit_callbacks):
    module, organiser, citizen, suggestion, _proposal = suggestion_state()
    for decision, subject in [
        ("declined", "Concerto : Votre suggestion de source n'a pas été retenue"),
        ("accepted", "Concerto : Votre suggestion de source a été retenue"),
    ]:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            actions.review_suggestion(suggestion, actor=organiser, decision=decision)
        [message] = mail.outbox
        assert assert_email(message, to=citizen.email, subject=subject) == [
            module.get_absolute_url()
        ]
