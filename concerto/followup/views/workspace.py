"""The sponsor's follow-up workspace: contributions to answer, answers, milestones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.followup import actions
from concerto.followup.abilities import followup_abilities
from concerto.followup.forms import (
    AnswerForm,
    CommitmentDateForm,
    MilestoneForm,
    MilestoneProgressForm,
)
from concerto.followup.models import Answer, Milestone
from concerto.followup.queries import process_commitments
from concerto.participation.models import Channel, Contribution, ContributionKind
from concerto.processes import actions as process_actions
from concerto.processes.views.common import add_errors, error_messages, process_for

ANSWERABLE = Q(kind__in=[ContributionKind.PROPOSAL, ContributionKind.ANSWER]) | ~Q(
    channel=Channel.ONLINE
)


def answerable(process):
    """Proposals (with supports), open answers to questionnaires and offline contributions."""
    answered = Answer.objects.filter(contributions=OuterRef("pk"))
    return (
        Contribution.objects.published()
        .filter(ANSWERABLE, module__process=process, merged_into__isnull=True)
        .select_related("module", "theme", "author")
        .annotate(support_count=Count("supports"), answered=Exists(answered))
        .order_by("-support_count", "pk")
    )


def _workspace(request, pk: int):
    """The process and follow-up abilities, for its ministry's team and its sponsor."""
    process, _abilities = process_for(request, pk, "view_workspace")
    abilities = followup_abilities(process, request.user)
    if not abilities["manage"]:
        raise PermissionDenied
    return process, abilities


@require_safe
@login_required
def workspace(request, pk: int):
    process, abilities = _workspace(request, pk)
    answers = (
        Answer.objects.filter(process=process)
        .select_related("status")
        .annotate(covered=Count("contributions"))
    )
    context = {
        "process": process,
        "abilities": abilities,
        "contributions": answerable(process),
        "answers": answers,
        "drafts": sum(1 for answer in answers if answer.published_at is None),
        # Kept, late or still due, as on the public pages.
        "commitments": process_commitments(process),
    }
    return render(request, "followup/workspace/index.html", context)


def _answer_form(request, process, answer=None):
    contributions = answerable(process)
    initial = {}
    if answer is not None:
        initial = {name: getattr(answer, name) for name in actions.ANSWER_FIELDS}
        initial["contributions"] = list(answer.contributions.values_list("pk", flat=True))
        initial["synthesis_themes"] = list(answer.synthesis_themes.values_list("pk", flat=True))
    elif request.GET.get("contribution", "").isdigit():
        initial["contributions"] = [int(request.GET["contribution"])]
    return AnswerForm(
        request.POST or None,
        initial=initial,
        process=process,
        contributions=contributions,
        published=bool(answer and answer.published_at),
    )


@require_http_methods(["GET", "POST"])
@login_required
def answer_form(request, pk: int, answer_id: int | None = None):
    process, abilities = _workspace(request, pk)
    answer = None
    if answer_id is not None:
        answer = get_object_or_404(Answer.objects.select_related("status"), process=process,
                                   pk=answer_id)  # fmt: skip
    form = _answer_form(request, process, answer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        contributions = data.pop("contributions")
        edit_reason = data.pop("edit_reason", "")
        synthesis_themes = data.pop("synthesis_themes")
        try:
            saved = actions.save_answer(
                process, actor=request.user, fields=data, contributions=contributions,
                answer=answer, edit_reason=edit_reason, synthesis_themes=synthesis_themes,
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Réponse « %(target)s » enregistrée.") % {
                "target": saved.target})  # fmt: skip
            return redirect("followup:workspace", pk=pk)
    context = {
        "process": process,
        "abilities": abilities,
        "form": form,
        "answer": answer,
        "milestone_form": MilestoneForm(answer=answer) if answer else None,
        "milestones": answer.milestones.all() if answer else [],
    }
    return render(request, "followup/workspace/answer.html", context)


def _act(request, action, success: str, **kwargs):
    try:
        action(**kwargs)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, success)


@require_POST
@login_required
def publish(request, pk: int):
    process, _abilities = _workspace(request, pk)
    done = _("Réponses publiées. Les participants concernés sont prévenus.")
    _act(request, lambda **kw: actions.publish_answers(process, **kw), done, actor=request.user)
    return redirect("followup:workspace", pk=pk)


@require_POST
@login_required
def close(request, pk: int):
    process, _abilities = _workspace(request, pk)
    _act(request, lambda **kw: process_actions.close_participation(process, **kw),
         _("Participation close."), actor=request.user)  # fmt: skip
    return redirect("followup:workspace", pk=pk)


@require_POST
@login_required
def publish_follow_up(request, pk: int):
    process, _abilities = _workspace(request, pk)
    _act(request, lambda **kw: process_actions.publish_follow_up(process, **kw),
         _("Devoir de suite publié."), actor=request.user)  # fmt: skip
    return redirect("followup:workspace", pk=pk)


@require_POST
@login_required
def add_milestone(request, pk: int, answer_id: int):
    process, _abilities = _workspace(request, pk)
    answer = get_object_or_404(Answer, process=process, pk=answer_id)
    form = MilestoneForm(request.POST, answer=answer)
    if form.is_valid():
        _act(request, lambda **kw: actions.add_milestone(answer, **kw), _("Jalon ajouté."),
             actor=request.user, **form.cleaned_data)  # fmt: skip
    else:
        messages.error(request, _("Le jalon n'a pas pu être ajouté : vérifiez les champs."))
    return redirect("followup:answer", pk=pk, answer_id=answer_id)


@require_POST
@login_required
def update_milestone(request, pk: int, answer_id: int, milestone_id: int):
    process, _abilities = _workspace(request, pk)
    milestone = get_object_or_404(
        Milestone, answer__process=process, answer_id=answer_id, pk=milestone_id
    )
    form = MilestoneProgressForm(request.POST)
    if form.is_valid():
        _act(request, lambda **kw: actions.update_milestone(milestone, **kw),
             _("Jalon mis à jour."), actor=request.user, **form.cleaned_data)  # fmt: skip
    else:
        messages.error(request, _("L'avancement est compris entre 0 et 100 %."))
    return redirect("followup:answer", pk=pk, answer_id=answer_id)


@require_http_methods(["GET", "POST"])
@login_required
def commitment(request, pk: int, commitment_id: int):
    process, abilities = _workspace(request, pk)
    commitment = get_object_or_404(process.commitments, pk=commitment_id)
    form = CommitmentDateForm(request.POST or None, initial={"due_date": commitment.due_date})
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_commitment_date(commitment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Date de l'engagement modifiée."))
            return redirect("followup:workspace", pk=pk)
    context = {"process": process, "commitment": commitment, "form": form}
    return render(request, "followup/workspace/commitment.html", context)
