"""The ministry's workspace: declare a process, refer it to the CIPC, answer, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.accounts.roles import Role
from concerto.editing import EditConflict
from concerto.formerrors import add_errors, flash_errors
from concerto.forms import posted_text
from concerto.processes import actions
from concerto.processes.actions.handover import latest_handover
from concerto.processes.actions.referral import submission_gaps
from concerto.processes.forms.declaration import CreateForm, DuplicateForm
from concerto.processes.forms.review import (
    MessageForm,
    RecommendationAnswerForm,
    ReturnToAgentForm,
)
from concerto.processes.models import Process, Question
from concerto.processes.snapshot import diff, precheck, snapshot
from concerto.processes.steps import BY_SLUG, STEPS, neighbours
from concerto.processes.views.common import process_for


@require_safe
@login_required
def process_list(request):
    ministries = request.user.ministry_ids(Role.AGENT, Role.REFERENT)
    if not ministries:
        raise PermissionDenied
    processes = (
        Process.objects.filter(ministry_id__in=ministries)
        .select_related("ministry", "referral")
        .order_by("-updated_at")
    )
    return render(request, "processes/workspace/list.html", {"processes": processes})


@require_http_methods(["GET", "POST"])
@login_required
def create(request):
    form = CreateForm(request.POST or None, user=request.user)
    if not form.fields["ministry"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        process = actions.create_process(
            actor=request.user,
            ministry=form.cleaned_data["ministry"],
            title=form.cleaned_data["title"],
        )
        messages.success(request, _("Brouillon créé. Il est enregistré à chaque étape."))
        return redirect("processes:edit_step", pk=process.pk, step=STEPS[0].slug)
    return render(request, "processes/workspace/create.html", {"form": form})


def _formset_initial(process: Process, relation: str, fields: tuple[str, ...]) -> list[dict]:
    return list(getattr(process, relation).values(*fields))


@require_http_methods(["GET", "POST"])
@login_required
def edit_step(request, pk: int, step: str):
    process, abilities = process_for(request, pk, "edit")
    current = BY_SLUG.get(step)
    if current is None:
        return redirect("processes:edit_step", pk=pk, step=STEPS[0].slug)
    data = request.POST if request.method == "POST" else None
    form = current.form_class(data, instance=process)
    formset = None
    if current.formset:
        relation, formset_class, fields = current.formset
        formset = formset_class(
            data, prefix=relation, initial=_formset_initial(process, relation, fields)
        )
    conflict = None
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        rows = None
        if formset is not None:
            rows = [
                {name: row[name] for name in current.formset[2]}
                for row in formset.cleaned_data
                if row and not row.get("DELETE")
            ]
        try:
            actions.update_process(
                process,
                actor=request.user,
                expected_revision=form.cleaned_data["revision"],
                fields=form.model_fields(),
                themes=form.cleaned_data.get("themes") if "themes" in form.fields else None,
                sources=rows if current.slug == "information" else None,
                commitments=rows if current.slug == "suites" else None,
            )
        except EditConflict as error:
            conflict = str(error)
            # Keep what the user typed; a new save now overwrites the other person's.
            process.refresh_from_db()
            form.data = form.data.copy()
            form.data["revision"] = process.revision
        else:
            messages.success(
                request, _("Étape « %(step)s » enregistrée.") % {"step": current.title}
            )
            previous, following = neighbours(current)
            if "continue" in request.POST and following:
                return redirect("processes:edit_step", pk=pk, step=following.slug)
            return redirect("processes:overview", pk=pk)
    previous, following = neighbours(current)
    context = {
        "process": process,
        "abilities": abilities,
        "step": current,
        "steps": STEPS,
        "step_number": STEPS.index(current) + 1,
        "next_step": following,
        "form": form,
        "formset": formset,
        "conflict": conflict,
    }
    return render(request, "processes/workspace/step.html", context)


@require_safe
@login_required
def overview(request, pk: int):
    process, abilities = process_for(request, pk, "view_workspace")
    return render(
        request, "processes/workspace/overview.html", _overview_context(process, abilities)
    )


def _overview_context(
    process: Process, abilities: dict, answer_form=None, return_form=None
) -> dict:
    """Everything the overview shows; `answer_form` replaces one recommendation's
    answer form, `return_form` the referent's remarks, to show their errors and what
    was typed."""
    referral = getattr(process, "referral", None)
    opinion = getattr(referral, "opinion", None) if referral else None
    answer_forms = _answer_forms(opinion) if abilities["answer_recommendations"] else {}
    if answer_form is not None:
        answer_forms[answer_form.number] = answer_form
    return {
        "process": process,
        "abilities": abilities,
        "steps": STEPS,
        "precheck": precheck(process, timezone.localdate()),
        "gaps": submission_gaps(process),
        "referral": referral,
        "opinion": opinion,
        "recommendations": opinion.recommendations.all() if opinion else [],
        "answer_forms": answer_forms,
        "unsent_changes": diff(referral.version.snapshot, snapshot(process)) if referral else [],
        "messages_thread": _thread(referral),
        "message_form": MessageForm(),
        "transitions": process.transitions.select_related("actor"),
        "handover": latest_handover(process) if referral is None else None,
        "return_form": return_form or ReturnToAgentForm(),
        "duplicate_form": DuplicateForm(),
    }


def _answer_forms(opinion) -> dict:
    return {
        rec.number: RecommendationAnswerForm(
            prefix=f"r{rec.number}",
            initial={"answer": rec.answer, "answer_reason": rec.answer_reason},
        )
        for rec in opinion.recommendations.all()
    }


def _thread(referral) -> list[Question]:
    if referral is None:
        return []
    return list(
        referral.questions.filter(parent=None)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=Question.objects.select_related("author")))
    )


def _act(request, process: Process, action, success: str, **kwargs):
    """Run one lifecycle action from a POST and return to the overview with its outcome."""
    try:
        action(process, actor=request.user, **kwargs)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("processes:overview", pk=process.pk)


@require_POST
@login_required
def submit(request, pk: int):
    process, abilities = process_for(request, pk, "view_workspace")
    if not (abilities["submit_referral"] or abilities["resubmit_referral"]):
        raise PermissionDenied
    return _act(
        request, process, actions.submit_referral,
        _("Le dispositif est transmis au CIPC, qui rendra son avis."),
        reason=posted_text(request.POST, "reason"),
    )  # fmt: skip


@require_POST
@login_required
def mark_ready(request, pk: int):
    process, _abilities = process_for(request, pk, "mark_ready_for_referent")
    return _act(
        request, process, actions.mark_ready_for_referent,
        _("Le dispositif est prêt : votre référent ministériel est prévenu."),
        note=posted_text(request.POST, "note"),
    )  # fmt: skip


@require_POST
@login_required
def return_to_agent(request, pk: int):
    process, abilities = process_for(request, pk, "return_to_agent")
    form = ReturnToAgentForm(request.POST)
    if form.is_valid():
        try:
            actions.return_to_agent(process, actor=request.user,
                                    remarks=form.cleaned_data["remarks"])  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Le dispositif est renvoyé à l'agent avec vos remarques."))
            return redirect("processes:overview", pk=pk)
    context = _overview_context(process, abilities, return_form=form)
    return render(request, "processes/workspace/overview.html", context, status=400)


@require_POST
@login_required
def publish(request, pk: int):
    process, _abilities = process_for(request, pk, "publish")
    return _act(request, process, actions.publish_process, _("Le dispositif est publié."))


@require_POST
@login_required
def open_participation(request, pk: int):
    process, _abilities = process_for(request, pk, "open_participation")
    return _act(
        request, process, actions.open_participation,
        _("La participation est ouverte au public."),
    )  # fmt: skip


@require_POST
@login_required
def post_message(request, pk: int):
    process, _abilities = process_for(request, pk, "answer_question")
    form = MessageForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(
                Question, pk=form.cleaned_data["parent"], referral=process.referral
            )
        actions.ask_question(process, actor=request.user, body=form.cleaned_data["body"],
                             parent=parent)  # fmt: skip
        messages.success(request, _("Votre réponse est envoyée au CIPC."))
    else:
        messages.error(request, _("Le message est vide."))
    return redirect("processes:overview", pk=pk)


@require_POST
@login_required
def answer_recommendation(request, pk: int, number: int):
    process, abilities = process_for(request, pk, "answer_recommendations")
    recommendation = get_object_or_404(process.referral.opinion.recommendations, number=number)
    form = RecommendationAnswerForm(request.POST, prefix=f"r{number}")
    if form.is_valid():
        try:
            actions.answer_recommendation(
                recommendation, actor=request.user, answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["answer_reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Réponse à la recommandation R%(number)s enregistrée.") % {"number": number},
            )
            return redirect("processes:overview", pk=pk)
    form.number = number
    context = _overview_context(process, abilities, answer_form=form)
    return render(request, "processes/workspace/overview.html", context, status=400)


@require_POST
@login_required
def duplicate(request, pk: int):
    """Copy the process as a new draft; the form's key makes a double submit one copy."""
    process, _abilities = process_for(request, pk, "duplicate")
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Copie impossible : rechargez la page puis réessayez."))
        return redirect("processes:overview", pk=pk)
    copy = actions.duplicate_process(
        process, actor=request.user, creation_key=form.cleaned_data["creation_key"]
    )
    messages.success(
        request,
        _("Brouillon « %(title)s » créé : la déclaration et les modules sont copiés, sans "
          "saisine, avis ni contributions.") % {"title": copy.title},
    )  # fmt: skip
    return redirect("processes:overview", pk=copy.pk)


@require_POST
@login_required
def delete(request, pk: int):
    process, _abilities = process_for(request, pk, "delete")
    title = process.title
    try:
        actions.delete_process(process, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("processes:overview", pk=pk)
    messages.success(request, _("Brouillon « %(title)s » supprimé.") % {"title": title})
    return redirect("processes:workspace_list")


@require_POST
@login_required
def archive(request, pk: int):
    process, _abilities = process_for(request, pk, "archive")
    return _act(
        request, process, actions.archive_process,
        _("Le dispositif est archivé : il reste consultable dans le registre public."),
        reason=posted_text(request.POST, "reason"),
    )  # fmt: skip
