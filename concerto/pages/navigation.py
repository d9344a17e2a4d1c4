"""The main menu, the skip links and the site map: one list for all three."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


MAIN_MENU: tuple[MenuEntry, ...] = (
    MenuEntry(_("Accueil"), "pages:home"),
    MenuEntry(_("Dispositifs"), "processes:public_list"),
    MenuEntry(_("Agenda"), "processes:agenda"),
    MenuEntry(_("Ressources"), "resources:home"),
    MenuEntry(_("Données"), "opendata:index"),
    MenuEntry(_("Chiffres"), "evaluation:figures"),
    # What was done with citizens' contributions and the experts' advice (issue 23).
    MenuEntry(_("Devoir de suite"), "followup:figures"),
    MenuEntry(_("Recommandations"), "expertgroups:public_list"),
    MenuEntry(_("Accompagnement"), "support:offer"),
)

# The footer's own links: what a citizen looks for after taking part.
FOOTER_LINKS: tuple[MenuEntry, ...] = (
    MenuEntry(_("Dispositifs"), "processes:public_list"),
    MenuEntry(_("Devoir de suite"), "followup:figures"),
    MenuEntry(_("Recommandations"), "expertgroups:public_list"),
)

STATUTORY_PAGES: tuple[MenuEntry, ...] = (
    MenuEntry(_("Déclaration d'accessibilité"), "pages:accessibility"),
    MenuEntry(_("Mentions légales"), "pages:legal_notice"),
    MenuEntry(_("Charte de participation"), "pages:charter"),
    MenuEntry(_("Données personnelles"), "pages:personal_data"),
    MenuEntry(_("Plan du site"), "pages:sitemap"),
    MenuEntry(_("Politique de sécurité"), "pages:security"),
)

ACCOUNT_PAGES: tuple[MenuEntry, ...] = (
    MenuEntry(_("Se connecter"), "accounts:login"),
    MenuEntry(_("Créer un compte"), "accounts:signup"),
    MenuEntry(_("Mot de passe oublié"), "accounts:password_reset"),
    MenuEntry(_("Mon espace"), "dashboards:home"),
)


def main_menu(path: str) -> list[dict]:
    """Menu items with the current one marked; the home page matches only itself."""
    items = []
    for entry in MAIN_MENU:
        url = entry.url
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": entry.label, "url": url, "current": current})
    return items
