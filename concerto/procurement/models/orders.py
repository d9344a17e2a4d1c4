"""Orders (bons de commande) placed on the framework contract, and their lifecycle."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role
from concerto.procurement.models.catalogue import MONEY, FrameworkContract, Holder, Lot, Service
from concerto.workflow import TransitionLog


class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", _("À valider par le référent")
    REFERENT_VALIDATED = "referent_validated", _("À valider par le CIPC")
    SENT = "sent", _("Validé et envoyé au titulaire")
    REFUSED = "refused", _("Refusé")
    CANCELLED = "cancelled", _("Annulé")


# Orders whose amount is committed on the contract's ceilings.
COMMITTED_STATUSES = frozenset({OrderStatus.SENT})
# Orders still on their way: shown as pending next to the consumption.
PENDING_STATUSES = frozenset({OrderStatus.SUBMITTED, OrderStatus.REFERENT_VALIDATED})


def _referent_step(user) -> Q:
    return Q(status=OrderStatus.SUBMITTED, ministry_id__in=user.ministry_ids(Role.REFERENT))


CIPC_STEP = Q(status=OrderStatus.REFERENT_VALIDATED)


class OrderQuerySet(models.QuerySet):
    def committed(self):
        return self.filter(status__in=COMMITTED_STATUSES)

    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def visible_to(self, user):
        """Every order for the CIPC and administrators; their ministry's for its people."""
        if not (user and user.is_authenticated):
            return self.none()
        if is_cipc(user):
            return self.all()
        return self.filter(ministry_id__in=user.ministry_ids(Role.AGENT, Role.REFERENT))

    def awaiting_referent(self, user):
        """New orders of the ministries where `user` is referent: their next step."""
        return self.filter(_referent_step(user))

    def awaiting_cipc(self):
        return self.filter(CIPC_STEP)

    def awaiting_validation_by(self, user):
        """The orders whose next validation is `user`'s, as referent or as the CIPC (the
        steps `order_abilities` opens, one order at a time)."""
        step = _referent_step(user) | CIPC_STEP if is_cipc(user) else _referent_step(user)
        return self.filter(step)


class Order(models.Model):
    contract = models.ForeignKey(
        FrameworkContract,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("accord-cadre"),
    )
    lot = models.ForeignKey(
        Lot, on_delete=models.PROTECT, related_name="orders", verbose_name=_("lot")
    )
    holder = models.ForeignKey(
        Holder, on_delete=models.PROTECT, related_name="orders", verbose_name=_("titulaire")
    )
    ministry = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("ministère"),
    )
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("dispositif"),
    )
    number = models.CharField(_("numéro"), max_length=20, unique=True)
    title = models.CharField(_("objet de la commande"), max_length=255)
    year = models.PositiveSmallIntegerField(_("exercice"))
    status = models.CharField(
        _("statut"), max_length=24, choices=OrderStatus.choices, default=OrderStatus.SUBMITTED
    )
    vat_rate = models.DecimalField(_("taux de TVA (%)"), max_digits=5, decimal_places=2)
    amount_ht = models.DecimalField(_("montant HT"), **MONEY)
    amount_vat = models.DecimalField(_("montant de la TVA"), **MONEY)
    amount_ttc = models.DecimalField(_("montant TTC"), **MONEY)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="orders_requested",
        verbose_name=_("demandeur"),
    )
    # A client-made token: the same form posted twice yields one order.
    request_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("bon de commande")
        verbose_name_plural = _("bons de commande")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class OrderLine(models.Model):
    """A service of the price schedule × a quantity; label and price are copied so a
    later change of the schedule does not alter a placed order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="order_lines")
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("prestation"), max_length=255)
    unit = models.CharField(_("unité"), max_length=60)
    unit_price_ht = models.DecimalField(_("prix unitaire HT"), **MONEY)
    quantity = models.DecimalField(
        _("quantité"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    amount_ht = models.DecimalField(_("montant HT"), **MONEY)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["order", "service"], name="unique_order_service")
        ]

    def __str__(self) -> str:
        return f"{self.code} × {self.quantity}"


class OrderTransition(TransitionLog):
    """One step of an order's history, written by `ORDER_WORKFLOW.take`
    (concerto/procurement/workflow.py)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="transitions")
    # The statuses keep their labels: the order's page says which one each step led to.
    from_status = models.CharField(
        _("statut de départ"), max_length=24, choices=OrderStatus.choices, blank=True
    )
    to_status = models.CharField(_("statut d'arrivée"), max_length=24, choices=OrderStatus.choices)


class ConsumptionAlert(models.Model):
    """A threshold crossed on one ceiling: recorded once so that it is notified once."""

    class Scope(models.TextChoices):
        LOT = "lot", _("Lot")
        MINISTRY_YEAR = "ministry_year", _("Ministère et exercice")

    contract = models.ForeignKey(FrameworkContract, on_delete=models.CASCADE, related_name="alerts")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    ministry = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # "lot:<id>" or "ministry:<id>:<year>": one row per ceiling and threshold.
    key = models.CharField(max_length=60)
    threshold = models.DecimalField(max_digits=5, decimal_places=2)
    consumed_ht = models.DecimalField(**MONEY)
    ceiling_ht = models.DecimalField(**MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "key", "threshold"], name="unique_consumption_alert"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ≥ {self.threshold} %"
