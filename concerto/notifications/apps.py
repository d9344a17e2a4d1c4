from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "concerto.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # models are loaded only in ready(); importing mailings registers the scope
        from concerto.notifications import mailings  # noqa: F401 - registers the scope
