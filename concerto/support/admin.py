from django.contrib import admin

from concerto.support.models import SupportRequest


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    # Read-only: the request moves through its named actions only.
    list_display = ["title", "ministry", "formula_requested", "status", "advisor", "created_at"]
    list_filter = ["status", "formula_requested"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
