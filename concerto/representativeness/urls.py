from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.representativeness.views import public, workspace

app_name = "representativeness"

urlpatterns = [
    path("dispositifs/<slug:slug>/mon-profil/", public.answer, name="answer"),
    path("dispositifs/<slug:slug>/representativite/", public.page, name="page"),
    path("dispositifs/<slug:slug>/representativite.csv", public.download, name="download"),
    path("espace/dispositifs/<id:pk>/representativite/", workspace.settings, name="settings"),
    path(
        "espace/dispositifs/<id:pk>/representativite/publication/",
        workspace.publish,
        name="publish",
    ),
]
