"""CIPC staff maintain the catalogue here: contract, lots, holders, price schedule."""

from django.contrib import admin

from concerto.procurement.models import FrameworkContract, Holder, Lot, Order, OrderLine, Service


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0


@admin.register(FrameworkContract)
class FrameworkContractAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "starts_on", "ends_on", "vat_rate", "alert_threshold"]
    inlines = [LotInline]


class HolderInline(admin.StackedInline):
    model = Holder
    extra = 0


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "contract", "ceiling_ht"]
    inlines = [HolderInline]


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


@admin.register(Holder)
class HolderAdmin(admin.ModelAdmin):
    list_display = ["name", "lot", "contact_name", "contact_email"]
    inlines = [ServiceInline]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    readonly_fields = ["service", "code", "label", "unit", "unit_price_ht", "quantity", "amount_ht"]
    can_delete = False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-only: orders change state only through their named actions."""

    list_display = ["number", "title", "ministry", "lot", "status", "amount_ht", "amount_ttc"]
    list_filter = ["status", "year", "lot"]
    inlines = [OrderLineInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
