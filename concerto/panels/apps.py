from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "concerto.panels"
    verbose_name = _("Panels citoyens tirés au sort")
