from django.contrib import admin

from concerto.network.models import ActionPlan, Deputy, NetworkMeeting, PlanAction


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    list_display = ["user", "ministry", "title"]


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0
    fields = ["title", "owner", "due_date", "status"]


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "ministry", "period_start", "period_end"]
    inlines = [PlanActionInline]


@admin.register(NetworkMeeting)
class NetworkMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "minutes_published_at"]
