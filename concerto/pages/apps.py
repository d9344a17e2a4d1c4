from django.apps import AppConfig
from django.db.models.signals import pre_migrate
from django.utils.translation import gettext_lazy as _

from concerto import cache, folding


class PagesConfig(AppConfig):
    name = "concerto.pages"
    verbose_name = _("Pages du site")

    def ready(self) -> None:
        # The site-wide search folds accents in SQL; SQLite needs the function on each
        # connection it opens.
        folding.register()
        # Sent once per application with models (this one has none): the table is
        # created at the first, later calls find it there.
        pre_migrate.connect(cache.create_tables, dispatch_uid="concerto.cache.create_tables")
