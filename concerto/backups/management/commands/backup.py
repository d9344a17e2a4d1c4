from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from concerto.backups.archive import create_backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files: `concerto backup [--to FOLDER]`."

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, default=None)

    def handle(self, *args, to=None, **options):
        from django.conf import settings

        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        target = to or Path(settings.VAR_DIR) / "backups" / f"concerto-{stamp}"
        create_backup(target)
        self.stdout.write(f"Sauvegarde écrite dans {target}")
