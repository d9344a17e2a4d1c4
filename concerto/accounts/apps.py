from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto import pagecache


class AccountsConfig(AppConfig):
    name = "concerto.accounts"
    verbose_name = _("Comptes et organisations")

    def ready(self) -> None:
        # models are loaded only now
        from concerto.accounts import scopes
        from concerto.accounts.abilities import platform_abilities  # models: only now

        scopes.connect()
        # A page kept for signed-in readers is kept for each set of what its header shows.
        pagecache.frame_abilities.set(platform_abilities)
