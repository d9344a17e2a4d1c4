# The loopback identity providers, for the pre-hijacking test (test_one_door.py).
from tests.identity.conftest import _loopback_providers, franceconnect  # noqa: F401
