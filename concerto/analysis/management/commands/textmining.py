import sys

from django.core.management.base import BaseCommand

from concerto.engines.textmining import cli


class Command(BaseCommand):
    help = (
        "Analyse contributions in a CSV file: `concerto textmining analyse <file.csv> "
        "--text-column <name> [--author-column <name>] [--themes N] [--json]` prints exact "
        "duplicates, campaigns and themes; --json also gives each row's groups."
    )

    def run_from_argv(self, argv):
        # The engine's own argparse CLI owns the sub-commands and their options.
        sys.exit(cli.main(argv[2:]))
