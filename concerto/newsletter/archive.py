"""The archive page of the newsletter, kept in the resource centre's tree after every
migrate and flush, like the centre's own sections (concerto/resources/tree.py)."""

from django.db import transaction
from django.utils.translation import gettext as _

from concerto.newsletter.models import NewsletterIndexPage
from concerto.resources.models import ResourceHomePage

ARCHIVE_SLUG = "lettre"


@transaction.atomic
def ensure_archive_page():
    archive = NewsletterIndexPage.objects.first()
    if archive is not None:
        return archive
    home = ResourceHomePage.objects.first()
    if home is None:
        return None
    archive = NewsletterIndexPage(
        title=_("Lettre d'information du CIPC"),
        slug=ARCHIVE_SLUG,
        intro=_("Les éditions déjà envoyées de la lettre d'information du CIPC."),
    )
    home.add_child(instance=archive)
    return archive
