from django.contrib import admin

from concerto.dossiers.models import Document, SourceReview


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "source", "viewpoint", "contradictory", "position"]
    list_filter = ["contradictory"]
    search_fields = ["title", "source"]
    raw_id_fields = ["module"]


@admin.register(SourceReview)
class SourceReviewAdmin(admin.ModelAdmin):
    list_display = ["contribution", "decision", "actor", "decided_at"]
    list_filter = ["decision"]
    raw_id_fields = ["contribution", "actor"]
