"""Test settings: the real settings, made fast and strict."""

import os
import tempfile
from pathlib import Path

# The real settings refuse to start without these when DATABASE_URL is set, as the CI
# does for its PostgreSQL run: test values, set before they are read.
for name, value in {
    "SECRET_KEY": "test-secret-key-" + "s" * 50,
    "PSEUDONYMISATION_KEY": "test-pseudonymisation-key-" + "p" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,[::1]",
    "SITE_URL": "http://127.0.0.1:8000",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}.items():
    os.environ.setdefault(name, value)

from concerto.settings import *  # noqa: E402, F403
from concerto.settings import DATABASES, TEMPLATES  # noqa: E402
from concerto.testing.templates import InvalidTemplateVariable  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run eagerly inside the request or action that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Any undefined variable rendered by one of the project's templates fails the test.
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# One cache per test process, cleared before each test (tests/conftest.py); the shared
# caches themselves (database, Redis) are tested across processes in tests/scaleout.
# Bounded like the real ones in practice: locmem's default of 300 entries would cull what
# a test keeps (generation tokens, the site configuration) once it writes many rows.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
# Django's test client signs in without a request, which django-axes refuses;
# tests/security turns it back on to test the lockout itself.
AXES_ENABLED = False

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The test database is a file, not Django's in-memory default: a browser test's live
    # server then opens its own connections, as the web server and the worker do in
    # production, instead of sharing the test thread's one connection (Django warns that
    # two threads using it at once fail at random: one such race left a connection out of
    # autocommit and failed every later browser test). On tmpfs where the machine has one.
    _test_dir = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    DATABASES["default"]["TEST"] = {"NAME": str(_test_dir / f"concerto-test-{os.getpid()}.sqlite3")}
