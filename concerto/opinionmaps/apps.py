from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionMapsConfig(AppConfig):
    name = "concerto.opinionmaps"
    verbose_name = _("Cartes des opinions")
