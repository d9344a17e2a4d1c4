from django.contrib import admin

from concerto.privacy.models import DeletionRecord, StaffAccess


@admin.register(DeletionRecord)
class DeletionRecordAdmin(admin.ModelAdmin):
    list_display = ["rule", "deleted", "ran_at"]
    list_filter = ["rule"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StaffAccess)
class StaffAccessAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "actor", "category", "subject", "path"]
    list_filter = ["category"]
    search_fields = ["actor__email", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
