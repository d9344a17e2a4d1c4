import sys

from django.core.management.base import BaseCommand

from concerto.engines.sortition import cli


class Command(BaseCommand):
    help = (
        "Select a panel by lot (LEXIMIN or legacy) or verify a published lottery: "
        "`concerto sortition select --categories C.csv --respondents R.csv --k 30 [--json]`, "
        "`concerto sortition verify --lottery L.json --seed S`."
    )

    def run_from_argv(self, argv):
        # The engine's own argparse CLI owns the sub-commands and their options.
        sys.exit(cli.main(argv[2:]))
