from django.core.management.base import BaseCommand

from concerto.pages import catalogue


class Command(BaseCommand):
    help = (
        "Met à jour le catalogue de messages français depuis les sources (--compile : "
        "écrit django.mo, ce que fait make install)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--compile", action="store_true")

    def handle(self, *args, compile=False, **options):
        if compile:
            target = catalogue.compile_catalogue()
            self.stdout.write(f"Catalogue compilé : {target}")
            return
        replaced = catalogue.update()
        for text in replaced:
            self.stdout.write(f"Texte source modifié, formulation reprise de la source : {text}")
        self.stdout.write(f"Catalogue à jour : {catalogue.CATALOGUE}")
