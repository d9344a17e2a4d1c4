from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "concerto.dashboards"
    verbose_name = _("Tableaux de bord")
