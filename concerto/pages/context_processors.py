from django.utils.translation import gettext as _
from dsfr.models import DsfrConfig

from concerto import generations
from concerto.pagecache import SITE_SCOPE
from concerto.pages.navigation import FOOTER_LINKS, main_menu

# What the site shows when no DsfrConfig row exists (e.g. a freshly flushed test
# database); the data migration creates the same row for real databases.
DEFAULT_SITE_CONFIG = {
    "language": "fr",
    "site_title": "Concerto",
    "site_tagline": "La participation citoyenne au sein de l'État",
    "header_brand": "République française",
    "header_brand_html": "République<br>française",
    "footer_brand": "République française",
    "footer_brand_html": "République<br>française",
    "accessibility_status": "NOT",
}


def site_config_changed(**kwargs) -> None:
    """Heard on every save or deletion of the configuration (pages/apps.py)."""
    generations.renew(SITE_SCOPE)


def _stored_config():
    return DsfrConfig.objects.filter(language="fr").first()


def site_config(request) -> dict:
    """The DSFR site configuration (notice banner, mourning…) editable in the admin, kept
    in the shared cache: every page shows it."""
    config = generations.remembered(SITE_SCOPE, "dsfr-config", _stored_config, 3600)
    return {"SITE_CONFIG": config or DsfrConfig(**DEFAULT_SITE_CONFIG)}


def layout(request) -> dict:
    return {
        "main_menu": main_menu(request.path),
        "footer_links": FOOTER_LINKS,
        "skiplinks": [
            {"link": "#content", "label": _("Contenu")},
            {"link": "#navigation", "label": _("Menu")},
            {"link": "#footer", "label": _("Pied de page")},
        ],
    }


def csp_nonce(request) -> dict:
    """Evaluate the response's CSP nonce before the page renders.

    django-csp's lazy nonce reads as false until something evaluates it, and
    django-dsfr's `{% dsfr_js nonce=request.csp_nonce %}` only tests it: without
    this, DSFR's script tags would go out without their nonce.
    """
    nonce = getattr(request, "csp_nonce", None)
    return {"csp_nonce": str(nonce) if nonce is not None else ""}
