import argparse
import sys

from django.core.management.base import BaseCommand, CommandError

from concerto.accounts.models import User
from concerto.engines.opinions import cli
from concerto.opinionmaps.actions import import_polis, recompute_map
from concerto.opinionmaps.kind import OPINION_MAP
from concerto.participation.models import Module


class Command(BaseCommand):
    help = (
        "Map the opinions of a Polis export: `concerto opinions map <polis-export-dir> [--json]` "
        "prints groups, representative and consensus statements, and the ARI against Polis; "
        "`concerto opinions import <polis-export-dir> --module <id> --actor <email>` imports "
        "it into an opinion-map module."
    )

    def run_from_argv(self, argv):
        if argv[2:3] == ["import"]:
            sys.exit(self.import_export(argv[3:]))
        # The engine's own argparse CLI owns the other sub-commands and their options.
        sys.exit(cli.main(argv[2:]))

    def import_export(self, args: list[str]) -> int:
        # lazy: the numeric stack loads only when an export is read
        from concerto.engines.opinions import OpinionsError, load_polis_export

        parser = argparse.ArgumentParser(prog="concerto opinions import")
        parser.add_argument("directory")
        parser.add_argument("--module", type=int, required=True)
        parser.add_argument(
            "--actor", required=True, help="e-mail of an organiser of the module's process"
        )
        options = parser.parse_args(args)
        try:
            module = Module.objects.get(pk=options.module, kind=OPINION_MAP)
            actor = User.objects.get(email=options.actor)
            export = load_polis_export(options.directory)
        except (Module.DoesNotExist, User.DoesNotExist, OpinionsError) as error:
            raise CommandError(str(error)) from error
        n_statements, n_votes = import_polis(module, export, actor=actor)
        result = recompute_map(module)
        groups = len(result.data.get("groups", []))
        self.stdout.write(f"{n_statements} statements, {n_votes} votes imported; {groups} groups")
        return 0
