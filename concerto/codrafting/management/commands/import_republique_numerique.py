from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from concerto.codrafting.kind import TEXT


class Command(BaseCommand):
    help = (
        "Import the République numérique 2015 dump into a co-drafting module: "
        "`concerto import_republique_numerique --module <id> [--folder <dir>] "
        "[--actor <email>]`. Version 1 is the government's draft, published; the citizens' "
        "opinions become suggestions of new articles, with their arguments. Running it "
        "again adds nothing."
    )

    def add_arguments(self, parser):
        from concerto.codrafting.imports import DEFAULT_FOLDER

        parser.add_argument("--module", type=int, required=True)
        parser.add_argument("--folder", default=str(DEFAULT_FOLDER))
        parser.add_argument(
            "--actor",
            help="e-mail of an organiser of the module's process (default: its project lead)",
        )

    def handle(self, *args, **options):
        from concerto.accounts.models import User
        from concerto.codrafting.imports import ImportRefused, import_republique_numerique
        from concerto.participation.models import Module

        try:
            module = Module.objects.select_related("process").get(pk=options["module"], kind=TEXT)
            actor = (
                User.objects.get(email=options["actor"])
                if options["actor"]
                else module.process.project_lead
            )
        except (Module.DoesNotExist, User.DoesNotExist) as error:
            raise CommandError(
                f"{error} (module {options['module']}, a co-drafting one?)"
            ) from error
        if actor is None:
            raise CommandError("The process has no project lead: give --actor.")
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
