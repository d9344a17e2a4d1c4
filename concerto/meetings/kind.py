"""The 'public meetings' module kind, as the participation registry knows it."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import ModuleKindSpec

MEETINGS = "meetings"


def _registrations(module) -> int:
    registration = apps.get_model("meetings", "Registration")
    return registration.objects.filter(meeting__module=module).count()


SPEC = ModuleKindSpec(
    code=MEETINGS,
    label=_("Réunions publiques"),
    namespace="meetings",
    position=40,
    organiser_url="meetings:manage",
    organiser_label=_("Gérer les réunions"),
    participation_counters=(_registrations,),
)
