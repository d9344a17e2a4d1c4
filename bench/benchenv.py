"""The environment a benchmark gives the platform before setting Django up.

With DATABASE_URL set, the settings behave as in production and refuse to start
without its secrets (concerto/settings.py): benchmarks give them throwaway values.
"""

import os

BENCH_SECRETS = {
    "SECRET_KEY": "bench-secret-key-" + "s" * 50,
    "PSEUDONYMISATION_KEY": "bench-pseudonymisation-key-" + "p" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": "http://127.0.0.1",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


def use_bench_database(workdir: str, database_url: str) -> None:
    """Settings for a throwaway database under `workdir`, production secrets included."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "concerto.settings"
    os.environ["CONCERTO_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = database_url
    for name, value in BENCH_SECRETS.items():
        os.environ.setdefault(name, value)
