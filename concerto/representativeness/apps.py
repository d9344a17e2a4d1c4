from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.generations import renew, renew_on_rows
from concerto.participation.next_steps import register_step
from concerto.participation.profile_questions import set_catalogue
from concerto.participation.read_ahead import register_reads
from concerto.representativeness.catalogue import catalogue


class RepresentativenessConfig(AppConfig):
    name = "concerto.representativeness"
    verbose_name = _("Représentativité des participants")

    def ready(self) -> None:
        # The participant profile asks the catalogue's questions.
        set_catalogue(catalogue)
        from concerto.representativeness.actions import questions_scope, questions_spec  # models

        # models are loaded only in ready()
        from concerto.representativeness.views.common import profile_step

        # Once a contribution is stored, the process's profile questions (once).
        register_step(profile_step)
        register_reads(lambda module, user: [questions_spec(module.process_id)])
        renew_on_rows(
            {"representativeness.ProfileSettings": lambda settings: settings.process_id},
            lambda process_id: renew(questions_scope(process_id)),
            "profile-questions",
        )
