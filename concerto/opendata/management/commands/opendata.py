from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from concerto.opendata.imports.actions import import_contributions
from concerto.opendata.imports.parsing import parse_upload
from concerto.opendata.models import ImportRun
from concerto.opendata.publish import publish
from concerto.participation.models import Module


class Command(BaseCommand):
    help = (
        "Open data: `concerto opendata publish` regenerates every dataset (run it from a "
        "schedule, e.g. nightly); `concerto opendata import --module ID --source decidim|"
        "capcollectif --as EMAIL FILE` imports another platform's export into a module."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["publish", "import"])
        parser.add_argument("file", nargs="?")
        parser.add_argument("--module", type=int)
        parser.add_argument("--source", choices=ImportRun.Source.values)
        parser.add_argument("--as", dest="actor", help="e-mail of the organiser importing")
        parser.add_argument("--encoding", default="ISO-8859-1")

    def handle(self, *args, **options):
        if options["action"] == "publish":
            publication = publish()
            total = sum(entry["rows"] for entry in publication.summary.values())
            self.stdout.write(f"Données ouvertes générées : {publication.folder} ({total} lignes).")
            return
        if not (options["file"] and options["module"] and options["source"] and options["actor"]):
            raise CommandError("import needs FILE, --module, --source and --as.")
        module = Module.objects.select_related("process").filter(pk=options["module"]).first()
        if module is None:
            raise CommandError(f"Module {options['module']} inconnu.")
        actor = get_user_model().objects.filter(email__iexact=options["actor"]).first()
        if actor is None:
            raise CommandError(f"Compte {options['actor']} inconnu.")
        path = Path(options["file"])
        parsed = parse_upload(options["source"], path.read_bytes(), options["encoding"])
        report = import_contributions(module, actor=actor, parsed=parsed, filename=path.name)
        for line in report.lines():
            self.stdout.write(line)
        if report.refused:
            raise CommandError("Import refusé.")
