"""Issue 19, finding 1: a staff session opened with the password alone is worth nothing.

A CIPC advisor or an administrator whose session carries no verified second factor (as
Django's or Wagtail's own sign-in pages used to open) gets exactly what a visitor gets,
on every URL of the platform: the matrix's verdict for the anonymous role, with nothing
changed when refused. Django's admin and Wagtail's editor, which the matrix leaves to
their own checks, are walked URL by URL and must refuse. A URL added without a matrix
entry fails tests/authz/test_matrix.py by name, and so is covered here too.
"""

import re
from copy import copy
from uuid import UUID

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.authz.matrix import MATRIX
from tests.authz.probe import ALLOWED, REFUSED, probe
from tests.authz.scenario import ADMIN, ANONYMOUS, CIPC

STAFF_ROLES = (CIPC, ADMIN)
# The platform's sign-in, and the admin's and Wagtail's, which lead to it (test_one_door.py).
SIGN_IN_PAGES = ("/connexion/", "/admin/login/", "/cms/login/")
# Third-party URLs that answer a visitor too, and why that is harmless.
PUBLIC_TO_VISITORS = {
    "admin/logout/": "signs out whoever asks, which a visitor already is",
    "cms/jsi18n/": "Wagtail's JavaScript translations: static text",
    "cms/sprite/": "Wagtail's icon sprite: a static SVG",
}
# What a third-party URL's arguments are replaced with, by converter.
SAMPLES = {"int": 1, "str": "x", "slug": "x", "path": "x", "uuid": UUID(int=1)}


@pytest.fixture(scope="module")
def first_factor_only(world):
    """The world, with its CIPC and administrator clients signed in by password alone."""
    clients = dict(world.clients)
    for role in STAFF_ROLES:
        client = Client()
        client.force_login_first_factor_only(world.users[role])
        clients[role] = client
    password_only = copy(world)
    password_only.clients = clients
    return password_only


def _cases():
    for name, action in sorted(MATRIX.items()):
        for method in action.methods:
            yield pytest.param(name, method, id=f"{name}-{method}")


@pytest.mark.parametrize(("name", "method"), list(_cases()))
def test_a_password_only_staff_session_gets_what_a_visitor_gets(
    first_factor_only, name, method, db
):
    action = MATRIX[name]
    expected = ALLOWED if ANONYMOUS in action.allowed_for(method) else REFUSED
    if action.xfail.get(ANONYMOUS):
        expected = REFUSED if expected == ALLOWED else ALLOWED
    wrong = []
    for role in STAFF_ROLES:
        outcome = probe(first_factor_only, name, action, method, role)
        if outcome.verdict != expected or outcome.changed:
            wrong.append(f"{role}: expected {expected} as for a visitor, got {outcome}")
    assert not wrong, f"{method} {name}:\n  " + "\n  ".join(wrong)


def _third_party_paths(prefixes: tuple[str, ...]) -> dict[str, str]:
    """Every URL under `prefixes` (the admin's, Wagtail's), with sample arguments."""
    paths: dict[str, str] = {}

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + _sample(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + _sample(pattern.pattern)
                if route.startswith(prefixes):
                    paths[route] = pattern.name or route

    walk(get_resolver().url_patterns)
    return paths


def _sample(pattern) -> str:
    """A concrete path for a route or a regex pattern."""
    converters = getattr(pattern, "converters", {})
    text = str(pattern)
    if converters:  # a route: "<int:pk>/edit/"
        for argument, converter in converters.items():
            text = _replace_argument(text, argument, _sample_value(converter))
        return text
    # A regex: drop anchors, give each group a sample.
    text = text.lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    text = re.sub(r"\([^)]*\)", "1", text)
    return text.replace("\\", "")


def _replace_argument(text: str, argument: str, value: str) -> str:
    return re.sub(rf"<(?:\w+:)?{argument}>", value, text)


def _sample_value(converter) -> str:
    """A value the converter accepts: Django's own by kind, else the first sample that
    matches its regex (the platform's bounded ids take "1", its years "2026")."""
    for kind, value in SAMPLES.items():
        if type(converter).__name__.lower().startswith(kind):
            return str(value)
    candidates = [*map(str, SAMPLES.values()), "2026"]
    return next(value for value in candidates if re.fullmatch(converter.regex, value))


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_the_admin_and_the_editor_refuse_a_password_only_staff_session(first_factor_only, role, db):
    paths = _third_party_paths(("admin/", "cms/"))
    assert len(paths) > 100, "the walk found too few of the admin's and Wagtail's URLs"
    client = first_factor_only.clients[role]
    opened = []
    for path, name in sorted(paths.items()):
        response = client.get(f"/{path}")
        location = response.get("Location", "")
        refused = response.status_code in (403, 404, 405) or (
            response.status_code in (301, 302) and location.startswith(SIGN_IN_PAGES)
        )
        if not refused and path not in PUBLIC_TO_VISITORS:
            opened.append(f"/{path} ({name}): {response.status_code} {location}")
        # The session was ended at the first request, and stays so.
        assert SESSION_KEY not in client.session
    assert not opened, "Reached with the password alone:\n  " + "\n  ".join(opened)
