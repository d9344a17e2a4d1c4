from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "concerto.support"
    verbose_name = _("Offre d'accompagnement du CIPC")
