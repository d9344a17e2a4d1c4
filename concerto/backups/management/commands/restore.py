from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from concerto.backups.archive import BackupError, restore_database, restore_media


class Command(BaseCommand):
    help = (
        "Restore a backup made by `concerto backup` into the configured database and media "
        "folder: `concerto restore FOLDER --yes` (stop the web server and worker first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--yes", action="store_true", help="confirm overwriting the data")

    def handle(self, *args, source, yes, **options):
        if not yes:
            raise CommandError("Restoring replaces the current data: add --yes to confirm.")
        connections.close_all()
        try:
            restore_database(source, connections["default"].settings_dict)
            restore_media(source, Path(settings.MEDIA_ROOT))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Sauvegarde {source} restaurée.")
