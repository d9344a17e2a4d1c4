"""Indicators of one process, computed from what the platform holds.

Pure functions over querysets: no writes. Each returns plain, JSON-ready
values (numbers, strings, lists and dicts) so that a published report can
freeze them as they were.
"""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.evaluation.models import (
    Audience,
    Dimension,
    ReferenceMargin,
    Survey,
    SurveyResponse,
)
from concerto.evaluation.models.margins import DIMENSION_CATEGORIES, category_label
from concerto.evaluation.questions import AGREE, LIKERT, LIKERT_CHOICES, SATISFACTION
from concerto.evaluation.surveys import invitees
from concerto.followup.models import Rating
from concerto.followup.queries import commitments_with_delivery, follow_up_counts
from concerto.frenchdates import french_date
from concerto.participation.models import Channel, Contribution, ParticipantProfile
from concerto.processes.models import Recommendation


def percent(part: int | float, whole: int | float) -> float | None:
    """A share in percent rounded to one decimal, None when there is nothing to divide."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def _day(value) -> str:
    return french_date(value, "j F Y") if value else ""


def process_contributions(process):
    """Contributions counted for a process: published ones, withdrawn and hidden left out."""
    return Contribution.objects.published().filter(module__process=process)


def participant_ids(process) -> set[int]:
    return set(
        process_contributions(process)
        .filter(author__isnull=False)
        .values_list("author_id", flat=True)
        .distinct()
    )


def channels(process) -> list[dict]:
    """Contributions and participants per channel. Offline contributions have no
    account behind them: each counts as one participant."""
    rows = (
        process_contributions(process)
        .values("channel")
        .annotate(
            contributions=Count("pk"),
            authors=Count("author", distinct=True),
            anonymous=Count("pk", filter=Q(author__isnull=True)),
        )
    )
    by_channel = {row["channel"]: row for row in rows}
    result = []
    for code, label in Channel.choices:
        row = by_channel.get(code)
        if row is None:
            continue
        result.append(
            {
                "channel": str(label),
                "participants": row["authors"] + row["anonymous"],
                "contributions": row["contributions"],
            }
        )
    return result


def representativeness(process) -> dict:
    """Per profile dimension: who took part (from consented profile answers) against the
    reference margins, with the gap in percentage points (participants minus population)."""
    profiles = ParticipantProfile.objects.filter(user_id__in=participant_ids(process))
    margins = {}
    for margin in ReferenceMargin.objects.filter(process=process):
        margins.setdefault(margin.dimension, {})[margin.category] = float(margin.share)
    sources = sorted(
        {m.source for m in ReferenceMargin.objects.filter(process=process) if m.source}
    )
    tables = []
    for dimension, label in Dimension.choices:
        counts = Counter(value for value in (p.answer(dimension) for p in profiles) if value)
        answered = sum(counts.values())
        reference = margins.get(dimension, {})
        if not answered and not reference:
            continue
        known = [code for code, _label in DIMENSION_CATEGORIES.get(dimension, [])]
        categories = [c for c in known if c in counts or c in reference]
        categories += sorted((set(counts) | set(reference)) - set(known) - set(categories))
        rows = []
        for category in categories:
            share = percent(counts[category], answered)
            ref = reference.get(category)
            gap = None if share is None or ref is None else round(share - ref, 1)
            rows.append(
                {
                    "category": category_label(dimension, category),
                    "count": counts[category],
                    "share": share,
                    "reference": ref,
                    "gap": gap,
                }
            )
        gaps = [abs(row["gap"]) for row in rows if row["gap"] is not None]
        tables.append(
            {
                "dimension": dimension,
                "label": str(label),
                "answered": answered,
                "rows": rows,
                "max_gap": max(gaps) if gaps else None,
            }
        )
    return {"tables": tables, "sources": sources, "participants": len(participant_ids(process))}


def timeliness(process, today=None) -> dict:
    """The referral before launch, the CIPC's opinion against its due date, and each
    follow-up commitment against its date."""
    today = today or timezone.localdate()
    referral = getattr(process, "referral", None)
    result = {"referral": None, "commitments": [], "on_time": 0, "due": 0}
    if referral is not None:
        submitted = timezone.localdate(referral.submitted_at)
        opinion = getattr(referral, "opinion", None)
        opinion_day = timezone.localdate(opinion.issued_at) if opinion else None
        start = process.participation_start
        result["referral"] = {
            "submitted": _day(submitted),
            "days_before_launch": (start - submitted).days if start else None,
            "opinion_due": _day(referral.due_date),
            "opinion_issued": _day(opinion_day),
            "opinion_on_time": opinion_day <= referral.due_date if opinion_day else None,
        }
    for commitment in commitments_with_delivery().filter(process=process).order_by("due_date"):
        delivered = timezone.localdate(commitment.delivered_at) if commitment.delivered_at else None
        on_time = delivered is not None and delivered <= commitment.due_date
        if delivered is not None or commitment.due_date < today:
            result["due"] += 1
            result["on_time"] += on_time
        result["commitments"].append(
            {
                "what": commitment.what,
                "due_date": _day(commitment.due_date),
                "delivered": _day(delivered),
                "on_time": on_time,
                "late": (delivered and not on_time)
                or (delivered is None and commitment.due_date < today),
            }
        )
    return result


def answered_share(process) -> dict:
    count = follow_up_counts([process.pk])
    return {"contributions": count.contributions, "covered": count.covered, "share": count.rate}


def answer_ratings(process) -> dict:
    """Citizens' judgement of the published answers: was their contribution answered?"""
    counts = Counter(Rating.objects.filter(answer__process=process).values_list("value", flat=True))
    total = sum(counts.values())
    return {
        "total": total,
        "rows": [
            {"label": str(label), "count": counts[code], "share": percent(counts[code], total)}
            for code, label in Rating.Value.choices
        ],
    }


