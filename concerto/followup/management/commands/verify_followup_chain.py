from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from concerto.codrafting.history import verify_text_chains
from concerto.followup.versions import verify_chains


class Command(BaseCommand):
    help = "Recompute the hash chains of published answers, commitments and texts."

    def handle(self, *args, **options):
        checked, tampering = verify_chains()
        if tampering is not None:
            raise CommandError(tampering.message())
        texts, tampering = verify_text_chains()
        if tampering is not None:
            raise CommandError(tampering.message())
        checked += texts
        self.stdout.write(_("Chaîne intègre : %(count)s versions vérifiées.") % {"count": checked})
