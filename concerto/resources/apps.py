from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "concerto.resources"
    verbose_name = _("Centre de ressources")
