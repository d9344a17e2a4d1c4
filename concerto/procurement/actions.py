"""Named write operations on orders: each checks who may, runs in a transaction,
takes its step of ORDER_WORKFLOW (which writes the order's history and the activity
log) and tells the next people in the chain."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.notifications.actions import emails_enabled, notify
from concerto.processes.actions.referral import cipc_advisors, referents_of
from concerto.procurement.abilities import catalogue_abilities, order_abilities
from concerto.procurement.models import (
    ConsumptionAlert,
    FrameworkContract,
    Holder,
    Order,
    OrderLine,
)
from concerto.procurement.money import CENT, line_amount, totals
from concerto.procurement.queries import (
    Consumption,
    lot_consumption,
    ministry_year_consumption,
)
from concerto.procurement.tasks import email_order_to_holder
from concerto.procurement.workflow import NOT_PLACED, ORDER_WORKFLOW


def euros(amount: Decimal) -> str:
    return _("%(amount)s € HT") % {"amount": number_format(amount, 2, force_grouping=True)}


def _locked_contract(contract_id: int) -> FrameworkContract:
    """Every change to the contract's consumption takes this lock first, so that two
    validations at once cannot both fit under the same ceiling."""
    return FrameworkContract.objects.select_for_update().get(pk=contract_id)


def _locked_order(order: Order) -> Order:
    return (
        Order.objects.select_for_update()
        .select_related("lot", "holder", "ministry")
        .get(pk=order.pk)
    )


def _order_url(order: Order) -> str:
    return reverse("procurement:order", args=[order.pk])


def _over_ceiling(consumption: Consumption, amount: Decimal) -> bool:
    return consumption.ceiling_ht is not None and (
        consumption.committed_ht + amount > consumption.ceiling_ht
    )


def _ceilings(order_contract, lot, ministry, year) -> list[Consumption]:
    return [
        lot_consumption(lot),
        ministry_year_consumption(order_contract, ministry, year),
    ]


def _check_ceilings(consumptions: list[Consumption], amount: Decimal) -> None:
    for consumption in consumptions:
        if _over_ceiling(consumption, amount):
            raise ValidationError(
                _(
                    "Cette commande dépasserait le plafond « %(label)s » : %(committed)s déjà "
                    "engagés, %(amount)s demandés, plafond de %(ceiling)s."
                )
                % {
                    "label": consumption.label,
                    "committed": euros(consumption.committed_ht),
                    "amount": euros(amount),
                    "ceiling": euros(consumption.ceiling_ht),
                },
                code="ceiling",
            )


def ceiling_warnings(consumptions: list[Consumption], amount: Decimal) -> list[str]:
    """Warnings for an order that fits today but would not with every pending order,
    or that takes a ceiling past the alert threshold."""
    warnings = []
    for consumption in consumptions:
        if consumption.ceiling_ht is None:
            continue
        if consumption.committed_ht + consumption.pending_ht + amount > consumption.ceiling_ht:
            warnings.append(
                _(
                    "Avec les commandes en cours de validation, le plafond « %(label)s » "
                    "(%(ceiling)s) serait dépassé : la validation pourra être refusée."
                )
                % {"label": consumption.label, "ceiling": euros(consumption.ceiling_ht)}
            )
        elif (consumption.committed_ht + amount) * 100 >= (
            consumption.ceiling_ht * consumption.threshold
        ):
            warnings.append(
                _("Cette commande porte le plafond « %(label)s » au-delà de %(threshold)s %%.")
                % {"label": consumption.label, "threshold": consumption.threshold.normalize()}
            )
    return warnings


def _parse_quantities(holder: Holder, quantities: dict) -> list[tuple]:
    services = {service.pk: service for service in holder.services.filter(active=True)}
    chosen, errors = [], []
    for service_id, quantity in quantities.items():
        service = services.get(int(service_id))
        if service is None:
            raise ValidationError(
                _("Une prestation choisie n'est pas au bordereau de ce titulaire.")
            )
        if quantity is None or quantity == 0:
            continue
        if quantity < 0 or quantity != quantity.quantize(CENT):
            errors.append(service.label)
            continue
        chosen.append((service, quantity))
    if errors:
        raise ValidationError(
            _("Quantité invalide pour : %(services)s.") % {"services": ", ".join(errors)}
        )
    if not chosen:
        raise ValidationError(_("Indiquez une quantité pour au moins une prestation."))
    return sorted(chosen, key=lambda pair: pair[0].code)


def _next_number(contract: FrameworkContract, year: int) -> str:
    prefix = f"BC-{year}-"
    last = (
        Order.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def _order_with_key(request_key: str, actor) -> Order | None:
    """The actor's order sent with this form's key; ValidationError when the key is
    another person's (a form copied, or a key guessed: it never reaches their order)."""
    existing = Order.objects.filter(request_key=request_key).first()
    if existing is not None and existing.requested_by_id != actor.pk:
        raise ValidationError(
            _("Ce formulaire a déjà servi : rechargez la page pour saisir une nouvelle commande.")
        )
    return existing


