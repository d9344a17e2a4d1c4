from django.contrib import admin

from concerto.trainings.models import Registration, Session, Training


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["starts_at", "ends_at", "place", "video_url", "capacity", "trainer"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "duration_hours", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # Read-only: seats and the waiting list change through the actions only.
    list_display = ["user", "session", "status", "attended"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
