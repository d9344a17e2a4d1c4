from django.urls import path

from concerto.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.role_dashboard, name="role"),
]
