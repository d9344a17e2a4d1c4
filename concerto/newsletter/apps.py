from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_archive(sender, **kwargs):
    # After the resource centre's skeleton (connected before this one, same last sender).
    if sender is list(apps.get_app_configs())[-1]:
        # apps.py loads before the models; this handler runs after ready()
        from concerto.newsletter.archive import ensure_archive_page

        ensure_archive_page()


class NewsletterConfig(AppConfig):
    name = "concerto.newsletter"
    verbose_name = _("Lettre d'information du CIPC")

    def ready(self):
        # Registers the "newsletter" campaign kind and unsubscribe scope with the mailing core.
        from concerto.newsletter import mailings  # noqa: F401

        post_migrate.connect(_ensure_archive, dispatch_uid="newsletter_ensure_archive")
