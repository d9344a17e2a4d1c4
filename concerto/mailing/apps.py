from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    name = "concerto.mailing"
    verbose_name = _("Envois groupés")
