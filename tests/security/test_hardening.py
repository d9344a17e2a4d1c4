"""Security headers, brute-force protection and the production deploy check."""

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_script_policy_and_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part).split()
    assert script_src[:2] == ["script-src", "'self'"]
    assert script_src[2].startswith("'nonce-") and len(script_src) == 3
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    # DSFR's scripts carry this response's nonce.
    nonce = script_src[2].removeprefix("'nonce-").removesuffix("'")
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_repeated_failed_sign_ins_lock_the_account_for_that_address(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(email="cible@exemple.fr")
    for _ in range(3):
        response = client.post("/connexion/", {"username": user.email, "password": "mauvais"})
        assert SESSION_KEY not in client.session
    # Even the right password is now refused, with a French explanation.
    response = client.post("/connexion/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert SESSION_KEY not in client.session
    # Another account from the same address is not affected.
    other = UserFactory(email="autre@exemple.fr")
    response = client.post("/connexion/", {"username": other.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)


def test_the_production_settings_pass_the_deploy_check(tmp_path):
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "concerto.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "SITE_URL": "https://participation.gouv.fr",
        "ALLOWED_HOSTS": "participation.gouv.fr",
        "CONCERTO_VAR_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)
    # Set by the browser tests' conftest for the test process only.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    done = subprocess.run(
        [sys.executable, "-m", "concerto.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
