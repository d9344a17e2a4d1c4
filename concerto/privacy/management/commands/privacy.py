from django.core.management.base import BaseCommand

from concerto.privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Personal data: `concerto privacy retention` deletes or anonymises what is past its "
        "retention period and records each rule's run (the task worker already runs it daily, "
        "see `concerto schedule`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["retention"])

    def handle(self, *args, **options):
        for rule, count in apply_retention().items():
            self.stdout.write(f"{rule} : {count}")
