"""Loading the demo in a transactional test: the demo's own transactions really commit."""

import pytest

from concerto.accounts.models import User
from concerto.demo.loading import load_demo
from concerto.demo.processes import ADVISOR


@pytest.mark.django_db(transaction=True)
def test_the_demo_history_notifies_dashboards_but_emails_nobody(mailoutbox):
    load_demo()  # commits for real: e-mails would be sent now
    assert mailoutbox == []
    advisor = User.objects.get(email=ADVISOR)
    assert advisor.notifications.exists()
