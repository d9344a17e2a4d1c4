from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "concerto.follows"
    verbose_name = _("Abonnements")

    def ready(self) -> None:
        # models are loaded only in ready(); importing mailings registers its kinds
        from concerto.follows import mailings, signals  # noqa: F401 - mailings registers

        signals.connect()
