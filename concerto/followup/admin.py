from django.contrib import admin

from concerto.followup.models import AnswerStatus


@admin.register(AnswerStatus)
class AnswerStatusAdmin(admin.ModelAdmin):
    """The CIPC adjusts the statuses and their default progress here."""

    list_display = ["label", "code", "default_progress", "requires_reason", "requires_new_date"]
    list_editable = ["default_progress"]
    ordering = ["position"]
