from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto import pagecache
from concerto.participation.kinds import register
from concerto.participation.read_ahead import register_reads
from concerto.proposals.kind import PROPOSALS, SPEC


class ProposalsConfig(AppConfig):
    name = "concerto.proposals"
    verbose_name = _("Propositions et arguments")

    def ready(self) -> None:
        register(SPEC)
        from concerto.proposals import scopes  # models are loaded only now
        from concerto.proposals.views.public import supports_among  # models: only now

        scopes.connect()
        # A list kept for all signed-in readers shows each of them their supports.
        pagecache.answers_for_members("supports", supports_among)
        # A proposal's form offers its process's themes.
        register_reads(_themes_of_proposals)


def _themes_of_proposals(module, user) -> list:
    from concerto.processes.scopes import themes_spec  # models: only now

    return [themes_spec(module.process_id)] if module.kind == PROPOSALS else []
