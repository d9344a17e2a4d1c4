"""The Content-Security-Policy refuses inline styles, and no served template needs them."""

from pathlib import Path

import pytest

import concerto

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
    """E-mails keep their inline styles: they are not served under the policy."""
    root = Path(concerto.__file__).parent
    offending = [
        str(path.relative_to(root))
        for path in sorted(root.rglob("templates/**/*.html"))
        if "emails" not in path.parts
        and ("style=" in (text := path.read_text()) or "<style" in text)
    ]
    assert offending == []
