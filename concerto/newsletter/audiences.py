"""Who a subscriber is, and so which editions reach them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    AGENTS = "agents", _("Agents publics")
    REFERENTS = "referents", _("Référents ministériels")
    PUBLIC = "public", _("Grand public")