@transaction.atomic
def place_order(
    *, actor, process, holder: Holder, title: str, quantities: dict, request_key: str
) -> tuple[Order, list[str]]:
    """Build an order request from the holder's price schedule for a process of the
    actor's ministry. Returns the order and warnings about the ceilings.

    Posting the same request twice (same `request_key`) returns the first order; a key
    that another person's order already holds is refused.
    """
    existing = _order_with_key(request_key, actor)
    if existing is not None:
        return existing, []
    if not catalogue_abilities(actor)["order"]:
        raise PermissionDenied
    if process.ministry_id not in actor.ministry_ids(Role.AGENT, Role.REFERENT):
        raise ValidationError({"process": _("Choisissez un dispositif de votre ministère.")})
    if not title.strip():
        raise ValidationError({"title": _("Indiquez l'objet de la commande.")})
    lot = holder.lot
    contract = _locked_contract(lot.contract_id)
    if not contract.is_in_force():
        raise ValidationError(_("L'accord-cadre n'est pas en vigueur : aucune commande possible."))
    chosen = _parse_quantities(holder, quantities)
    amounts = [line_amount(quantity, service.unit_price_ht) for service, quantity in chosen]
    total = totals(amounts, contract.vat_rate)
    year = timezone.localdate().year
    consumptions = _ceilings(contract, lot, process.ministry, year)
    _check_ceilings(consumptions, total.ht)
    warnings = ceiling_warnings(consumptions, total.ht)
    try:
        with transaction.atomic():
            order = Order.objects.create(
                contract=contract,
                lot=lot,
                holder=holder,
                ministry=process.ministry,
                process=process,
                number=_next_number(contract, year),
                title=title.strip(),
                year=year,
                vat_rate=contract.vat_rate,
                amount_ht=total.ht,
                amount_vat=total.vat,
                amount_ttc=total.ttc,
                requested_by=actor,
                request_key=request_key,
                status=NOT_PLACED,  # until the `place` step below, in this transaction
            )
    except IntegrityError:
        # The same form was posted twice at once: the other request created it.
        existing = _order_with_key(request_key, actor)
        if existing is None:
            raise
        return existing, []
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            service=service,
            code=service.code,
            label=service.label,
            unit=service.unit,
            unit_price_ht=service.unit_price_ht,
            quantity=quantity,
            amount_ht=amount,
        )
        for (service, quantity), amount in zip(chosen, amounts, strict=True)
    )
    placed = _("Bon de commande demandé (%(amount)s)") % {"amount": euros(order.amount_ht)}
    ORDER_WORKFLOW.take(order, "place", actor, summary=placed)
    notify(
        referents_of(process.ministry),
        subject=_("Bon de commande à valider : %(number)s") % {"number": order.number},
        body=_("%(who)s demande « %(title)s » (%(amount)s) pour le dispositif « %(process)s ».")
        % {
            "who": actor,
            "title": order.title,
            "amount": euros(order.amount_ht),
            "process": process.title,
        },
        url=_order_url(order),
    )
    return order, warnings


def _require(order: Order, actor, ability: str) -> None:
    abilities = order_abilities(order, actor)
    if not abilities["view"]:
        raise PermissionDenied
    if not abilities[ability]:
        raise ValidationError(
            ORDER_WORKFLOW.refusal % {"status": order.get_status_display()}, code="status"
        )


@transaction.atomic
def validate_as_referent(order: Order, *, actor) -> Order:
    order = _locked_order(order)
    _require(order, actor, "validate_as_referent")
    ORDER_WORKFLOW.take(
        order, "validate_as_referent", actor, summary=_("Bon de commande validé par le référent")
    )
    notify(
        cipc_advisors(),
        subject=_("Bon de commande à valider : %(number)s") % {"number": order.number},
        body=_("Le référent de %(ministry)s a validé « %(title)s » (%(amount)s).")
        % {"ministry": order.ministry, "title": order.title, "amount": euros(order.amount_ht)},
        url=_order_url(order),
    )
    return order


