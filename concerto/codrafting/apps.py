from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.codrafting.kind import SPEC
from concerto.participation.kinds import register


class CodraftingConfig(AppConfig):
    name = "concerto.codrafting"
    verbose_name = _("Textes à co-construire")

    def ready(self) -> None:
        register(SPEC)
        # models are loaded only in ready()
        from concerto.codrafting import history, signals

        # models are loaded only in ready()
        from concerto.followup.versions import register_chain

        signals.connect()
        # The texts' chain is checked with the follow-up's (verify_followup_chain).
        register_chain(history.verify_text_chains)
