from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "concerto.evaluation"
    verbose_name = _("Évaluation des dispositifs")
