"""The framework contract (accord-cadre) catalogue that CIPC staff maintain."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.folding import french_order

MONEY = {"max_digits": 14, "decimal_places": 2}


class FrameworkContractQuerySet(models.QuerySet):
    def in_force(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class FrameworkContract(models.Model):
    """A framework contract open to every administration, split into lots.

    Ceilings are amounts excluding VAT (HT), as the contract's maxima are.
    """

    reference = models.CharField(_("numéro de marché"), max_length=40, unique=True)
    title = models.CharField(_("intitulé"), max_length=255)
    buyer = models.CharField(_("pouvoir adjudicateur"), max_length=255)
    starts_on = models.DateField(_("début de validité"))
    ends_on = models.DateField(_("fin de validité"))
    ordering_rules = models.TextField(_("règles de commande"), blank=True)
    vat_rate = models.DecimalField(
        _("taux de TVA (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    ministry_annual_ceiling_ht = models.DecimalField(
        _("plafond annuel par ministère (HT)"),
        null=True,
        blank=True,
        help_text=_("Laisser vide si les ministères n'ont pas d'enveloppe annuelle."),
        **MONEY,
    )
    alert_threshold = models.DecimalField(
        _("seuil d'alerte (% du plafond)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80.00"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
    )

    objects = FrameworkContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("accord-cadre")
        verbose_name_plural = _("accords-cadres")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="contract_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def is_in_force(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on <= self.ends_on


class Lot(models.Model):
    contract = models.ForeignKey(
        FrameworkContract,
        on_delete=models.CASCADE,
        related_name="lots",
        verbose_name=_("accord-cadre"),
    )
    number = models.PositiveSmallIntegerField(_("numéro de lot"))
    title = models.CharField(_("intitulé"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    ceiling_ht = models.DecimalField(_("montant maximum du lot (HT)"), **MONEY)

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_lot_number")
        ]

    def __str__(self) -> str:
        return _("Lot %(number)s — %(title)s") % {"number": self.number, "title": self.title}


class Holder(models.Model):
    """A company awarded a lot (titulaire), with the contact who receives orders."""

    lot = models.ForeignKey(
        Lot, on_delete=models.CASCADE, related_name="holders", verbose_name=_("lot")
    )
    name = models.CharField(_("raison sociale"), max_length=255)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    contact_name = models.CharField(_("contact"), max_length=150)
    contact_email = models.EmailField(_("adresse électronique du contact"))
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="holdings",
        verbose_name=_("organisation sur la plateforme"),
        help_text=_(
            "Ses membres prestataires reçoivent les bons de commande sur leur tableau de bord."
        ),
    )

    class Meta:
        verbose_name = _("titulaire")
        verbose_name_plural = _("titulaires")
        ordering = ["lot", *french_order("name")]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """One line of a holder's price schedule (bordereau des prix unitaires)."""

    holder = models.ForeignKey(
        Holder, on_delete=models.CASCADE, related_name="services", verbose_name=_("titulaire")
    )
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("prestation"), max_length=255)
    unit = models.CharField(_("unité"), max_length=60)
    unit_price_ht = models.DecimalField(
        _("prix unitaire (HT)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    active = models.BooleanField(_("commandable"), default=True)

    class Meta:
        verbose_name = _("prestation du bordereau")
        verbose_name_plural = _("bordereau des prix")
        ordering = ["holder", "code"]
        constraints = [
            models.UniqueConstraint(fields=["holder", "code"], name="unique_service_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"
