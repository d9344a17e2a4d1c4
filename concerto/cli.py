"""The `concerto` console script: Django's management commands, settings preset.

The engine commands (`sortition`, `opinions`, `textmining`) work on files alone, so
they run their engine's own command line without setting Django up: a panel drawn
from two CSV files answers in about a second, not after the whole platform has
loaded. `opinions import`, which writes into a module, stays a Django command.
"""

import importlib
import os
import sys

ENGINE_COMMANDS = {
    "sortition": "concerto.engines.sortition.cli",
    "opinions": "concerto.engines.opinions.cli",
    "textmining": "concerto.engines.textmining.cli",
}
# Sub-commands of an engine command that need the platform (its database).
PLATFORM_SUBCOMMANDS = {("opinions", "import")}

USAGE = """\
Usage: concerto <command> [options]

Engine commands (files in, results out; no database):
  sortition   select a panel by lot, or verify a published lottery
  opinions    map the opinions of a Polis export ("opinions import" writes a module)
  textmining  analyse contributions in a CSV file

Platform commands (a few of them; `concerto help` lists every one):
  runserver, migrate, load_demo, db_worker, schedule, opendata, privacy,
  backup, restore, createsuperuser

`concerto help <command>` or `concerto <command> --help` describes one command.
"""


def main() -> None:
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return
    command, rest = args[0], args[1:]
    subcommand = rest[0] if rest else ""
    if command in ENGINE_COMMANDS and (command, subcommand) not in PLATFORM_SUBCOMMANDS:
        engine_cli = importlib.import_module(ENGINE_COMMANDS[command])
        sys.exit(engine_cli.main(rest))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["concerto", *args])


if __name__ == "__main__":
    main()
