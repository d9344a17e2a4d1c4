import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _french(settings):
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache, and every test client shares one address."""
    from django.core.cache import cache

    cache.clear()


def _force_login_with_second_factor(self, user, backend=None):
    """Django's force_login, plus the second factor for the roles that need one: in tests a
    signed-in CIPC advisor or administrator is one who passed both steps, as in real use.
    `force_login_first_factor_only` keeps the bare session, which the platform refuses."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from concerto.identity.signin import requires_second_factor

    _first_factor_only(self, user, backend)
    if requires_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


_first_factor_only = Client.force_login
Client.force_login = _force_login_with_second_factor
Client.force_login_first_factor_only = _first_factor_only
