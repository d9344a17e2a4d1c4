from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "concerto.proposals"
    verbose_name = _("Propositions et arguments")
