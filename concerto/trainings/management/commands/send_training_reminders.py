from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from concerto.trainings.actions import send_reminders


class Command(BaseCommand):
    help = "Remind confirmed participants of training sessions starting within two days."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(_("Rappels envoyés : %(count)s.") % {"count": sent})
