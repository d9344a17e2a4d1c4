"""Order requests: build from the price schedule, validate, refuse, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.downloads import csv_download
from concerto.folding import matching_words
from concerto.formerrors import add_errors, flash_errors
from concerto.forms import posted_text, ticked
from concerto.pagination import paginate, query_without_page
from concerto.procurement import actions
from concerto.procurement.abilities import catalogue_abilities, order_abilities
from concerto.procurement.forms import OrderFilterForm, OrderForm, RefusalForm
from concerto.procurement.models import Holder, Order


@require_http_methods(["GET", "POST"])
@login_required
def create(request, holder_id: int):
    if not catalogue_abilities(request.user)["order"]:
        raise PermissionDenied
    holder = get_object_or_404(Holder.objects.select_related("lot__contract"), pk=holder_id)
    form = OrderForm(request.POST or None, user=request.user, holder=holder)
    if request.method == "POST" and form.is_valid():
        try:
            order, warnings = actions.place_order(
                actor=request.user,
                process=form.cleaned_data["process"],
                holder=holder,
                title=form.cleaned_data["title"],
                quantities=form.quantities(),
                request_key=form.cleaned_data["request_key"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Bon de commande %(number)s transmis au référent pour validation.")
                % {"number": order.number},
            )
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("procurement:order", pk=order.pk)
    context = {
        "holder": holder,
        "form": form,
        "quantity_fields": [form[form.quantity_field(s)] for s in form.services],
    }
    return render(request, "procurement/order_form.html", context)


def _order_for(request, pk: int) -> tuple[Order, dict]:
    order = get_object_or_404(
        Order.objects.select_related("lot", "holder", "ministry", "process", "requested_by"),
        pk=pk,
    )
    abilities = order_abilities(order, request.user)
    if not abilities["view"]:
        raise Http404
    return order, abilities


@require_safe
@login_required
def detail(request, pk: int):
    order, abilities = _order_for(request, pk)
    context = {
        "order": order,
        "abilities": abilities,
        "lines": order.lines.all(),
        "transitions": order.transitions.select_related("actor"),
        "refusal_form": RefusalForm(),
    }
    return render(request, "procurement/order_detail.html", context)


def _step(request, pk: int, action, done: str, **kwargs):
    order, _abilities = _order_for(request, pk)
    try:
        action(order, actor=request.user, **kwargs)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, done % {"number": order.number})
    return redirect("procurement:order", pk=pk)


@require_POST
@login_required
def validate_referent(request, pk: int):
    return _step(
        request,
        pk,
        actions.validate_as_referent,
        _("Bon de commande %(number)s validé et transmis au CIPC."),
    )


@require_POST
@login_required
def validate_cipc(request, pk: int):
    return _step(
        request,
        pk,
        actions.validate_as_cipc,
        _("Bon de commande %(number)s validé et envoyé au titulaire."),
    )


@require_POST
@login_required
def refuse(request, pk: int):
    return _step(
        request,
        pk,
        actions.refuse_order,
        _("Bon de commande %(number)s refusé."),
        reason=posted_text(request.POST, "reason"),
    )


@require_POST
@login_required
def cancel(request, pk: int):
    return _step(request, pk, actions.cancel_order, _("Bon de commande %(number)s annulé."))


def _visible_orders(request):
    """The orders the list's filters keep, and the form that says which."""
    form = OrderFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    orders = Order.objects.visible_to(request.user).select_related(
        "lot", "holder", "ministry", "process"
    )
    orders = matching_words(
        orders, data.get("q", ""), ("number", "title", "process__title", "holder__name")
    )
    if data.get("status"):
        orders = orders.filter(status=data["status"])
    if data.get("ministry"):
        orders = orders.filter(ministry=data["ministry"])
    if data.get("year"):
        orders = orders.filter(year=data["year"])
    if data.get("mine"):
        orders = orders.awaiting_validation_by(request.user)
    if form.is_bound and not form.is_valid():
        orders = orders.none()  # a wrong filter shows its error, not every order
    order = SORTS.get(data.get("sort", ""), SORTS[""])
    return form, orders.order_by(*order)


SORTS = {
    "": ("-created_at", "-pk"),
    "ancienne": ("created_at", "pk"),
    "montant": ("-amount_ttc", "-pk"),
}


@require_safe
@login_required
def order_list(request):
    if not catalogue_abilities(request.user)["browse"]:
        raise PermissionDenied
    form, orders = _visible_orders(request)
    page_obj = paginate(request, orders, 50)
    for order in page_obj:
        order.abilities = order_abilities(order, request.user)
    context = {
        "form": form,
        "page_obj": page_obj,
        "export_query": query_without_page(request),
        "selectable": any(
            order.abilities["validate_as_referent"] or order.abilities["validate_as_cipc"]
            for order in page_obj
        ),
    }
    return render(request, "procurement/order_list.html", context)


@require_POST
@login_required
def validate_selection(request):
    """Validate every ticked order the user may validate, each through its own step; one
    refused (a ceiling, a step already taken by someone else) does not stop the others."""
    if not catalogue_abilities(request.user)["browse"]:
        raise PermissionDenied
    selected = list(ticked(Order.objects.visible_to(request.user), request.POST).order_by("number"))
    validated = []
    for order in selected:
        abilities = order_abilities(order, request.user)
        step = (
            actions.validate_as_cipc if abilities["validate_as_cipc"]
            else actions.validate_as_referent if abilities["validate_as_referent"]
            else None
        )  # fmt: skip
        if step is None:
            messages.error(
                request,
                _("%(number)s : ce bon de commande n'attend pas votre validation.")
                % {"number": order.number},
            )
            continue
        try:
            step(order, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"{order.number} : {message}")
        else:
            validated.append(order.number)
    if validated:
        messages.success(
            request,
            ngettext(
                "%(count)s bon de commande validé : %(numbers)s.",
                "%(count)s bons de commande validés : %(numbers)s.",
                len(validated),
            )
            % {"count": len(validated), "numbers": ", ".join(validated)},
        )
    elif not selected:
        messages.error(request, _("Sélectionnez au moins un bon de commande."))
    # Back to the list as it was filtered; the query is rebuilt, never echoed as given.
    query = QueryDict(posted_text(request.POST, "query")).urlencode()
    return redirect(reverse("procurement:orders") + (f"?{query}" if query else ""))


CSV_HEADER = [
    "numero",
    "exercice",
    "ministere",
    "dispositif",
    "lot",
    "titulaire",
    "objet",
    "statut",
    "montant_ht",
    "taux_tva",
    "montant_tva",
    "montant_ttc",
    "date_demande",
    "date_envoi",
]


@require_safe
@login_required
def export_csv(request):
    """Orders visible to the user, for finance staff: amounts with a dot as decimal
    separator and two decimals, exactly as stored."""
    if not catalogue_abilities(request.user)["browse"]:
        raise PermissionDenied
    _form, orders = _visible_orders(request)
    rows = (
        [
            order.number,
            order.year,
            order.ministry.name,
            order.process.title,
            order.lot.number,
            order.holder.name,
            order.title,
            order.get_status_display(),
            order.amount_ht,
            order.vat_rate,
            order.amount_vat,
            order.amount_ttc,
            # The day in France, not in UTC: an order made at 00:30 is of that day.
            timezone.localdate(order.created_at).isoformat(),
            timezone.localdate(order.sent_at).isoformat() if order.sent_at else "",
        ]
        for order in orders.iterator(chunk_size=200)
    )
    return csv_download("bons-de-commande.csv", CSV_HEADER, rows)
