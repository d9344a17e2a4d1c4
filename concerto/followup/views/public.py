"""Public follow-up pages: one process's devoir de suite and the State-wide figures."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concerto import pagecache
from concerto.downloads import csv_download
from concerto.followup import actions
from concerto.followup.abilities import followup_abilities
from concerto.followup.counts import pages_scope, process_scope
from concerto.followup.forms import RatingForm
from concerto.followup.models import Answer, AnswerVersion, CommitmentVersion, Rating
from concerto.followup.queries import (
    covered_by_channel,
    covered_examples,
    ministry_figures,
    process_commitments,
    process_follow_up,
    with_coverage,
)
from concerto.pagination import paginate
from concerto.participation.models import Channel, Contribution
from concerto.processes.models import Process

# The process page shows a few covered contributions per answer; its page lists them all.
EXAMPLES_PER_ANSWER = 5
COVERED_PER_PAGE = 20


def public_process(slug: str, user) -> Process:
    process = get_object_or_404(Process.objects.published().select_related("ministry"), slug=slug)
    if not process.get_abilities(user)["view"]:
        raise Http404
    return process


def _shown_scopes(slug: str, **_address) -> list[str]:
    """What a public follow-up page shows (followup/counts.py): its process's counts and
    the rest, kept for visitors until either changes; lateness moves with the day, within
    the cache's minute."""
    process_id = Process.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return [] if process_id is None else [process_scope(process_id), pages_scope(process_id)]


def published_answers(process: Process) -> list[Answer]:
    """The process's published answers with their coverage count (never the covered
    contributions themselves: an answer to a theme may cover tens of thousands)."""
    answers = (
        Answer.objects.published()
        .filter(process=process)
        .select_related("status", "theme")
        .prefetch_related("milestones")
        .annotate(rating_count=Count("ratings", distinct=True))
    )
    return with_coverage(list(answers), process.pk)


def decorate(answers: list[Answer], user, today) -> None:
    """What the answer includes show: rolled progress, milestones with their state, the
    public tally of ratings and the reader's own."""
    ids = [answer.pk for answer in answers]
    ratings = Counter(
        (row["answer"], row["value"])
        for row in Rating.objects.filter(answer__in=ids).values("answer", "value")
    )
    mine = {}
    if user.is_authenticated:
        mine = dict(Rating.objects.filter(answer__in=ids, user=user).values_list("answer", "value"))
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


def _breadcrumb(process, *trail, current):
    links = [
        {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
        {"url": process.get_absolute_url(), "title": process.title},
        *trail,
    ]
    return {"id": "breadcrumb", "links": links, "current": current}


@require_safe
@pagecache.for_visitors(_shown_scopes)
def process_page(request, slug: str):
    process = public_process(slug, request.user)
    today = timezone.localdate()
    commitments = process_commitments(process, today)
    answers = published_answers(process)
    decorate(answers, request.user, today)
    examples = covered_examples(answers, EXAMPLES_PER_ANSWER, process.pk)
    for answer in answers:
        answer.examples = examples.get(answer.pk, [])
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
        "breadcrumb": _breadcrumb(process, current=_("Devoir de suite")),
        "commitments": commitments,
        "follow_up": process_follow_up(process.pk),
        "answers": answers,
        "history": history,
        "abilities": followup_abilities(process, request.user),
        "rating_form": RatingForm(),
        "today": today,
    }
    return render(request, "followup/public/process.html", context)


@require_safe
@pagecache.for_visitors(_shown_scopes)
def answer_page(request, slug: str, answer_id: int):
    """ "Vous avez dit, nous avons fait" for one answer: what was asked, what was said,
    what was decided and why, what was done."""
    process = public_process(slug, request.user)
    answer = get_object_or_404(
        Answer.objects.published()
        .filter(process=process)
        .select_related("status", "theme", "question", "analysis_theme")
        # A panel's recommendation this answers, through the panel's own relation: panels
        # are built on the follow-up, which does not import them (issue 20).
        .select_related("panel_recommendation__panel")
        .prefetch_related("milestones"),
        pk=answer_id,
    )
    today = timezone.localdate()
    decorate([answer], request.user, today)
    covered = (
        Contribution.objects.published()
        .filter(followup_answers=answer)
        .select_related("module", "module__process", "author")
        .order_by("pk")
    )
    # One count of the covered contributions, by channel, kept until the follow-up
    # changes: the total, the heading and the pagination all read it.
    by_channel = [(Channel(code).label, count) for code, count in covered_by_channel(answer)]
    answer.covered = sum(count for _label, count in by_channel)
    themes = answer.synthesis_themes.select_related("synthesis__module").order_by("pk")
    context = {
        "process": process,
        "answer": answer,
        "breadcrumb": _breadcrumb(
            process,
            {
                "url": reverse("followup:process", args=[process.slug]),
                "title": _("Devoir de suite"),
            },
            current=answer.target,
        ),
        "page_obj": paginate(request, covered, COVERED_PER_PAGE, count=answer.covered),
        "by_channel": by_channel,
        "synthesis_themes": list(themes),
        "recommendation": getattr(answer, "panel_recommendation", None),
        "versions": AnswerVersion.objects.filter(answer=answer).order_by("-pk"),
        "abilities": followup_abilities(process, request.user),
        "rating_form": RatingForm(),
        "today": today,
    }
    return render(request, "followup/public/answer.html", context)


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
