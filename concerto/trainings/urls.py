from django.urls import path

from concerto.trainings.views import participant, public, trainer

app_name = "trainings"

urlpatterns = [
    path("formations/", public.catalogue, name="catalogue"),
    path("formations/mes-inscriptions/", participant.mine, name="mine"),
    path("formations/sessions/<int:pk>/inscription/", participant.register, name="register"),
    path("formations/sessions/<int:pk>/emargement/", trainer.attendance, name="attendance"),
    path("formations/inscriptions/<int:pk>/annulation/", participant.cancel, name="cancel"),
    path("formations/inscriptions/<int:pk>/questionnaire/", participant.survey, name="survey"),
    path(
        "formations/inscriptions/<int:pk>/attestation.pdf",
        participant.certificate,
        name="certificate",
    ),
    path("formations/<slug:slug>/", public.detail, name="detail"),
]
