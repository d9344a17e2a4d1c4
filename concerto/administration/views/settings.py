"""The site's settings (the notice at the top of every page, the accessibility status the
footer declares): one row, edited by the platform's administrators like a reference list's
row (views/registers.py), so the activity log and the page's history hold every change
with its reason, and two people never overwrite each other."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from dsfr.models import DsfrConfig

from concerto.accounts.abilities import may_change_site_settings
from concerto.administration.registers import SITE_SETTINGS
from concerto.administration.views.common import breadcrumb
from concerto.administration.views.registers import edit_row
from concerto.pages.context_processors import DEFAULT_SITE_CONFIG


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def site_settings(request):
    if not may_change_site_settings(request.user):
        raise PermissionDenied
    # The data migration creates the row; a database flushed since has none.
    row, _created = DsfrConfig.objects.get_or_create(language="fr", defaults=DEFAULT_SITE_CONFIG)
    crumbs = breadcrumb(str(SITE_SETTINGS.title))
    return edit_row(
        request, SITE_SETTINGS, row, done=reverse("administration:site_settings"), crumbs=crumbs
    )