def _holder_recipients(holder: Holder) -> list[User]:
    if holder.organisation_id is None:
        return []
    return list(
        User.objects.filter(
            memberships__organisation_id=holder.organisation_id,
            memberships__role=Role.PROVIDER,
            is_active=True,
        ).distinct()
    )


def _email_holder(order: Order) -> None:
    if emails_enabled():
        transaction.on_commit(lambda: email_order_to_holder.enqueue(order.pk))


def _raise_alerts(order: Order, before: list[Consumption], after: list[Consumption]) -> None:
    """Tell the CIPC and the ministry's referents once per ceiling whose alert
    threshold this order crosses."""
    keys = [f"lot:{order.lot_id}", f"ministry:{order.ministry_id}:{order.year}"]
    scopes = [ConsumptionAlert.Scope.LOT, ConsumptionAlert.Scope.MINISTRY_YEAR]
    for key, scope, was, now in zip(keys, scopes, before, after, strict=True):
        if now.ceiling_ht is None or was.alert or not now.alert:
            continue
        _alert, created = ConsumptionAlert.objects.get_or_create(
            contract=order.contract,
            key=key,
            threshold=now.threshold,
            defaults={
                "scope": scope,
                "lot": order.lot,
                "ministry": order.ministry,
                "year": order.year,
                "consumed_ht": now.committed_ht,
                "ceiling_ht": now.ceiling_ht,
            },
        )
        if created:
            notify(
                [*cipc_advisors(), *referents_of(order.ministry)],
                subject=_("Alerte de consommation : %(label)s à %(rate)s %%")
                % {"label": now.label, "rate": number_format(now.rate)},
                body=_(
                    "%(committed)s engagés sur un plafond de %(ceiling)s (seuil d'alerte : "
                    "%(threshold)s %%)."
                )
                % {
                    "committed": euros(now.committed_ht),
                    "ceiling": euros(now.ceiling_ht),
                    "threshold": number_format(now.threshold.normalize()),
                },
                url=reverse("procurement:consumption"),
            )


@transaction.atomic
def validate_as_cipc(order: Order, *, actor) -> Order:
    """Commit the order on the ceilings and send it to the holder; refused, with
    nothing changed, if it would exceed a ceiling."""
    _locked_contract(order.contract_id)
    order = _locked_order(order)
    _require(order, actor, "validate_as_cipc")
    before = _ceilings(order.contract, order.lot, order.ministry, order.year)
    _check_ceilings(before, order.amount_ht)
    order.sent_at = timezone.now()
    ORDER_WORKFLOW.take(
        order,
        "validate_as_cipc",
        actor,
        summary=_("Bon de commande validé par le CIPC et envoyé au titulaire"),
        also_save=["sent_at"],
    )
    after = _ceilings(order.contract, order.lot, order.ministry, order.year)
    _raise_alerts(order, before, after)
    message = {"number": order.number, "title": order.title, "amount": euros(order.amount_ht)}
    notify(
        [order.requested_by, *referents_of(order.ministry)],
        subject=_("Bon de commande validé et envoyé : %(number)s") % message,
        body=_("« %(title)s » (%(amount)s) a été envoyé au titulaire.") % message,
        url=_order_url(order),
    )
    notify(
        _holder_recipients(order.holder),
        subject=_("Nouveau bon de commande : %(number)s") % message,
        body=_("« %(title)s » (%(amount)s).") % message,
        url=_order_url(order),
    )
    _email_holder(order)
    return order


@transaction.atomic
def refuse_order(order: Order, *, actor, reason: str) -> Order:
    order = _locked_order(order)
    _require(order, actor, "refuse")
    if not reason.strip():
        raise ValidationError({"reason": _("Donnez le motif du refus.")})
    ORDER_WORKFLOW.take(
        order, "refuse", actor, reason=reason.strip(), summary=_("Bon de commande refusé")
    )
    notify(
        [order.requested_by],
        subject=_("Bon de commande refusé : %(number)s") % {"number": order.number},
        body=reason.strip(),
        url=_order_url(order),
    )
    return order


@transaction.atomic
def cancel_order(order: Order, *, actor) -> Order:
    order = _locked_order(order)
    _require(order, actor, "cancel")
    ORDER_WORKFLOW.take(order, "cancel", actor, summary=_("Bon de commande annulé"))
    return order
