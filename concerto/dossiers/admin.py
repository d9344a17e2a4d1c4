from django.contrib import admin

from concerto.dossiers.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "source", "viewpoint", "contradictory", "position"]
    list_filter = ["contradictory"]
    search_fields = ["title", "source"]
    raw_id_fields = ["module"]
