from django.urls import path

from concerto.mailing import views

app_name = "mailing"

urlpatterns = [
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences-courriels/<str:token>/", views.preferences, name="preferences"),
]
