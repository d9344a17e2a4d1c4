from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_migrate
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
        # The site configuration every page shows is kept in the shared cache.
        from dsfr.models import DsfrConfig  # models are loaded only now

        # models are loaded only in ready()
        from concerto.pages.context_processors import site_config_changed

        for signal in (post_save, post_delete):
            signal.connect(site_config_changed, sender=DsfrConfig, dispatch_uid="site-config")