def opinion_follow_through(process) -> dict:
    """The CIPC opinion's recommendations and the sponsor's answer to each."""
    recommendations = Recommendation.objects.filter(opinion__referral__process=process)
    counts = Counter(recommendations.values_list("answer", flat=True))
    rows = [
        {"label": str(label), "count": counts[code]}
        for code, label in Recommendation.Answer.choices
    ]
    rows.append({"label": _("Sans réponse"), "count": counts[""]})
    return {"total": sum(counts.values()), "rows": rows}


def survey_results(process, audience: str) -> dict | None:
    """Response rate and the distribution of answers to each question of one survey."""
    survey = Survey.objects.filter(process=process, audience=audience).first()
    if survey is None:
        return None
    invited = invitees(process, audience).count()
    answers = list(SurveyResponse.objects.filter(survey=survey).values_list("answers", flat=True))
    respondents = survey.participations.count()
    questions = []
    for question in survey.questions:
        values = [a.get(question["code"], "") for a in answers]
        entry = {"code": question["code"], "text": question["text"], "kind": question["kind"]}
        if question["kind"] == LIKERT:
            counts = Counter(v for v in values if v)
            given = sum(counts.values())
            entry["rows"] = [
                {"label": str(label), "count": counts[code], "share": percent(counts[code], given)}
                for code, label in LIKERT_CHOICES
            ]
            entry["agree"] = percent(sum(counts[c] for c in AGREE), given)
        else:
            entry["texts"] = sorted(v for v in values if v.strip())
        questions.append(entry)
    return {
        "audience": audience,
        "opened": _day(timezone.localdate(survey.opened_at)),
        "invited": invited,
        "respondents": respondents,
        "response_rate": percent(respondents, invited),
        "questions": questions,
        "satisfaction": next(
            (q.get("agree") for q in questions if q["code"] == SATISFACTION), None
        ),
    }


def all_indicators(process) -> dict:
    """Everything an evaluation report shows, ready to freeze as JSON."""
    return {
        "computed_on": _day(timezone.localdate()),
        "channels": channels(process),
        "representativeness": representativeness(process),
        "timeliness": timeliness(process),
        "answered": answered_share(process),
        "ratings": answer_ratings(process),
        "opinion": opinion_follow_through(process),
        "participant_survey": survey_results(process, Audience.PARTICIPANTS),
        "organiser_survey": survey_results(process, Audience.ORGANISERS),
    }
