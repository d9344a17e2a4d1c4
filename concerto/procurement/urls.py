from django.urls import path
from django.views.generic import RedirectView

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.procurement.views import catalogue, orders

app_name = "procurement"

ORDER = "accord-cadre/commandes/<id:pk>/"

urlpatterns = [
    path("accord-cadre/", catalogue.catalogue, name="catalogue"),
    # The public address of the catalogue (PRODUCT.md), kept for bookmarks and links.
    path(
        "marche-public/",
        RedirectView.as_view(pattern_name="procurement:catalogue", permanent=True),
        name="public_address",
    ),
    path("accord-cadre/consommation/", catalogue.consumption, name="consumption"),
    path("accord-cadre/titulaires/<id:holder_id>/commande/", orders.create, name="order_create"),
    path("accord-cadre/commandes/", orders.order_list, name="orders"),
    path("accord-cadre/commandes.csv", orders.export_csv, name="orders_csv"),
    path(
        "accord-cadre/commandes/validation/",
        orders.validate_selection,
        name="orders_validate",
    ),
    path(ORDER, orders.detail, name="order"),
    path(ORDER + "validation-referent/", orders.validate_referent, name="validate_referent"),
    path(ORDER + "validation-cipc/", orders.validate_cipc, name="validate_cipc"),
    path(ORDER + "refus/", orders.refuse, name="refuse"),
    path(ORDER + "annulation/", orders.cancel, name="cancel"),
]
