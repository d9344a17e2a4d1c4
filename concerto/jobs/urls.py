from django.urls import path

from concerto.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:job_id>/", views.detail, name="detail"),
    path("<uuid:job_id>/etat/", views.status, name="status"),
]
