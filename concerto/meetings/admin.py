from django.contrib import admin

from concerto.meetings.models import Meeting, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["created_at"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "starts_at", "capacity", "report_published_at"]
    list_filter = ["online"]
    search_fields = ["title", "address"]
    raw_id_fields = ["module", "created_by"]
    inlines = [RegistrationInline]
