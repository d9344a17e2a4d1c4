from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.opendata.views import imports, public

app_name = "opendata"

urlpatterns = [
    path("donnees/", public.index, name="index"),
    path("donnees/fichiers/<str:name>", public.download, name="download"),
    path("donnees/flux/dispositifs.atom", public.NewProcessesFeed(), name="processes_feed"),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/import-plateforme/",
        imports.platform_import,
        name="import",
    ),
]
