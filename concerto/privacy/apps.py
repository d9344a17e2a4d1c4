from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto import staffaccess


class PrivacyConfig(AppConfig):
    name = "concerto.privacy"
    verbose_name = _("Données personnelles")

    def ready(self) -> None:
        from concerto.privacy import audit  # models are loaded only in ready()

        # Every domain's views record staff access through concerto.staffaccess.
        staffaccess.set_recorder(audit.record_staff_access)
