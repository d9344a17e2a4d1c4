import json as jsonlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from concerto.mailing import bounces


class Command(BaseCommand):
    help = (
        "Read bounces and complaints (an mbox file or Maildir folder, or a relay's JSON "
        "webhook payload with --json) and stop sending to those addresses."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="mbox file, Maildir folder, or JSON file ('-': stdin)")
        parser.add_argument("--json", action="store_true", help="the source is a webhook payload")

    def handle(self, source, json, **options):
        if json:
            verdicts = bounces.read_webhook(self._load_json(source))
        else:
            path = Path(source)
            if not path.exists():
                raise CommandError(f"Introuvable : {source}")
            verdicts = list(bounces.read_mailbox(path))
        added = bounces.suppress(verdicts)
        self.stdout.write(
            f"Signalements lus : {len(verdicts)} ; nouvelles adresses exclues : {added}"
        )

    def _load_json(self, source):
        import sys

        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text()
            return jsonlib.loads(text)
        except (OSError, ValueError) as error:
            raise CommandError(f"Fichier JSON illisible : {error}") from error
