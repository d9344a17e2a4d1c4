from django.urls import path

from concerto.notifications import views

app_name = "notifications"

urlpatterns = [path("<int:pk>/", views.open_notification, name="open")]
