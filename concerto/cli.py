"""The `concerto` console script: Django's management commands, settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["concerto", *sys.argv[1:]])


if __name__ == "__main__":
    main()
