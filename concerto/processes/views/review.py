"""The CIPC's side of a referral: queue, the review on one screen (frozen declaration and
the whole quality grid in one form), questions, opinion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.accounts.roles import Role
from concerto.downloads import csv_download
from concerto.editing import EditConflict
from concerto.folding import matching_words
from concerto.formerrors import add_errors
from concerto.pagination import paginate, query_without_page
from concerto.processes import actions
from concerto.processes.filters import QueueFilterForm
from concerto.processes.forms.review import (
    AssignForm,
    GridReviewForm,
    MessageForm,
    OpinionForm,
)
from concerto.processes.frozen import sections
from concerto.processes.models import Question, Referral
from concerto.processes.snapshot import diff, snapshot
from concerto.processes.views.common import process_for


def pending_referrals():
    """Referrals awaiting an opinion, the most urgent first."""
    return (
        Referral.objects.filter(opinion__isnull=True)
        .select_related("process__ministry", "advisor", "version")
        .order_by("due_date", "submitted_at")
    )


def _queue(request):
    """The referrals the queue's filters keep, and the form that says which."""
    if Role.CIPC_ADVISOR not in request.user.roles:
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    given = data.get("shown") == "avis"
    referrals = Referral.objects.filter(opinion__isnull=not given).select_related(
        "process__ministry", "advisor", "version", "opinion"
    )
    referrals = matching_words(referrals, data.get("q", ""), ("process__title",))
    if data.get("ministry"):
        referrals = referrals.filter(process__ministry=data["ministry"])
    if data.get("mine"):
        referrals = referrals.filter(advisor=request.user)
    if data.get("late") and not given:
        referrals = referrals.filter(
            clock_paused_since__isnull=True, due_date__lt=timezone.localdate()
        )
    if form.is_bound and not form.is_valid():
        referrals = referrals.none()  # a wrong filter shows its error, not every referral
    if given:
        order = ("-opinion__issued_at", "-pk")
    elif data.get("sort") == "recentes":
        order = ("-submitted_at", "-pk")
    else:
        order = ("due_date", "submitted_at", "pk")
    return form, given, referrals.order_by(*order)


@require_safe
@login_required
def queue(request):
    form, given, referrals = _queue(request)
    context = {
        "form": form,
        "given": given,
        "page_obj": paginate(request, referrals, 50),
        "export_query": query_without_page(request),
    }
    return render(request, "processes/review/queue.html", context)


QUEUE_COLUMNS = ["dispositif", "ministere", "version", "transmise_le", "avis_attendu_le",
                 "en_retard", "delai_suspendu", "conseiller", "avis", "avis_rendu_le"]  # fmt: skip


@require_safe
@login_required
def queue_csv(request):
    _form, _given, referrals = _queue(request)
    yes, no = _("oui"), _("non")

    def row(referral):
        opinion = getattr(referral, "opinion", None)
        return [
            referral.process.title, referral.process.ministry.name, referral.version.number,
            f"{timezone.localtime(referral.submitted_at):%Y-%m-%d}",
            f"{referral.due_date:%Y-%m-%d}",
            yes if referral.is_overdue else no, yes if referral.clock_paused_since else no,
            str(referral.advisor or ""), opinion.get_verdict_display() if opinion else "",
            f"{timezone.localtime(opinion.issued_at):%Y-%m-%d}" if opinion else "",
        ]  # fmt: skip

    rows = (row(referral) for referral in referrals.iterator(chunk_size=200))
    return csv_download("saisines.csv", QUEUE_COLUMNS, rows)


def _referral(request, pk: int, ability: str):
    referral = get_object_or_404(Referral, pk=pk)
    process, abilities = process_for(request, referral.process_id, ability)
    if Role.CIPC_ADVISOR not in request.user.roles:
        raise PermissionDenied
    return process.referral, process, abilities


def _reviews(referral) -> dict:
    return {
        review.criterion: review for review in referral.criterion_reviews.select_related("reviewer")
    }


def _review_context(referral, process, abilities, **forms) -> dict:
    version = referral.version
    previous = process.versions.filter(number__lt=version.number).order_by("-number").first()
    reviews = _reviews(referral)
    results = version.precheck["results"]
    grid_form = forms.get("grid_form") or GridReviewForm(results, reviews)
    rows = [
        {"result": result, "review": reviews.get(result["code"]),
         "form": grid_form.forms[result["code"]]}
        for result in results
    ]  # fmt: skip
    opinion = getattr(referral, "opinion", None)
    return {
        "referral": referral,
        "process": process,
        "abilities": abilities,
        "version": version,
        "sections": sections(version.snapshot),
        "previous": previous,
        "changes": diff(previous.snapshot, version.snapshot) if previous else [],
        "unsent_changes": diff(version.snapshot, snapshot(process)),
        "rows": rows,
        "grid_form": grid_form,
        "appraised": sum(1 for review in reviews.values() if review.score),
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
def grid(request, pk: int):
    """Save the whole quality grid: a draft, or (the "complete" button) a finished grid."""
    referral, process, abilities = _referral(request, pk, "review")
    results = referral.version.precheck["results"]
    form = GridReviewForm(results, _reviews(referral), data=request.POST)
    complete = "complete" in request.POST
    if form.is_valid():
        try:
            actions.review_grid(
                process, actor=request.user, appraisals=form.appraisals(), complete=complete
            )
        except EditConflict as error:
            # Someone saved the grid meanwhile: what was typed comes back, with the
            # revisions now stored, so that saving again is a deliberate overwrite.
            form.keep_typed_with_revisions(_reviews(referral))
            context = _review_context(
                referral, process, abilities, grid_form=form, conflict=str(error)
            )
            return render(request, "processes/review/review.html", context, status=409)
        except ValidationError as error:
            form.add_errors(error)
        else:
            if complete:
                messages.success(request, _("Grille qualité enregistrée : tous les critères "
                                            "sont appréciés."))  # fmt: skip
            else:
                messages.success(request, _("Brouillon de la grille enregistré."))
            return redirect(f"{referral.get_absolute_url()}#grille")
    context = _review_context(referral, process, abilities, grid_form=form)
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
