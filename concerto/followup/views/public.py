"""Public follow-up pages: one process's devoir de suite and the State-wide figures."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concerto.downloads import csv_download
from concerto.followup import actions
from concerto.followup.abilities import followup_abilities
from concerto.followup.forms import RatingForm
from concerto.followup.models import Answer, AnswerVersion, CommitmentVersion, Rating
from concerto.followup.queries import follow_up_counts, ministry_figures, process_commitments
from concerto.participation.models import Contribution
from concerto.processes.models import Process


def public_process(slug: str, user) -> Process:
    process = get_object_or_404(Process.objects.published().select_related("ministry"), slug=slug)
    if not process.get_abilities(user)["view"]:
        raise Http404
    return process


def published_answers(process: Process):
    return (
        Answer.objects.published()
        .filter(process=process)
        .select_related("status", "theme")
        .prefetch_related(
            "milestones",
            Prefetch(
                "contributions",
                queryset=Contribution.objects.published().select_related(
                    "module", "module__process", "author"
                ),
            ),
        )
        .annotate(rating_count=Count("ratings"))
    )


@require_safe
def process_page(request, slug: str):
    process = public_process(slug, request.user)
    today = timezone.localdate()
    commitments = process_commitments(process, today)
    answers = list(published_answers(process))
    ratings = Counter(
        (row["answer"], row["value"])
        for row in Rating.objects.filter(answer__process=process).values("answer", "value")
    )
    mine = {}
    if request.user.is_authenticated:
        mine = dict(
            Rating.objects.filter(answer__process=process, user=request.user).values_list(
                "answer", "value"
            )
        )
    for answer in answers:
        milestones = list(answer.milestones.all())
        answer.rolled = answer.progress(milestones)
        for milestone in milestones:
            milestone.late = milestone.is_late(today)
        answer.milestone_rows = [(m, m.rolled_progress(milestones)) for m in milestones]
        answer.tally = [
            (label, ratings[(answer.pk, value)]) for value, label in Rating.Value.choices
        ]
        answer.my_rating = mine.get(answer.pk, "")
    history = [
        *AnswerVersion.objects.filter(process=process).select_related("answer"),
        *CommitmentVersion.objects.filter(process=process).select_related("commitment"),
    ]
    for version in history:
        version.subject = (
            version.answer.target if isinstance(version, AnswerVersion) else version.commitment.what
        )
    history.sort(key=lambda version: version.created_at, reverse=True)
    context = {
        "process": process,
        "breadcrumb": {
            "id": "breadcrumb",
            "links": [
                {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
                {"url": process.get_absolute_url(), "title": process.title},
            ],
            "current": _("Devoir de suite"),
        },
        "commitments": commitments,
        "follow_up": follow_up_counts([process.pk]),
        "answers": answers,
        "history": history,
        "abilities": followup_abilities(process, request.user),
        "rating_form": RatingForm(),
        "today": today,
    }
    return render(request, "followup/public/process.html", context)


@require_POST
@login_required
def rate(request, slug: str, answer_id: int):
    process = public_process(slug, request.user)
    answer = get_object_or_404(Answer.objects.published(), process=process, pk=answer_id)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            actions.rate_answer(answer, user=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError):
            messages.error(request, _("Votre avis n'a pas pu être enregistré."))
        else:
            messages.success(request, _("Merci, votre avis sur cette réponse est enregistré."))
    else:
        messages.error(request, _("Choisissez oui, en partie ou non."))
    return redirect(answer.get_absolute_url())


@require_safe
def figures(request):
    rows = ministry_figures()
    return render(request, "followup/public/figures.html", {"rows": rows})


CSV_FIELDS = [
    "ministere", "dispositifs_clos", "suites_dues", "rendues_a_temps", "rendues_en_retard",
    "non_rendues", "contributions", "contributions_couvertes", "taux_de_suite",
]  # fmt: skip


@require_safe
def figures_csv(request):
    rows = (
        [
            row.ministry.name, row.closed, row.due, row.on_time, row.late,
            row.not_delivered, row.contributions, row.covered, row.follow_up_rate,
        ]
        for row in ministry_figures()
    )  # fmt: skip
    return csv_download("suivi-devoir-de-suite.csv", CSV_FIELDS, rows)
