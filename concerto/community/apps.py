from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "concerto.community"
    verbose_name = _("Communauté des agents")
