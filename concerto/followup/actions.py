"""Named write operations of the devoir de suite: each checks who may, runs in a
transaction and leaves a chained version of whatever becomes or stays public."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.activity.log import record
from concerto.analysis.models import SynthesisTheme
from concerto.followup.abilities import followup_abilities
from concerto.followup.models import Answer, AnswerBatch, AnswerLevel, Milestone, Rating
from concerto.followup.selection import Selection
from concerto.followup.tasks import start_batch_notification, start_cover
from concerto.followup.versions import record_answer, record_commitment, record_commitments
from concerto.frenchdates import french_date
from concerto.participation.models import Contribution
from concerto.processes.actions.common import locked
from concerto.processes.models import Process


def require(process: Process, user, ability: str) -> None:
    if not followup_abilities(process, user)[ability]:
        raise PermissionDenied


def _check_answer(process: Process, fields: dict, contributions, has_selection=False) -> None:
    errors: dict[str, str] = {}
    status = fields["status"]
    if status.requires_reason and not fields.get("reason", "").strip():
        errors["reason"] = _("Donnez le motif pour lequel la proposition n'est pas retenue.")
    if status.requires_new_date:
        new_date = fields.get("new_date")
        if not new_date:
            errors["new_date"] = _("Indiquez la nouvelle date à laquelle vous répondrez.")
        elif new_date <= timezone.localdate():
            errors["new_date"] = _("La nouvelle date doit être dans le futur.")
    if not fields.get("text", "").strip():
        errors["text"] = _("Rédigez la réponse.")
    theme = fields.get("analysis_theme")
    if theme is not None and theme.analysis.module.process_id != process.pk:
        errors["analysis_theme"] = _("Ce thème n'appartient pas à ce dispositif.")
    if fields["level"] == AnswerLevel.THEME and not (
        theme or fields.get("theme") or fields.get("target", "").strip()
    ):
        errors["analysis_theme"] = _(
            "Choisissez le thème de l'analyse auquel vous répondez, ou indiquez l'objet de la "
            "réponse."
        )
    if fields["level"] == AnswerLevel.PROPOSAL and not (contributions or has_selection):
        errors["contributions"] = _("Cochez la ou les propositions auxquelles vous répondez.")
    foreign = [c for c in contributions if c.module.process_id != process.pk]
    if foreign or any(c.status != Contribution.Status.PUBLISHED for c in contributions):
        errors["contributions"] = _("Une contribution cochée n'appartient pas à ce dispositif.")
    if errors:
        raise ValidationError(errors)


def _default_target(fields: dict, contributions) -> str:
    if fields.get("target"):
        return fields["target"]
    if fields["level"] == AnswerLevel.THEME and fields.get("analysis_theme"):
        return fields["analysis_theme"].label
    if fields["level"] == AnswerLevel.THEME and fields.get("theme"):
        return fields["theme"].name
    if fields["level"] == AnswerLevel.QUESTION and fields.get("question"):
        return fields["question"].text[:255]
    return " ; ".join(str(c) for c in contributions)[:255]


ANSWER_FIELDS = (
    "level", "target", "theme", "analysis_theme", "question", "status", "text", "reason",
    "new_date", "decision_url", "legal_reference", "budget_line", "commitment",
)  # fmt: skip


def _check_idle(answer: Answer) -> None:
    job = answer.coverage_job
    if job is not None and not job.finished:
        raise ValidationError(
            _("Des contributions sont en cours de rattachement à cette réponse : attendez la "
              "fin de la tâche.")
        )  # fmt: skip


@transaction.atomic
def save_answer(
    process: Process,
    *,
    actor,
    fields: dict,
    contributions=(),
    answer: Answer | None = None,
    edit_reason: str = "",
    synthesis_themes=None,
    selection: Selection | None = None,
    idempotency_key=None,
) -> Answer:
    """Create a draft answer or edit one; editing a published answer needs a public reason
    and writes a new chained version.

    `contributions` are linked now (None leaves an edited answer's coverage as it is);
    `selection`, a workspace filter however large, is linked by a background job. A theme
    answer covers every contribution of its analysis theme, by the same job. A new answer
    sent again with the same `idempotency_key` (a double click, a retry) is the first one,
    unchanged."""
    process = locked(process)
    require(process, actor, "answer")
    if answer is None and idempotency_key is not None:
        # The process row is locked: a second copy of the form waits here for the first.
        first = Answer.objects.filter(process=process, idempotency_key=idempotency_key).first()
        if first is not None:
            return first
    if answer is not None:
        # No select_related here: PostgreSQL cannot lock the nullable side of an outer join.
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if contributions is None and answer is None:
        contributions = ()
    contributions = None if contributions is None else list(contributions)
    fields = {name: fields.get(name) for name in ANSWER_FIELDS if name in fields}
    fields.setdefault("level", answer.level if answer else AnswerLevel.PROPOSAL)
    _check_answer(process, fields, contributions or (), has_selection=bool(selection))
    theme = fields.get("analysis_theme")
    if (
        selection is None
        and theme is not None
        and (answer is None or answer.analysis_theme_id != theme.pk)
    ):
        selection = Selection(theme=theme.pk)
    if answer is not None and selection:
        _check_idle(answer)
    if answer is not None and answer.published_at and not edit_reason.strip():
        raise ValidationError(
            {"edit_reason": _("Une réponse publiée ne change qu'avec un motif public.")}
        )
    if answer is not None and not fields.get("target"):
        fields["target"] = answer.target
    fields["target"] = _default_target(fields, contributions)
    if not fields["target"]:
        raise ValidationError({"target": _("Indiquez l'objet de la réponse.")})
    if fields.get("commitment") is None and answer is None:
        commitments = list(process.commitments.all()[:2])
        fields["commitment"] = commitments[0] if len(commitments) == 1 else None
    for name in ("reason", "decision_url", "legal_reference", "budget_line"):
        fields[name] = fields.get(name) or ""
    if answer is None:
        answer = Answer.objects.create(
            process=process, created_by=actor, idempotency_key=idempotency_key, **fields
        )
    else:
        if answer.process_id != process.pk:
            raise PermissionDenied
        for name, value in fields.items():
            setattr(answer, name, value)
        answer.save()
    if contributions is not None:
        answer.contributions.set(contributions)
    if theme is not None:
        # The published synthesis rows of this theme link to the answer (one theme model).
        answer.synthesis_themes.add(*SynthesisTheme.objects.filter(source=theme))
    if selection:
        start_cover(answer, selection, owner=actor, reason=edit_reason.strip())
    if synthesis_themes is not None:
        # Themes of this process's published syntheses only (issue 8).
        themes = list(synthesis_themes)
        if any(t.synthesis.module.process_id != process.pk for t in themes):
            raise ValidationError(
                {"synthesis_themes": _("Un thème coché n'appartient pas à ce dispositif.")}
            )
        answer.synthesis_themes.set(themes)
    if answer.published_at:
        record_answer(answer, edit_reason.strip())
        record(actor, "followup.edit_published_answer", answer, reason=edit_reason.strip(),
               summary=_("Réponse publiée modifiée"))  # fmt: skip
    return answer


@transaction.atomic
def publish_answers(process: Process, *, actor) -> AnswerBatch:
    """Publish every draft answer as one batch; participants whose contributions they
    cover are told once, by a resumable background job started after the commit."""
    process = locked(process)
    require(process, actor, "publish")
    drafts = list(
        Answer.objects.filter(process=process, published_at__isnull=True)
        .select_related("status", "coverage_job")
        .prefetch_related("contributions")
    )
    if not drafts:
        raise ValidationError(_("Aucune réponse en brouillon à publier."))
    for answer in drafts:
        _check_idle(answer)
    batch = AnswerBatch.objects.create(process=process, published_by=actor)
    now = timezone.now()
    record_commitments(process, reason=_("Engagements à la publication des réponses"))
    for answer in drafts:
        answer.published_at = now
        answer.batch = batch
        answer.save(update_fields=["published_at", "batch", "updated_at"])
        record_answer(answer, _("Publication"))
    record(actor, "followup.publish_answers", batch, summary=ngettext(
        "%(count)d réponse publiée", "%(count)d réponses publiées", len(drafts),
    ) % {"count": len(drafts)})  # fmt: skip
    transaction.on_commit(lambda: start_batch_notification(batch, owner=actor))
    return batch


@transaction.atomic
def link_contributions(answer: Answer, *, actor, selection: Selection, reason: str = ""):
    """Link a workspace selection (ticked boxes or a whole filter) to an existing answer,
    by a background job; a published answer changes only with a public reason."""
    process = locked(answer.process)
    require(process, actor, "answer")
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.process_id != process.pk:
        raise PermissionDenied
    if not selection:
        raise ValidationError(_("Sélectionnez au moins une contribution."))
    if answer.published_at and not reason.strip():
        raise ValidationError(
            {"reason": _("Une réponse publiée ne change qu'avec un motif public.")}
        )
    _check_idle(answer)
    return start_cover(answer, selection, owner=actor, reason=reason.strip())


def _milestone_process(answer: Answer, actor) -> Process:
    process = locked(answer.process)
    require(process, actor, "answer")
    if not answer.status.tracks_implementation:
        raise ValidationError(_("Seuls les éléments retenus ont un suivi de mise en œuvre."))
    return process


@transaction.atomic
def add_milestone(
    answer: Answer,
    *,
    actor,
    title: str,
    due_date: date,
    parent: Milestone | None = None,
    weight: int = 1,
    progress: int = 0,
    evidence_url: str = "",
) -> Milestone:
    _milestone_process(answer, actor)
    if parent is not None and parent.answer_id != answer.pk:
        raise ValidationError({"parent": _("Le jalon parent appartient à une autre réponse.")})
    return Milestone.objects.create(
        answer=answer,
        parent=parent,
        title=title,
        due_date=due_date,
        weight=weight,
        progress=progress,
        done=progress >= 100,
        evidence_url=evidence_url,
    )


@transaction.atomic
def update_milestone(
    milestone: Milestone, *, actor, progress: int, done: bool, evidence_url: str = ""
) -> Milestone:
    _milestone_process(milestone.answer, actor)
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("L'avancement est compris entre 0 et 100 %.")})
    milestone.progress = 100 if done else progress
    milestone.done = done or progress >= 100
    milestone.evidence_url = evidence_url
    milestone.save()
    return milestone


@transaction.atomic
def change_commitment_date(commitment, *, actor, due_date: date, reason: str):
    """Move a published commitment's date: only with a public reason, kept in the history."""
    process = locked(commitment.process)
    require(process, actor, "change_commitment")
    if not reason.strip():
        raise ValidationError({"reason": _("Le changement de date doit être motivé publiquement.")})
    record_commitments(process, reason=_("Engagement initial"))
    commitment.refresh_from_db()
    before = commitment.due_date
    commitment.due_date = due_date
    commitment.save(update_fields=["due_date"])
    record_commitment(commitment, reason.strip())
    dates = {"before": french_date(before, "j F Y"), "after": french_date(due_date, "j F Y")}
    record(actor, "followup.change_commitment_date", commitment, reason=reason.strip(),
           summary=_("Échéance de l'engagement : %(before)s → %(after)s") % dates)  # fmt: skip
    return commitment


@transaction.atomic
def rate_answer(answer: Answer, *, user, value: str, comment: str = "") -> Rating:
    """One judgement per person and answer; rating again replaces the earlier one."""
    answer = Answer.objects.select_related("process").get(pk=answer.pk)
    require(answer.process, user, "rate")
    if answer.published_at is None:
        raise PermissionDenied
    if value not in Rating.Value.values:
        raise ValidationError({"value": _("Choisissez oui, en partie ou non.")})
    rating, _created = Rating.objects.update_or_create(
        answer=answer, user=user, defaults={"value": value, "comment": comment.strip()}
    )
    return rating
