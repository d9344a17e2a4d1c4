from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from concerto.identity.views.accounts import other_sign_in_door

admin.site.site_header = _("Administration de Concerto")
admin.site.site_title = _("Concerto")
admin.site.index_title = _("Administration de la plateforme")

urlpatterns = [
    # Before the admin's and Wagtail's own sign-in pages, which they replace.
    path("admin/login/", other_sign_in_door, {"default_next": "/admin/"}, name="admin_login"),
    path("cms/login/", other_sign_in_door, {"default_next": "/cms/"}, name="cms_login"),
    path("", include("concerto.pages.urls")),
    path("", include("concerto.identity.accounts_urls")),
    path("tableau-de-bord/", include("concerto.dashboards.urls")),
    path("taches/", include("concerto.jobs.urls")),
    path("notifications/", include("concerto.notifications.urls")),
    path("courriels/", include("concerto.mailing.urls")),
    path("", include("concerto.processes.urls")),
    path("", include("concerto.participation.urls")),
    path("", include("concerto.dossiers.urls")),
    path("", include("concerto.questionnaires.urls")),
    path("", include("concerto.proposals.urls")),
    path("", include("concerto.meetings.urls")),
    path("", include("concerto.panels.urls")),
    path("", include("concerto.opinionmaps.urls")),
    path("", include("concerto.codrafting.urls")),
    path("", include("concerto.followup.urls")),
    path("", include("concerto.follows.urls")),
    path("", include("concerto.identity.urls")),
    path("", include("concerto.analysis.urls")),
    path("", include("concerto.resources.urls")),
    path("", include("concerto.community.urls")),
    path("", include("concerto.trainings.urls")),
    path("", include("concerto.support.urls")),
    path("", include("concerto.procurement.urls")),
    path("", include("concerto.network.urls")),
    path("", include("concerto.evaluation.urls")),
    path("", include("concerto.representativeness.urls")),
    path("", include("concerto.expertgroups.urls")),
    path("", include("concerto.api.urls")),
    path("", include("concerto.opendata.urls")),
    path("", include("concerto.privacy.urls")),
    path("", include("concerto.newsletter.urls")),
    path("", include("concerto.administration.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "concerto.pages.views.permission_denied"
handler404 = "concerto.pages.views.page_not_found"
handler500 = "concerto.pages.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
