"""What the co-drafting import commands share: the module to import into, and who imports."""

from django.core.management.base import CommandError

from concerto.accounts.models import User
from concerto.codrafting.kind import TEXT
from concerto.participation.models import Module

ACTOR_HELP = "e-mail of an organiser of the module's process (default: its project lead)"


def text_module_and_actor(options) -> tuple[Module, User]:
    """The co-drafting module `--module` and the organiser `--actor` (by default the
    process's project lead), or a CommandError saying which is missing."""
    try:
        module = Module.objects.select_related("process").get(pk=options["module"], kind=TEXT)
        actor = (
            User.objects.get(email=options["actor"])
            if options["actor"]
            else module.process.project_lead
        )
    except (Module.DoesNotExist, User.DoesNotExist) as error:
        raise CommandError(f"{error} (module {options['module']}, a co-drafting one?)") from error
    if actor is None:
        raise CommandError("The process has no project lead: give --actor.")
    return module, actor
