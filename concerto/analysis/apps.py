from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "concerto.analysis"
    verbose_name = _("Analyse des contributions et synthèse")

    def ready(self):
        # The lifecycle imports the activity log's model: loadable once the registry is.
        from concerto.processes.lifecycle import PROCESS_WORKFLOW, Status

        # A synthesis published once participation is closed: the contributions are analysed.
        PROCESS_WORKFLOW.add("publish_synthesis", {Status.CLOSED}, Status.ANALYSED)
