"""The CIPC's side of a referral: queue, review criterion by criterion, questions, opinion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.accounts.roles import Role
from concerto.processes import actions
from concerto.processes.actions.common import EditConflict
from concerto.processes.forms.review import (
    AssignForm,
    CriterionReviewForm,
    MessageForm,
    OpinionForm,
)
from concerto.processes.models import Question, Referral
from concerto.processes.snapshot import diff, snapshot
from concerto.processes.views.common import add_errors, error_messages, process_for


def pending_referrals():
    """Referrals awaiting an opinion, the most urgent first."""
    return (
        Referral.objects.filter(opinion__isnull=True)
        .select_related("process__ministry", "advisor", "version")
        .order_by("due_date", "submitted_at")
    )


@require_safe
@login_required
def queue(request):
    if Role.CIPC_ADVISOR not in request.user.roles:
        raise PermissionDenied
    return render(request, "processes/review/queue.html", {"referrals": pending_referrals()})


def _referral(request, pk: int, ability: str):
    referral = get_object_or_404(Referral, pk=pk)
    process, abilities = process_for(request, referral.process_id, ability)
    if Role.CIPC_ADVISOR not in request.user.roles:
        raise PermissionDenied
    return process.referral, process, abilities


def _review_context(referral, process, abilities, **forms) -> dict:
    version = referral.version
    previous = process.versions.filter(number__lt=version.number).order_by("-number").first()
    reviews = {review.criterion: review for review in referral.criterion_reviews.all()}
    rows = []
    for result in version.precheck["results"]:
        review = reviews.get(result["code"])
        form = forms.get("criterion_forms", {}).get(result["code"]) or CriterionReviewForm(
            prefix=result["code"],
            initial={
                "score": review.score if review else None,
                "comment": review.comment if review else "",
                "revision": review.revision if review else None,
            },
        )
        rows.append({"result": result, "review": review, "form": form})
    opinion = getattr(referral, "opinion", None)
    return {
        "referral": referral,
        "process": process,
        "abilities": abilities,
        "version": version,
        "previous": previous,
        "changes": diff(previous.snapshot, version.snapshot) if previous else [],
        "unsent_changes": diff(version.snapshot, snapshot(process)),
        "rows": rows,
        "thread": referral.questions.filter(parent=None)
        .select_related("author")
        .prefetch_related("replies__author"),
        "message_form": forms.get("message_form") or MessageForm(),
        "assign_form": AssignForm(initial={"advisor": referral.advisor_id or None}),
        "opinion": opinion,
        "opinion_form": forms.get("opinion_form") or OpinionForm(),
        "conflict": forms.get("conflict"),
    }


@require_safe
@login_required
def review(request, pk: int):
    referral, process, abilities = _referral(request, pk, "view_workspace")
    return render(
        request, "processes/review/review.html", _review_context(referral, process, abilities)
    )


@require_POST
@login_required
def assign(request, pk: int):
    referral, process, _abilities = _referral(request, pk, "assign_advisor")
    form = AssignForm(request.POST)
    if form.is_valid():
        actions.assign_advisor(process, actor=request.user, advisor=form.cleaned_data["advisor"])
        messages.success(
            request, _("Examen confié à %(advisor)s.") % {"advisor": form.cleaned_data["advisor"]}
        )
    return redirect("processes:review", pk=pk)


@require_POST
@login_required
def criterion(request, pk: int, code: str):
    referral, process, abilities = _referral(request, pk, "review")
    form = CriterionReviewForm(request.POST, prefix=code)
    if form.is_valid():
        try:
            actions.review_criterion(
                process, actor=request.user, criterion=code, score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                expected_revision=form.cleaned_data["revision"],
            )  # fmt: skip
        except EditConflict as error:
            # Saved by someone else meanwhile, or a revision posted for an appraisal that
            # does not exist (yet): the form comes back with the current revision.
            current = referral.criterion_reviews.filter(criterion=code).first()
            data = form.data.copy()
            data[f"{code}-revision"] = current.revision if current else ""
            form = CriterionReviewForm(data, prefix=code)
            form.is_valid()
            context = _review_context(
                referral, process, abilities, criterion_forms={code: form}, conflict=str(error)
            )
            return render(request, "processes/review/review.html", context, status=409)
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Appréciation enregistrée."))
            return redirect(f"{referral.get_absolute_url()}#critere-{code}")
    context = _review_context(referral, process, abilities, criterion_forms={code: form})
    return render(request, "processes/review/review.html", context, status=400)


@require_POST
@login_required
def post_message(request, pk: int):
    referral, process, abilities = _referral(request, pk, "ask_question")
    form = MessageForm(request.POST)
    if not form.is_valid():
        context = _review_context(referral, process, abilities, message_form=form)
        return render(request, "processes/review/review.html", context, status=400)
    parent = None
    if form.cleaned_data["parent"]:
        parent = get_object_or_404(Question, pk=form.cleaned_data["parent"], referral=referral)
    actions.ask_question(process, actor=request.user, body=form.cleaned_data["body"], parent=parent)
    messages.success(request, _("Message envoyé au ministère."))
    return redirect("processes:review", pk=pk)


@require_http_methods(["POST"])
@login_required
def opinion(request, pk: int):
    referral, process, abilities = _referral(request, pk, "issue_opinion")
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            actions.issue_opinion(
                process, actor=request.user, verdict=form.cleaned_data["verdict"],
                reasoning=form.cleaned_data["reasoning"], recommendations=form.recommendations(),
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error, aliases={"recommendations": "recommendation_1"})
        else:
            messages.success(request, _("L'avis est rendu et transmis au ministère."))
            return redirect("processes:review", pk=pk)
    context = _review_context(referral, process, abilities, opinion_form=form)
    return render(request, "processes/review/review.html", context, status=400)
