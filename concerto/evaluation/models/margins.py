from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.participation.models.profile import AgeBand, Gender


class Dimension(models.TextChoices):
    """The consented profile answers participants give (see ParticipantProfile)."""

    AGE_BAND = "age_band", _("Tranche d'âge")
    GENDER = "gender", _("Genre")
    DEPARTEMENT = "departement", _("Département")


# Categories with a label; départements are free codes ("29", "2A", "971").
DIMENSION_CATEGORIES: dict[str, list[tuple[str, str]]] = {
    Dimension.AGE_BAND: list(AgeBand.choices),
    Dimension.GENDER: list(Gender.choices),
}


def category_label(dimension: str, category: str) -> str:
    return str(dict(DIMENSION_CATEGORIES.get(dimension, [])).get(category, category))


class ReferenceMargin(models.Model):
    """The share of one category in the concerned population (e.g. census figures)."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="reference_margins"
    )
    dimension = models.CharField(_("critère"), max_length=20, choices=Dimension.choices)
    category = models.CharField(_("catégorie"), max_length=20)
    share = models.DecimalField(
        _("part dans la population (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("marge de référence")
        verbose_name_plural = _("marges de référence")
        ordering = ["dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "dimension", "category"], name="one_margin_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} {self.category}: {self.share} %"
