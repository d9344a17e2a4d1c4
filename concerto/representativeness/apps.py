from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.participation.profile_questions import set_catalogue
from concerto.representativeness.catalogue import catalogue


class RepresentativenessConfig(AppConfig):
    name = "concerto.representativeness"
    verbose_name = _("Représentativité des participants")

    def ready(self) -> None:
        # The participant profile asks the catalogue's questions.
        set_catalogue(catalogue)
