from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto import folding


class PagesConfig(AppConfig):
    name = "concerto.pages"
    verbose_name = _("Pages du site")

    def ready(self) -> None:
        # The site-wide search folds accents in SQL; SQLite needs the function on each
        # connection it opens.
        folding.register()
