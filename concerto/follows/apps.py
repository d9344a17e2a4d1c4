from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto import pagecache


class FollowsConfig(AppConfig):
    name = "concerto.follows"
    verbose_name = _("Abonnements")

    def ready(self) -> None:
        # models are loaded only in ready(); importing mailings registers its kinds
        from concerto.follows import mailings, signals  # noqa: F401 - mailings registers
        from concerto.follows.templatetags.follows import followed_among  # models: only now

        signals.connect()
        # A page kept for all signed-in readers shows each of them their follow buttons.
        pagecache.answers_for_members("follows", followed_among)
