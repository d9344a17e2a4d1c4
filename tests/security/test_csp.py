"""The Content-Security-Policy refuses inline styles, and no served template needs them;
its exact directives on the site, in Django's admin and in Wagtail's editor."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import concerto
from concerto.accounts.roles import Role
from concerto.content_policy import form_action
from tests.factories import user_with_role
from tests.resources.helpers import sheet

pytestmark = pytest.mark.django_db


def directive(policy: str, name: str) -> list[str]:
    return next(part for part in policy.split(";") if part.split()[0] == name).split()[1:]


@pytest.mark.parametrize("url", ["/", "/ressources/recherche/", "/api/"])
def test_the_style_policy_allows_only_this_sites_stylesheets(client, url):
    response = client.get(url)

    policy = response["Content-Security-Policy"]
    assert directive(policy, "style-src") == ["'self'"]
    assert "unsafe-inline" not in policy


def test_no_page_template_carries_a_style_attribute_or_element():
    """E-mails, PDF templates (under a `pdf` folder, rendered by WeasyPrint, never
    served as HTML) and standalone downloads (under a `download` folder, sent as
    attachments and opened from disk, where no stylesheet of the site can reach them)
    keep their inline styles: they are not under the policy."""
    root = Path(concerto.__file__).parent
    offending = [
        str(path.relative_to(root))
        for path in sorted(root.rglob("templates/**/*.html"))
        if "emails" not in path.parts
        and "pdf" not in path.parts
        and "download" not in path.parts
        and ("style=" in (text := path.read_text()) or "<style" in text)
    ]
    assert offending == []


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "NONCE"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
REDIRECT_POLICY = SITE_POLICY | {"script-src": ["'self'"]}
CMS_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "frame-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def with_nonce_named(policy: dict[str, list[str]]) -> dict[str, list[str]]:
    """The policy with its per-response nonce, if any, written NONCE."""
    return {
        name: ["NONCE" if re.fullmatch(r"'nonce-[A-Za-z0-9+/=]{24}'", v) else v for v in values]
        for name, values in policy.items()
    }


@pytest.mark.parametrize("url", ["/", "/connexion/", "/admin/login/"])
def test_the_site_policy_is_exactly_this(client, url):
    response = client.get(url)

    # A redirect (the admin's sign-in leads to the platform's) renders no script: no nonce.
    expected = SITE_POLICY if response.status_code == 200 else REDIRECT_POLICY
    assert with_nonce_named(policy_of(response)) == expected


def test_the_django_admin_works_under_the_site_policy(client):
    """Its scripts and styles are files: nothing needs relaxing for it."""
    client.force_login(user_with_role(Role.ADMINISTRATOR))

    response = client.get("/admin/")
    assert response.status_code == 200
    assert with_nonce_named(policy_of(response)) == SITE_POLICY
    assert with_nonce_named(policy_of(client.get("/admin/accounts/user/"))) == SITE_POLICY
    assert "Content-Security-Policy" in client.get("/admin/does-not-exist/")


def test_the_wagtail_editor_has_its_own_policy_without_nonce(client):
    """A nonce would switch 'unsafe-inline' off, which Wagtail's inline scripts need."""
    assert policy_of(client.get("/cms/")) == CMS_POLICY  # the redirect to the sign-in page
    client.force_login(user_with_role(Role.CIPC_ADVISOR))

    response = client.get("/cms/")
    assert response.status_code == 200
    assert policy_of(response) == CMS_POLICY
    assert policy_of(client.get("/cms/pages/")) == CMS_POLICY


def test_a_page_preview_in_the_editor_may_be_framed_by_it(client):
    """The preview is rendered by a request of its own through the middleware, which gives
    it the site's policy (frame-ancestors 'none'); the editor's replaces it."""
    the_sheet = sheet()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    preview = f"/cms/pages/{the_sheet.pk}/edit/preview/"
    # Wagtail keeps the previewed form's data in the session, then renders it.
    edited = {
        "title": "Définir la décision en jeu",
        "slug": the_sheet.slug,
        "summary": "Une démarche participative sert une décision.",
        "body": rich_text("<p>Aperçu du brouillon.</p>"),
        "key_points": "",
        "comments": inline_formset([]),
    }
    assert client.post(preview, nested_form_data(edited)).json()["is_valid"]

    response = client.get(preview + "?in_preview_panel=true")

    assert response.status_code == 200
    assert "Aperçu du brouillon." in response.content.decode()
    assert policy_of(response) == CMS_POLICY


def test_forms_may_lead_to_the_identity_providers_offered_and_no_other():
    providers = {
        "proconnect": {
            "discovery_url": "https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration",
            "client_id": "concerto",
        },
        "franceconnect": {
            "discovery_url": "https://oidc.franceconnect.gouv.fr/api/v2/.well-known/openid-configuration",
            "client_id": "",
        },
        "proconnect-bis": {
            "discovery_url": "https://auth.agentconnect.gouv.fr/autre/.well-known/openid-configuration",
            "client_id": "concerto-bis",
        },
    }

    assert form_action(providers) == ["'self'", "https://auth.agentconnect.gouv.fr"]


def test_the_settings_allow_forms_to_the_configured_providers(tmp_path):
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "concerto.settings",
        "CONCERTO_VAR_DIR": str(tmp_path),
        "PROCONNECT_CLIENT_ID": "concerto",
        "PROCONNECT_DISCOVERY_URL": "https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration",
        "FRANCECONNECT_CLIENT_ID": "",
    }
    environment.pop("DATABASE_URL", None)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'], "
        "s.CONTENT_SECURITY_POLICY_CMS['DIRECTIVES']['form-action'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )

    assert done.returncode == 0, done.stderr
    expected = ["'self'", "https://auth.agentconnect.gouv.fr"]
    assert done.stdout.split("\n")[0] == f"{expected} {expected}"
