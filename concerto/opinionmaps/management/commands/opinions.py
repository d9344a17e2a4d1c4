import sys

from django.core.management.base import BaseCommand

from concerto.engines.opinions import cli


class Command(BaseCommand):
    help = (
        "Map the opinions of a Polis export: `concerto opinions map <polis-export-dir> [--json]` "
        "prints groups, representative and consensus statements, and the ARI against Polis."
    )

    def run_from_argv(self, argv):
        # The engine's own argparse CLI owns the sub-commands and their options.
        sys.exit(cli.main(argv[2:]))
