from django.contrib import admin

from concerto.followup.models import AnswerStatus


@admin.register(AnswerStatus)
class AnswerStatusAdmin(admin.ModelAdmin):
    """The CIPC adjusts the statuses here. Progress is never a status default: it comes
    from the milestones of retained answers only (`Answer.progress`), so the legacy
    `default_progress` column is not offered."""

    list_display = [
        "label", "code", "tracks_implementation", "requires_reason", "requires_new_date",
    ]  # fmt: skip
    exclude = ["default_progress"]
    ordering = ["position"]
