from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from concerto.codrafting.imports import DEFAULT_FOLDER, ImportRefused, import_republique_numerique
from concerto.codrafting.management.target import ACTOR_HELP, text_module_and_actor


class Command(BaseCommand):
    help = (
        "Import the République numérique 2015 dump into a co-drafting module: "
        "`concerto import_republique_numerique --module <id> [--folder <dir>] "
        "[--actor <email>]`. Version 1 is the government's draft, published; the citizens' "
        "opinions become suggestions of new articles, with their arguments. Running it "
        "again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--module", type=int, required=True)
        parser.add_argument("--folder", default=str(DEFAULT_FOLDER))
        parser.add_argument("--actor", help=ACTOR_HELP)

    def handle(self, *args, **options):
        module, actor = text_module_and_actor(options)
        try:
            result = import_republique_numerique(module, actor=actor, folder=options["folder"])
        except ImportRefused as error:
            raise CommandError(f"The dump in {options['folder']} is unreadable: {error}") from error
        except PermissionDenied as error:
            raise CommandError(f"{actor} does not manage module {module.pk}.") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        write = self.stdout.write
        state = "created" if result.version_created else "already there"
        write(f"Version 1: {result.articles} articles ({state})")
        write(
            f"Suggestions created: {result.suggestions_created} "
            f"({', '.join(f'{k}: {n}' for k, n in sorted(result.by_action.items())) or 'none'})"
        )
        write(f"Arguments created: {result.arguments_created}")
        write(f"Already imported: {result.contributions_existing}")
        write(f"Hidden (trashed on the platform): {result.hidden}")
        write(f"Records (votes, sources) created: {result.records_created}")
        for line in result.rejected:
            write(f"Not imported: {line}")
