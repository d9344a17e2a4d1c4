from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_tree(sender, **kwargs):
    # Once per migrate or flush, after every app (Wagtail's included) has its tables.
    if sender is list(apps.get_app_configs())[-1]:
        # apps.py loads before the models; this handler runs after ready()
        from concerto.resources.tree import ensure_resource_tree

        ensure_resource_tree()


class ResourcesConfig(AppConfig):
    name = "concerto.resources"
    verbose_name = _("Centre de ressources")

    def ready(self):
        post_migrate.connect(_ensure_tree, dispatch_uid="resources_ensure_tree")
