from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "concerto.procurement"
    verbose_name = _("Accord-cadre et bons de commande")
