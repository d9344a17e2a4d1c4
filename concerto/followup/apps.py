from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "concerto.followup"
    verbose_name = _("Devoir de suite")

    def ready(self) -> None:
        # models are loaded only in ready()
        from concerto.followup import signals

        signals.connect()
