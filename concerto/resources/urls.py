"""The resource centre's public pages (Wagtail, under /ressources/), its own views and
the content editor (/cms/). Wagtail's URL names must stay outside any namespace."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.content_policy import under_cms_policy
from concerto.resources import views
from concerto.resources.editors import with_editor_sync

own_patterns = [
    path("ressources/", wagtail_views.serve, {"path": ""}, name="home"),
    path("ressources/recherche/", views.search, name="search"),
    path("ressources/fiches/<id:pk>.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("ressources/avis/<id:pk>/", views.usefulness, name="usefulness"),
]

urlpatterns = [
    path("", include((own_patterns, "resources"))),
    path(
        "cms/",
        include(
            under_cms_policy(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, with_editor_sync))
        ),
    ),
    path("ressources/documents/", include(wagtaildocs_urls)),
    path("ressources/", include(wagtail_urls)),
]
