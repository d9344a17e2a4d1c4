from django.urls import path

from concerto.follows import views

app_name = "follows"

urlpatterns = [
    path("abonnements/suivre/", views.follow, name="follow"),
    path("mon-compte/abonnements/", views.mine, name="mine"),
    path("mon-compte/notifications/", views.preferences, name="preferences"),
]
