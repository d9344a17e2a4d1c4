from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.notifications import views

app_name = "notifications"

urlpatterns = [path("<id:pk>/", views.open_notification, name="open")]
