from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.participation.outcomes import add as add_outcome


class FollowupConfig(AppConfig):
    name = "concerto.followup"
    verbose_name = _("Devoir de suite")

    def ready(self) -> None:
        # models are loaded only in ready()
        from concerto.followup import outcomes, sections, signals

        # The lifecycle imports the activity log's model: loadable once the registry is.
        from concerto.processes.lifecycle import PROCESS_WORKFLOW, Status

        # The registry of the process pages imports the Process model: the same.
        from concerto.processes.sections import add as add_to_process_pages

        signals.connect()
        # The sponsor's answers are public (closing.publish_follow_up), after the
        # participation closed, its contributions analysed or not.
        PROCESS_WORKFLOW.add(
            "publish_follow_up", {Status.CLOSED, Status.ANALYSED}, Status.FOLLOW_UP_PUBLISHED
        )
        # The commitments on a process's page, "late" on the cards of the list.
        add_to_process_pages(sections.COMMITMENTS)
        add_to_process_pages(sections.LATE)
        # Under each of a participant's contributions, the answers published on it.
        add_outcome(outcomes.ANSWERS)
