"""Production refuses to start without its secrets; the embedded setup makes its own keys."""

import os
import stat
import subprocess
import sys

import pytest

START = (
    "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
)
# Everything production must be given (a client secret only with its client id).
PRODUCTION = {
    "SECRET_KEY": "production-secret-" + "k" * 50,
    "PSEUDONYMISATION_KEY": "production-pseudonyms-" + "p" * 50,
    "ALLOWED_HOSTS": "participation.gouv.fr",
    "SITE_URL": "https://participation.gouv.fr",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.participation.gouv.fr",
}
UNSET = [
    *PRODUCTION,
    "DATABASE_URL",
    "PROCONNECT_CLIENT_ID",
    "PROCONNECT_CLIENT_SECRET",
    "FRANCECONNECT_CLIENT_ID",
    "FRANCECONNECT_CLIENT_SECRET",
    "DEMO_IDENTITY_PROVIDERS",
    # Set by the browser tests' conftest for the test process only.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def start(var_dir, **variables) -> subprocess.CompletedProcess:
    """Start Django with the real settings, in a fresh process, with only `variables` set."""
    environment = {name: value for name, value in os.environ.items() if name not in UNSET}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "concerto.settings",
        "CONCERTO_VAR_DIR": str(var_dir),
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", START], env=environment, capture_output=True, text=True
    )


def refusal(done: subprocess.CompletedProcess) -> str:
    assert done.returncode != 0, done.stdout
    assert "ImproperlyConfigured" in done.stderr, done.stderr
    return done.stderr.strip().splitlines()[-1]


DATABASE = {"DATABASE_URL": "postgres://concerto@127.0.0.1:1/concerto"}


def test_production_without_its_settings_refuses_to_start_and_names_them_all(tmp_path):
    message = refusal(start(tmp_path, **DATABASE))

    assert "Concerto refuse de démarrer" in message
    for name in ("SECRET_KEY", "PSEUDONYMISATION_KEY", "ALLOWED_HOSTS", "SITE_URL"):
        assert name in message
    assert "EMAIL_BACKEND" in message
    assert list(tmp_path.iterdir()) == [], "no key is generated for production"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "PSEUDONYMISATION_KEY", "SITE_URL"])
def test_each_missing_setting_alone_is_refused_by_name(tmp_path, missing):
    variables = {name: value for name, value in PRODUCTION.items() if name != missing}

    message = refusal(start(tmp_path, **DATABASE, **variables))

    assert message.endswith(
        f"mais variables d'environnement manquantes : {missing}. "
        "Voir la section « Mise en production » du README."
    )


def test_an_identity_provider_or_smtp_server_needs_its_secret_or_host(tmp_path):
    variables = PRODUCTION | {"PROCONNECT_CLIENT_ID": "concerto", "EMAIL_HOST": ""}

    message = refusal(start(tmp_path, **DATABASE, **variables))

    assert "manquantes : PROCONNECT_CLIENT_SECRET, EMAIL_HOST." in message
    assert "FRANCECONNECT_CLIENT_SECRET" not in message


def test_the_keys_once_published_in_the_repository_are_refused(tmp_path):
    variables = PRODUCTION | {
        "SECRET_KEY": "concerto-local-only-insecure-key-change-me",
        "PSEUDONYMISATION_KEY": "concerto-local-only-pseudonyms",
    }

    message = refusal(start(tmp_path, **DATABASE, **variables))

    assert "valeurs publiques, donc non secrètes : SECRET_KEY, PSEUDONYMISATION_KEY" in message


def test_one_key_for_both_uses_is_refused(tmp_path):
    variables = PRODUCTION | {"PSEUDONYMISATION_KEY": PRODUCTION["SECRET_KEY"]}

    message = refusal(start(tmp_path, **DATABASE, **variables))

    assert "PSEUDONYMISATION_KEY doit différer de SECRET_KEY" in message


def test_the_demos_simulated_identity_providers_are_refused(tmp_path):
    message = refusal(start(tmp_path, **DATABASE, **PRODUCTION, DEMO_IDENTITY_PROVIDERS="1"))

    assert "DEMO_IDENTITY_PROVIDERS active les fournisseurs d'identité simulés" in message


def test_production_with_its_settings_starts(tmp_path):
    done = start(tmp_path, **DATABASE, **PRODUCTION)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == PRODUCTION["SECRET_KEY"]


def test_the_embedded_setup_generates_private_keys_once_and_keeps_them(tmp_path):
    first = start(tmp_path)
    assert first.returncode == 0, first.stderr

    for name in ("secret_key", "pseudonymisation_key"):
        key = tmp_path / name
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert len(key.read_text()) >= 50
    assert first.stdout.strip() == (tmp_path / "secret_key").read_text()
    assert (tmp_path / "secret_key").read_text() != (tmp_path / "pseudonymisation_key").read_text()
    # No temporary file is left behind.
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []

    second = start(tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout


def test_processes_starting_together_agree_on_one_key(tmp_path):
    environment = {name: value for name, value in os.environ.items() if name not in UNSET}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "concerto.settings",
        "CONCERTO_VAR_DIR": str(tmp_path),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", START], env=environment, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    keys = {process.communicate()[0].strip() for process in processes}

    assert all(process.returncode == 0 for process in processes)
    assert keys == {(tmp_path / "secret_key").read_text()}
