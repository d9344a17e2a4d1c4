"""Two app servers on one PostgreSQL, as behind the load balancer: a sign-in lockout and
a rate limit reached through one hold on the other.

Real gunicorn processes on loopback, signing in and asking for password resets through
their forms (CSRF included); they share only the database, which is also the cache.
"""

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.factories import PASSWORD, UserFactory
from tests.scaleout.servers import ROOT, app_environment, free_port, postgres_url, stop

DATABASE_CACHE = {
    "default": {"BACKEND": "concerto.cache.DatabaseCache", "LOCATION": "concerto_cache"}
}
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def two_servers(django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database (the CI's second run)")
    tmp_path = tmp_path_factory.mktemp("two-servers")
    with django_db_blocker.unblock(), override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
    env = app_environment(
        tmp_path / "var",
        DATABASE_URL=postgres_url(connection),
        CACHE_URL="",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "emails"),
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        AXES_FAILURE_LIMIT="3",
        RATE_LIMIT_ACCOUNT_EMAILS="2",
    )
    servers, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "concerto.wsgi:application",
                 "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                stderr=open(tmp_path / f"gunicorn-{port}.log", "wb"),  # noqa: SIM115
            ))  # fmt: skip
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for(url, tmp_path / f"gunicorn-{url.rsplit(':', 1)[1]}.log")
        yield urls, tmp_path / "emails"
    finally:
        for server in servers:
            stop(server)


def wait_for(url: str, log: Path) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{url}/connexion/", timeout=30).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{url} did not answer:\n{tail}")
        time.sleep(0.5)


def post_form(session: requests.Session, url: str, data: dict) -> requests.Response:
    page = session.get(url, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return session.post(url, {**data, "csrfmiddlewaretoken": token}, allow_redirects=False,
                        headers={"Referer": url}, timeout=30)  # fmt: skip


def test_a_lockout_reached_on_one_server_holds_on_the_other(two_servers):
    (first, second), _emails = two_servers
    UserFactory(email="someone@exemple.fr")
    guesses = [
        post_form(requests.Session(), f"{server}/connexion/",
                  {"username": "someone@exemple.fr", "password": "mauvais-mot-de-passe"})
        for server in (first, second, first)
    ]  # fmt: skip
    # The third failure, the limit, locks the account: it counted the second server's.
    assert [guess.status_code for guess in guesses] == [200, 200, 429]
    session = requests.Session()
    right = post_form(session, f"{second}/connexion/",
                      {"username": "someone@exemple.fr", "password": PASSWORD})  # fmt: skip
    assert right.status_code == 429
    assert "sessionid" not in session.cookies


def test_a_rate_limit_counts_the_requests_of_both_servers(two_servers):
    (first, second), emails = two_servers
    UserFactory(email="someone@exemple.fr")
    answers = [
        post_form(requests.Session(), f"{server}/mot-de-passe-oublie/",
                  {"email": "someone@exemple.fr"})
        for server in (first, second, first, second)
    ]  # fmt: skip
    assert [answer.status_code for answer in answers] == [302, 302, 200, 200]
    assert len(list(emails.iterdir())) == 2
