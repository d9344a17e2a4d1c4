from django.contrib import admin

from concerto.questionnaires.models import Answer, Question, Response


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "module", "kind", "position", "required"]
    list_filter = ["kind"]
    raw_id_fields = ["module", "condition_question"]


class AnswerInline(admin.TabularInline):
    model = Answer
    raw_id_fields = ["question", "contribution"]
    extra = 0


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["module", "participant", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["module", "participant"]
    inlines = [AnswerInline]
