"""Behind the load balancer every request comes from its address: each citizen still has
their own rate-limit counter, and a client cannot pick a fresh one by writing its own
X-Forwarded-For."""

import uuid

import pytest
from django.test import override_settings

from concerto.participation.models import Contribution
from tests.factories import UserFactory
from tests.proposals.conftest import transports
from tests.proposals.test_views import module_url, signed_in

pytestmark = pytest.mark.django_db


def post_proposal(client, module, title, forwarded):
    return client.post(
        module_url(module),
        {"title": title, "body": "Texte tapé.", "theme": transports().pk,
         "idempotency_key": str(uuid.uuid4())},
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded,
    )  # fmt: skip


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_one_citizens_posts_do_not_limit_anothers_behind_the_proxy(client, module, settings):
    settings.PARTICIPATION_RATE_LIMITS = {
        **settings.PARTICIPATION_RATE_LIMITS,
        "contribute": (1, 600),
    }
    signed_in(client)
    assert post_proposal(client, module, "Première", "198.51.100.1").status_code == 302
    assert post_proposal(client, module, "Deuxième", "198.51.100.1").status_code == 429
    client.logout()
    signed_in(client, UserFactory())
    assert post_proposal(client, module, "Celle d'une autre", "198.51.100.2").status_code == 302
    assert sorted(Contribution.objects.values_list("title", flat=True)) == [
        "Celle d'une autre", "Première"]  # fmt: skip


def test_a_forged_header_does_not_give_a_fresh_counter(client, module, settings):
    settings.PARTICIPATION_RATE_LIMITS = {
        **settings.PARTICIPATION_RATE_LIMITS,
        "contribute": (1, 600),
    }
    signed_in(client)
    assert post_proposal(client, module, "Première", "198.51.100.1").status_code == 302
    client.logout()
    signed_in(client, UserFactory())  # a second account, same machine, a new forged address
    assert post_proposal(client, module, "Deuxième", "198.51.100.2").status_code == 429
    assert list(Contribution.objects.values_list("title", flat=True)) == ["Première"]
