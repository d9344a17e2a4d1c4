"""Devoir-de-suite rules: a committed follow-up date and complete commitments."""

from __future__ import annotations

from datetime import date

from concerto.engines.quality.description import FollowUpCommitment, ProcessDescription
from concerto.engines.quality.french import NBSP, days, fmt_date, join_and, join_nor, plural, quote
from concerto.engines.quality.registry import (
    Param,
    Params,
    non_negative_int,
    positive_int,
    rule_kind,
)
from concerto.engines.quality.results import Outcome, Status


@rule_kind("follow_up_date", max_days_after_participation_end=Param(non_negative_int))
def follow_up_date(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """A follow-up date is committed, after the participation and by the decision.

    MET: participation_end < follow_up_date <= decision_date, and
        follow_up_date - participation_end <= max_days_after_participation_end.
    AT_RISK: the date is set but breaks one of these, or the participation end
        or decision date needed to check it is unset (every problem is listed).
    MISSING: follow_up_date unset.
    """
    follow_up = description.follow_up_date
    if follow_up is None:
        return Outcome(
            Status.MISSING,
            "Aucune date n'est fixée pour rendre compte aux participants (devoir de suite).",
        )
    end, decision = description.participation_end, description.decision_date
    max_days = params["max_days_after_participation_end"]
    problems = [
        problem
        for problem in (
            _check_against_end(follow_up, end, max_days),
            _check_against_decision(follow_up, decision),
        )
        if problem
    ]
    if problems or end is None or decision is None:
        return Outcome(Status.AT_RISK, " ".join(problems))
    return Outcome(
        Status.MET,
        f"Le devoir de suite est fixé au {fmt_date(follow_up)},"
        f" {days((follow_up - end).days)} après la fin de la participation ({fmt_date(end)})"
        f" et au plus tard à la date de décision ({fmt_date(decision)}).",
    )


def _check_against_end(follow_up: date, end: date | None, max_days: int) -> str | None:
    """The problem with the follow-up date relative to the participation end, if any."""
    fixed = f"Le devoir de suite est fixé au {fmt_date(follow_up)}"
    if end is None:
        return (
            "La date de fin de participation n'est pas renseignée : impossible de vérifier"
            " que la suite est rendue après la participation."
        )
    if follow_up < end:
        return (
            f"{fixed}, avant la fin de la participation le {fmt_date(end)} :"
            " les contributions ne seront pas toutes reçues."
        )
    if follow_up == end:
        return (
            f"{fixed}, le jour même de la fin de la participation :"
            " aucun temps n'est laissé pour analyser les contributions."
        )
    if (follow_up - end).days > max_days:
        return (
            f"{fixed}, {days((follow_up - end).days)} après la fin de la participation"
            f" le {fmt_date(end)} : plus que les {days(max_days)} admis."
        )
    return None


def _check_against_decision(follow_up: date, decision: date | None) -> str | None:
    """The problem with the follow-up date relative to the decision date, if any."""
    if decision is None:
        return (
            "La date de décision n'est pas renseignée : impossible de vérifier"
            " que la suite est rendue au plus tard à la décision."
        )
    if follow_up > decision:
        return (
            f"Le devoir de suite est fixé au {fmt_date(follow_up)},"
            f" {days((follow_up - decision).days)} après la décision du {fmt_date(decision)} :"
            " les participants doivent savoir ce qui a été retenu au plus tard au moment"
            " de la décision."
        )
    return None


_PARTS = (
    ("what", "ce qui sera répondu"),
    ("who", "qui répond"),
    ("channel", "par quel canal"),
    ("due_date", "à quelle date"),
)


def _missing_parts(commitment: FollowUpCommitment) -> list[str]:
    missing = []
    for attribute, label in _PARTS:
        value = getattr(commitment, attribute)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(label)
    return missing


@rule_kind("follow_up_commitments", min_commitments=Param(positive_int))
def follow_up_commitments(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """At least `min_commitments` commitments are complete.

    A commitment is complete when it states what will be answered, who
    answers, through which channel and by which date.
    MET: at least `min_commitments` complete commitments (incomplete ones are
        still listed in the explanation).
    AT_RISK: commitments exist but fewer are complete.
    MISSING: no commitment at all.
    """
    commitments = description.follow_up_commitments
    if not commitments:
        return Outcome(
            Status.MISSING, "Aucun engagement de suite n'est pris envers les participants."
        )
    minimum = params["min_commitments"]
    gaps: list[str] = []
    complete = 0
    for number, commitment in enumerate(commitments, start=1):
        missing = _missing_parts(commitment)
        if not missing:
            complete += 1
            continue
        named = f" ({quote(commitment.what)})" if commitment.what.strip() else ""
        gaps.append(f"L'engagement n°{NBSP}{number}{named} ne précise pas {join_nor(missing)}.")
    if complete >= minimum:
        verb = "précise" if complete < 2 else "précisent"
        summary = (
            f"{plural(complete, 'engagement')} de suite sur {len(commitments)} {verb}"
            f" {join_and([label for _, label in _PARTS])}."
        )
        return Outcome(Status.MET, " ".join([summary, *gaps]))
    if complete == 0:
        # With a single commitment its own gap sentence says it all.
        summary = f"Aucun des {len(commitments)} engagements de suite n'est complet."
        sentences = gaps if len(commitments) == 1 else [summary, *gaps]
    else:
        sentences = [
            f"{plural(complete, 'engagement de suite complet', 'engagements de suite complets')}"
            f" sur {len(commitments)} : il en faut au moins {minimum}.",
            *gaps,
        ]
    return Outcome(Status.AT_RISK, " ".join(sentences))
