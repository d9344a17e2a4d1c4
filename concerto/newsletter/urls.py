from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> converter
from concerto.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("lettre/", views.subscribe, name="subscribe"),
    path("lettre/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("lettre/desabonnement/", views.unsubscribe_request, name="unsubscribe_request"),
    path("cipc/lettre/editions/<id:pk>/essai/", views.test_send, name="test_send"),
]
