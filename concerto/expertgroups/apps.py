from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertgroupsConfig(AppConfig):
    name = "concerto.expertgroups"
    verbose_name = _("Groupes d'experts")
