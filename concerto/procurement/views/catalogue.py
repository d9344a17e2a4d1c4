"""The catalogue that agents browse and search, and the consumption of the ceilings."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from concerto.accounts.roles import Role
from concerto.procurement.abilities import catalogue_abilities, is_cipc
from concerto.procurement.forms import CatalogueSearchForm
from concerto.procurement.models import ConsumptionAlert, FrameworkContract, Holder, Service
from concerto.procurement.queries import lot_table, lot_year_table, ministry_year_table


def current_contract() -> FrameworkContract:
    contract = FrameworkContract.objects.in_force().first() or FrameworkContract.objects.first()
    if contract is None:
        raise Http404
    return contract


def _require(request, ability: str) -> dict:
    abilities = catalogue_abilities(request.user)
    if not abilities[ability]:
        raise PermissionDenied
    return abilities


@require_safe
@login_required
def catalogue(request):
    abilities = _require(request, "browse")
    contract = current_contract()
    form = CatalogueSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    services = Service.objects.filter(active=True)
    holders = Holder.objects.all()
    if query:
        match = (
            Q(label__icontains=query)
            | Q(code__icontains=query)
            | Q(holder__name__icontains=query)
            | Q(holder__lot__title__icontains=query)
        )
        services = services.filter(match)
        holders = holders.filter(services__in=services).distinct()
    lots = contract.lots.prefetch_related(
        Prefetch(
            "holders", queryset=holders.prefetch_related(Prefetch("services", queryset=services))
        )
    )
    lots = [lot for lot in lots if not query or lot.holders.all()]
    context = {
        "contract": contract,
        "lots": lots,
        "form": form,
        "query": query,
        "abilities": abilities,
        "result_count": services.filter(holder__lot__contract=contract).count() if query else None,
    }
    return render(request, "procurement/catalogue.html", context)


@require_safe
@login_required
def consumption(request):
    abilities = _require(request, "view_consumption")
    contract = current_contract()
    cipc = is_cipc(request.user)
    ministry_ids = None if cipc else request.user.ministry_ids(Role.AGENT, Role.REFERENT)
    alerts = ConsumptionAlert.objects.filter(contract=contract).select_related("lot", "ministry")
    if not cipc:
        alerts = alerts.filter(
            Q(ministry_id__in=ministry_ids) | Q(scope=ConsumptionAlert.Scope.LOT)
        )
    context = {
        "contract": contract,
        "abilities": abilities,
        "lots": lot_table(contract),
        "ministries": ministry_year_table(contract, ministry_ids),
        "lot_years": lot_year_table(contract),
        "alerts": alerts,
    }
    return render(request, "procurement/consumption.html", context)
