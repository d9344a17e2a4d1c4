"""Test settings: the real settings, made fast and strict."""

from concerto.settings import *  # noqa: F403
from concerto.settings import TEMPLATES
from concerto.testing.templates import InvalidTemplateVariable

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
# Django's test client signs in without a request, which django-axes refuses;
# tests/security turns it back on to test the lockout itself.
AXES_ENABLED = False
