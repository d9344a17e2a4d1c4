from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "concerto.evaluation"
    verbose_name = _("Évaluation des dispositifs")

    def ready(self):
        # The lifecycle imports the activity log's model: loadable once the registry is.
        from concerto.processes.lifecycle import PROCESS_WORKFLOW, Status

        # The evaluation report published once the follow-up is out.
        PROCESS_WORKFLOW.add("publish_evaluation", {Status.FOLLOW_UP_PUBLISHED}, Status.EVALUATED)
