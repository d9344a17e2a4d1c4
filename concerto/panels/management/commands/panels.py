from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from concerto.panels.actions import purge_expired_pools


class Command(BaseCommand):
    help = (
        "Panels: `concerto panels purge` deletes the pool data of panels past their "
        "retention date (aggregates stay)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["purge"])

    def handle(self, *args, **options):
        deleted = purge_expired_pools()
        self.stdout.write(
            ngettext(
                "%(count)s personne du vivier supprimée.",
                "%(count)s personnes du vivier supprimées.",
                deleted,
            )
            % {"count": deleted}
        )
