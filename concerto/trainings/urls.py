from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.trainings.views import participant, public, trainer

app_name = "trainings"

urlpatterns = [
    path("formations/", public.catalogue, name="catalogue"),
    path("formations/mes-inscriptions/", participant.mine, name="mine"),
    path("formations/sessions/<id:pk>/inscription/", participant.register, name="register"),
    path("formations/sessions/<id:pk>/emargement/", trainer.attendance, name="attendance"),
    path(
        "formations/sessions/<id:pk>/inscrits.csv",
        trainer.registrations_csv,
        name="registrations_csv",
    ),
    path("formations/inscriptions/<id:pk>/annulation/", participant.cancel, name="cancel"),
    path("formations/inscriptions/<id:pk>/questionnaire/", participant.survey, name="survey"),
    path(
        "formations/inscriptions/<id:pk>/attestation.pdf",
        participant.certificate,
        name="certificate",
    ),
    path("formations/<slug:slug>/", public.detail, name="detail"),
]
