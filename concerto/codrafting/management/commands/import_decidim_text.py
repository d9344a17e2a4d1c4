from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from concerto.codrafting.imports import ImportRefused
from concerto.codrafting.imports_decidim import CommentsRefused, import_decidim_text
from concerto.codrafting.management.target import ACTOR_HELP, text_module_and_actor
from concerto.codrafting.messages import decidim_problem_message


class Command(BaseCommand):
    help = (
        "Import a Decidim participatory text into a co-drafting module: "
        "`concerto import_decidim_text --module <id> FILE [--comments FILE] [--name <title>] "
        "[--actor <email>]`, FILE being the component's proposals JSON export. Version 1 is "
        "the text, published; its amendments become suggestions of new wordings; comments "
        "for or against become arguments. Running it again adds nothing; a file with any "
        "problem imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--module", type=int, required=True)
        parser.add_argument("--comments", help="the component's comments JSON export")
        parser.add_argument("--name", default="", help="the text's title (default: the module's)")
        parser.add_argument("--actor", help=ACTOR_HELP)

    def handle(self, *args, **options):
        module, actor = text_module_and_actor(options)
        path = Path(options["file"])
        data = _read(path)
        comments_path = Path(options["comments"]) if options["comments"] else None
        comments = _read(comments_path) if comments_path else None
        try:
            result = import_decidim_text(
                module, actor=actor, data=data, comments=comments, name=options["name"]
            )
        except CommentsRefused as error:
            lines = [decidim_problem_message(problem) for problem in error.problems]
            raise CommandError(
                _("L'export %(name)s n'a pas été importé :") % {"name": comments_path.name}
                + "\n"
                + "\n".join(lines)
            ) from error
        except ImportRefused as error:
            lines = [decidim_problem_message(problem) for problem in error.problems]
            raise CommandError(
                _("L'export %(name)s n'a pas été importé :") % {"name": path.name}
                + "\n"
                + "\n".join(lines)
            ) from error
        except PermissionDenied as error:
            raise CommandError(f"{actor} does not manage module {module.pk}.") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        write = self.stdout.write
        state = "created" if result.version_created else "already there"
        write(f"Version 1: {result.articles} articles ({state})")
        write(f"Suggestions created: {result.suggestions_created}")
        write(f"Arguments created: {result.arguments_created}")
        left_out = ", ".join(f"{why}: {n}" for why, n in sorted(result.left_out.items()))
        write(f"Comments left out: {left_out or 'none'}")
        write(f"Already imported: {result.contributions_existing}")
        write(f"Withdrawn (on Decidim): {result.withdrawn}")
        write(f"Records (supports, sources) created: {result.records_created}")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(
            _("Impossible de lire %(path)s : %(error)s.") % {"path": path, "error": error.strerror}
        ) from error
