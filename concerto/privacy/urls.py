from django.urls import path

from concerto.privacy import views

app_name = "privacy"

urlpatterns = [
    path("mon-compte/mes-donnees/", views.my_data, name="my_data"),
    path("mon-compte/mes-donnees/telecharger/", views.download, name="download"),
    path("mon-compte/mes-donnees/consulter/", views.read, name="read"),
    path("mon-compte/nom-public/", views.public_name, name="public_name"),
    path("mon-compte/supprimer/", views.erase, name="erase"),
    path("compte-supprime/", views.erased, name="erased"),
]
