"""Organisers build the questionnaire and open its live results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.formerrors import add_errors, flash_errors
from concerto.participation.models import Module
from concerto.questionnaires import actions
from concerto.questionnaires.forms import QuestionForm
from concerto.questionnaires.kind import QUESTIONNAIRE
from concerto.questionnaires.models import CONDITION_SOURCE_KINDS, Response
from concerto.questionnaires.results import compute_results


def managed_module(request, pk: int, module_id: int) -> Module:
    """The questionnaire of process `pk` if the user may see it (else 404) and manage it
    (else 403)."""
    module = get_object_or_404(
        Module.objects.select_related("process__ministry"),
        pk=module_id,
        process_id=pk,
        kind=QUESTIONNAIRE,
    )
    abilities = module.get_abilities(request.user)
    if not abilities["view"]:
        raise Http404
    if not abilities["manage"]:
        raise PermissionDenied
    return module


def _redirect(module: Module):
    return redirect("questionnaires:questions", pk=module.process_id, module_id=module.pk)


@require_http_methods(["GET", "POST"])
@login_required
def questions(request, pk: int, module_id: int):
    module = managed_module(request, pk, module_id)
    sources = module.questions.filter(kind__in=CONDITION_SOURCE_KINDS)
    form = QuestionForm(request.POST or None, sources=sources)
    if request.method == "POST" and form.is_valid():
        try:
            question = actions.add_question(module, actor=request.user, **form.cleaned_fields())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Question « %s » ajoutée.") % question.text)
            return _redirect(module)
    counts = Response.objects.filter(module=module).aggregate(
        submitted=Count("pk", filter=Q(status=Response.Status.SUBMITTED)),
        drafts=Count("pk", filter=Q(status=Response.Status.DRAFT)),
    )
    return render(
        request,
        "questionnaires/workspace/questions.html",
        {
            "module": module,
            "process": module.process,
            "questions": module.questions.select_related("condition_question"),
            "form": form,
            "counts": counts,
            "locked": counts["submitted"] + counts["drafts"] > 0,
            "locked_message": actions.locked_message(),
            "results": compute_results(module),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk: int, module_id: int, question_id: int):
    module = managed_module(request, pk, module_id)
    question = get_object_or_404(module.questions, pk=question_id)
    sources = module.questions.filter(
        kind__in=CONDITION_SOURCE_KINDS, position__lt=question.position
    )
    form = QuestionForm(
        request.POST or None, initial=QuestionForm.initial_for(question), sources=sources
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_question(question, actor=request.user, **form.cleaned_fields())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Question modifiée."))
            return _redirect(module)
    return render(
        request,
        "questionnaires/workspace/edit.html",
        {
            "module": module,
            "process": module.process,
            "question": question,
            "form": form,
            "locked": actions.has_responses(module),
            "locked_message": actions.locked_message(),
        },
    )


@require_POST
@login_required
def move(request, pk: int, module_id: int, question_id: int):
    module = managed_module(request, pk, module_id)
    question = get_object_or_404(module.questions, pk=question_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        actions.move_question(question, actor=request.user, offset=offset)
    except ValidationError as error:
        flash_errors(request, error)
    return _redirect(module)


@require_POST
@login_required
def delete(request, pk: int, module_id: int, question_id: int):
    module = managed_module(request, pk, module_id)
    question = get_object_or_404(module.questions, pk=question_id)
    try:
        actions.delete_question(question, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Question « %s » supprimée.") % question.text)
    return _redirect(module)


@require_POST
@login_required
def results(request, pk: int, module_id: int):
    module = managed_module(request, pk, module_id)
    public = request.POST.get("public") == "1"
    actions.set_results_public(module, actor=request.user, public=public)
    messages.success(
        request,
        _("Les résultats des questions fermées sont maintenant publics.")
        if public
        else _("Les résultats ne sont plus publics."),
    )
    return _redirect(module)
