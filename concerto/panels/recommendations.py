"""Named actions on the panel's recommendations and their answer in the devoir de suite.

Answers are followup `Answer`s (level « recommandation »), written through
`concerto.followup.actions.save_answer` so the devoir de suite keeps one list of
answers, one publication flow and one version chain.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from concerto.activity.log import record
from concerto.followup import actions as followup_actions
from concerto.followup.models import Answer, AnswerLevel
from concerto.panels.actions import _lock, _require
from concerto.panels.models import Panel, Recommendation


@transaction.atomic
def add_recommendation(panel: Panel, *, actor, text: str) -> Recommendation:
    """Record the panel's next recommendation, numbered in order."""
    _require(panel.process, actor)
    panel = _lock(panel)  # Serialises numbering.
    if panel.status == Panel.Status.DRAFT:
        raise ValidationError(_("Le panel n'est pas encore tiré au sort."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Rédigez la recommandation.")})
    if panel.recommendations.filter(text=text).exists():
        raise ValidationError({"text": _("Cette recommandation est déjà enregistrée.")})
    number = (panel.recommendations.aggregate(top=Max("number"))["top"] or 0) + 1
    recommendation = Recommendation.objects.create(
        panel=panel, number=number, text=text, created_by=actor
    )
    record(actor, "panels.add_recommendation", recommendation,
           summary=_("Recommandation enregistrée — %(panel)s") % {"panel": panel.name})  # fmt: skip
    return recommendation


@transaction.atomic
def answer_recommendation(recommendation: Recommendation, *, actor, fields: dict) -> Answer:
    """The sponsor's draft answer to a recommendation, in the devoir de suite.

    One answer per recommendation: answering again edits it (through followup).
    """
    # Only the recommendation row is locked: PostgreSQL refuses FOR UPDATE on the
    # nullable side of the outer join to its answer.
    recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("panel__process", "answer")
        .get(pk=recommendation.pk)
    )
    fields = dict(fields, level=AnswerLevel.RECOMMENDATION, target=recommendation.target)
    if recommendation.answer is not None and recommendation.answer.published_at:
        # Published answers change only from the devoir de suite, with a public reason.
        raise ValidationError(
            _("Cette réponse est publiée : modifiez-la dans le devoir de suite, avec un motif.")
        )
    answer = followup_actions.save_answer(
        recommendation.panel.process, actor=actor, fields=fields, answer=recommendation.answer
    )
    if recommendation.answer_id != answer.pk:
        recommendation.answer = answer
        recommendation.save(update_fields=["answer"])
    return answer
