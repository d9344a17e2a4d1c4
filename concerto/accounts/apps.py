from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "concerto.accounts"
    verbose_name = _("Comptes et organisations")

    def ready(self) -> None:
        from concerto.accounts import scopes  # models are loaded only now

        scopes.connect()
