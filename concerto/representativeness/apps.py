from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentativenessConfig(AppConfig):
    name = "concerto.representativeness"
    verbose_name = _("Représentativité des participants")
