from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from concerto.followup.versions import verify_every_chain


class Command(BaseCommand):
    help = "Recompute the hash chains of published answers, commitments and texts."

    def handle(self, *args, **options):
        checked, tampering = verify_every_chain()
        if tampering is not None:
            raise CommandError(tampering.message())
        self.stdout.write(_("Chaîne intègre : %(count)s versions vérifiées.") % {"count": checked})
