import re

import pytest
from django.template import Context, Template, engines
from django.test import override_settings

pytestmark = pytest.mark.django_db

STATUTORY = {
    "/": "La participation citoyenne au sein de l'État",
    "/accessibilite/": "Déclaration d'accessibilité",
    "/mentions-legales/": "Mentions légales",
    "/donnees-personnelles/": "Données personnelles",
    "/plan-du-site/": "Plan du site",
}


@pytest.mark.parametrize(("path", "heading"), STATUTORY.items())
def test_public_pages_have_the_dsfr_header_footer_and_their_heading(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert '<p class="fr-header__service-title">Concerto</p>' in html
    tagline = re.search(r'fr-header__service-tagline">\s*(.*?)\s*</p>', html, re.S).group(1)
    assert tagline == "La participation citoyenne au sein de l'État"
    assert "Accessibilité : non conforme" in html
    assert '<html lang="fr"' in html


def test_unknown_address_gets_the_dsfr_404_page(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "<h1>Page non trouvée</h1>" in response.content.decode()


def test_a_server_error_shows_the_dsfr_500_page_without_a_trace(client):
    from concerto.pages.views import server_error

    response = server_error(None)
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Erreur inattendue</h1>" in html and "Traceback" not in html


@override_settings(DEBUG=False)
def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries):
    # The first visit fills the shared cache with the devoir de suite box (two queries)
    # and counts the open processes (three); the page is then kept for visitors.
    with django_assert_max_num_queries(7):
        client.get("/")
    with django_assert_max_num_queries(0):
        client.get("/")


def test_an_undefined_variable_in_a_project_template_fails():
    engine = engines["django"].engine
    template = engine.get_template("jobs/detail.html")
    with pytest.raises(NameError, match="Undefined template variable 'job.label'"):
        template.render(Context({}))


def test_an_undefined_variable_in_a_third_party_template_renders_empty():
    assert Template("[{{ missing }}]").render(Context()) == "[]"


def test_follow_up_and_recommendations_are_in_the_menu_the_footer_and_the_site_map(client):
    """Issue 23: citizens find what was done with their contributions from any page."""
    html = client.get("/").content.decode()
    nav = html[
        html.index('<nav class="fr-nav"') : html.index("</nav>", html.index('<nav class="fr-nav"'))
    ]
    assert '<a class="fr-nav__link" href="/suivi/">Devoir de suite</a>' in nav
    assert '<a class="fr-nav__link" href="/recommandations/">Recommandations</a>' in nav
    footer = html[html.index('<footer class="fr-footer"') :]
    assert '<a class="fr-footer__content-link" href="/suivi/">Devoir de suite</a>' in footer
    assert (
        '<a class="fr-footer__content-link" href="/recommandations/">Recommandations</a>' in footer
    )
    sitemap = client.get("/plan-du-site/").content.decode()
    assert '<a class="fr-link" href="/suivi/">Devoir de suite</a>' in sitemap
    assert '<a class="fr-link" href="/recommandations/">Recommandations</a>' in sitemap
    # The menu marks the page the reader is on.
    assert (
        '<a class="fr-nav__link" href="/suivi/" aria-current="page">Devoir de suite</a>'
        in client.get("/suivi/").content.decode()
    )
