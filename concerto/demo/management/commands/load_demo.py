from django.core.management.base import BaseCommand

from concerto.demo.loading import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        load_demo()
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self.stdout.write(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD}) :")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  - {account.email:<40} {account.role.label}")
