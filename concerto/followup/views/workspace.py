"""The sponsor's follow-up workspace: contributions to answer, answers, milestones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.followup import actions, closing
from concerto.followup.abilities import followup_abilities
from concerto.followup.forms import (
    AnswerForm,
    BulkLinkForm,
    CommitmentDateForm,
    MilestoneForm,
    MilestoneProgressForm,
    WorkspaceFilterForm,
)
from concerto.followup.models import Answer, AnswerLevel, Milestone
from concerto.followup.queries import process_commitments, with_coverage
from concerto.followup.selection import (
    PAGE_SIZE,
    Selection,
    ids_from,
    matching_count,
    new_since_answer,
    new_since_by_answer,
    page_rows,
    selected,
)
from concerto.formerrors import add_errors, flash_errors
from concerto.pagination import paginate
from concerto.processes.views.common import process_for

# Beyond this, an answer's coverage is managed from the workspace's filtered list.
SHOWN_LIMIT = 200


def _workspace(request, pk: int):
    """The process and follow-up abilities, for its ministry's team and its sponsor."""
    process, _abilities = process_for(request, pk, "view_workspace")
    abilities = followup_abilities(process, request.user)
    if not abilities["manage"]:
        raise PermissionDenied
    return process, abilities


def _render_workspace(request, process, abilities, bulk_form=None, checked=(), status=200):
    filters = WorkspaceFilterForm(request.GET or None, process=process)
    selection = filters.selection()
    matching = matching_count(process, selection)
    page = paginate(request, selected(process, selection), PAGE_SIZE, count=matching)
    answers = with_coverage(
        list(
            Answer.objects.filter(process=process)
            .select_related("status", "coverage_job")
            .order_by("pk")
        ),
        process.pk,
    )
    new_since = new_since_by_answer(process)
    for answer in answers:
        answer.new_since = new_since.get(answer.pk, 0)
    context = {
        "process": process,
        "abilities": abilities,
        "filters": filters,
        "selection": selection,
        "page_obj": page,
        "rows": page_rows(page.object_list),
        "checked": {int(pk) for pk in checked},
        "bulk_form": bulk_form or BulkLinkForm(process=process, matching=matching),
        "answers": answers,
        "drafts": sum(1 for answer in answers if answer.published_at is None),
        # Kept, late or still due, as on the public pages.
        "commitments": process_commitments(process),
    }
    return render(request, "followup/workspace/index.html", context, status=status)


@require_safe
@login_required
def workspace(request, pk: int):
    process, abilities = _workspace(request, pk)
    return _render_workspace(request, process, abilities)


NOTHING_CHECKED = _lazy(
    "Cochez au moins une contribution dans la liste, ou choisissez toutes celles qui "
    "correspondent aux filtres."
)


@require_POST
@login_required
def bulk(request, pk: int):
    """Link the ticked contributions, or all those matching the filters (kept in the
    address), to an answer: a new one (its form opens with the selection) or an existing
    one (a background job)."""
    process, abilities = _workspace(request, pk)
    if not abilities["answer"]:
        raise PermissionDenied
    selection = WorkspaceFilterForm(request.GET or None, process=process).selection()
    matching = matching_count(process, selection)
    form = BulkLinkForm(request.POST, process=process, matching=matching)
    checked = ids_from(request.POST.getlist("contribution"))
    if form.is_valid():
        data = form.cleaned_data
        chosen = selection if data["scope"] == "all" else Selection(ids=tuple(checked))
        if not (checked if data["scope"] == "checked" else matching):
            form.add_error("scope", NOTHING_CHECKED)
        elif data["target"] == BulkLinkForm.NEW:
            new_answer = reverse("followup:answer_create", args=[pk])
            return redirect(f"{new_answer}?{chosen.querystring()}")
        else:
            answer = form.answers[data["target"]]
            try:
                actions.link_contributions(
                    answer, actor=request.user, selection=chosen, reason=data["reason"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _(
                    "Rattachement à la réponse « %(target)s » lancé : son avancement s'affiche "
                    "dans le tableau des réponses."
                ) % {"target": answer.target})  # fmt: skip
                workspace_url = reverse("followup:workspace", args=[pk])
                return redirect(f"{workspace_url}?{request.GET.urlencode()}")
    return _render_workspace(request, process, abilities, form, checked, status=400)


def _shown(request, process, answer, ids):
    """The contributions the answer form lists as boxes, or None to leave coverage out
    (a new answer opened without ticked boxes; a large coverage, managed from the list)."""
    if answer is not None:
        covered = answer.contributions.all()
        return list(covered[:SHOWN_LIMIT]) if covered.count() <= SHOWN_LIMIT else None
    if ids or request.POST.getlist("contributions"):
        # Posted values that are no id still reach the field, which says they are invalid.
        return list(selected(process, Selection(ids=tuple(ids)))[:SHOWN_LIMIT]) if ids else []
    return None


def _answer_form(request, process, answer=None):
    """The answer form and the workspace selection it was opened with (filters, which a
    background job links on saving; ticked boxes, listed in the form)."""
    filters = WorkspaceFilterForm(request.GET or None, process=process)
    selection = filters.selection() if answer is None else Selection()
    # Boxes ticked in the workspace, then those the form posts back: none is lost.
    ids = ids_from(request.POST.getlist("contributions") or request.GET.getlist("contribution"))
    initial = {}
    if answer is not None:
        initial = {name: getattr(answer, name) for name in actions.ANSWER_FIELDS}
        initial["contributions"] = list(answer.contributions.values_list("pk", flat=True))
    elif ids:
        initial["contributions"] = ids
    elif selection.theme:
        initial.update(level=AnswerLevel.THEME, analysis_theme=selection.theme)
    form = AnswerForm(
        request.POST or None,
        initial=initial,
        process=process,
        shown=_shown(request, process, answer, ids),
        published=bool(answer and answer.published_at),
        creating=answer is None,
    )
    matching = matching_count(process, selection) if selection else 0
    return form, selection, filters.describe() if selection else [], matching


@require_http_methods(["GET", "POST"])
@login_required
def answer_form(request, pk: int, answer_id: int | None = None):
    process, abilities = _workspace(request, pk)
    answer = None
    if answer_id is not None:
        answer = get_object_or_404(
            Answer.objects.select_related("status", "coverage_job"), process=process, pk=answer_id
        )
    form, selection, described, matching = _answer_form(request, process, answer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        contributions = data.pop("contributions", None)
        edit_reason = data.pop("edit_reason", "")
        key = data.pop("idempotency_key", None)
        try:
            saved = actions.save_answer(
                process, actor=request.user, fields=data, contributions=contributions,
                answer=answer, edit_reason=edit_reason, selection=selection or None,
                idempotency_key=key,
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
        "selection": selection,
        "described": described,
        "matching": matching,
        "covered": answer.contributions.count() if answer else 0,
        "new_since": new_since_answer(answer) if answer else 0,
        "milestone_form": MilestoneForm(answer=answer) if answer else None,
        "milestones": answer.milestones.all() if answer else [],
    }
    return render(request, "followup/workspace/answer.html", context)


def _act(request, action, success: str, **kwargs):
    try:
        action(**kwargs)
    except ValidationError as error:
        flash_errors(request, error)
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
    _act(request, lambda **kw: closing.close_participation(process, **kw),
         _("Participation close."), actor=request.user)  # fmt: skip
    return redirect("followup:workspace", pk=pk)


@require_POST
@login_required
def publish_follow_up(request, pk: int):
    process, _abilities = _workspace(request, pk)
    _act(request, lambda **kw: closing.publish_follow_up(process, **kw),
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
