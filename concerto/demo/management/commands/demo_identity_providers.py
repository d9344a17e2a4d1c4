import shlex
import threading

from django.core.management.base import BaseCommand

from concerto.demo.identity import (
    FRANCECONNECT_PORT_OFFSET,
    PROCONNECT_PORT_OFFSET,
    environment,
    providers,
)


class Command(BaseCommand):
    help = (
        "Serve the demo's ProConnect and FranceConnect on loopback (PORT and PORT+1) until "
        "stopped; --print-environment prints the settings that point the platform at them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8101)
        parser.add_argument("--print-environment", action="store_true")

    def handle(self, *args, port, print_environment, **options):
        if print_environment:
            for name, value in environment(port).items():
                self.stdout.write(f"export {name}={shlex.quote(value)}")
            return
        proconnect, franceconnect = providers()
        proconnect.start(port + PROCONNECT_PORT_OFFSET)
        franceconnect.start(port + FRANCECONNECT_PORT_OFFSET)
        self.stdout.write(
            f"Fournisseurs d'identité de démonstration : ProConnect {proconnect.issuer}, "
            f"FranceConnect {franceconnect.issuer}"
        )
        threading.Event().wait()  # until the process is stopped
