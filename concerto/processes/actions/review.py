"""The advisor's appraisal of the quality grid: every criterion in one save."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.editing import EditConflict
from concerto.processes.actions.common import locked, require
from concerto.processes.models import CriterionReview, Process


@dataclass(frozen=True)
class Appraisal:
    """What the advisor typed for one criterion; `expected_revision` is the revision of
    the appraisal they saw (None when there was none yet)."""

    score: str
    comment: str
    expected_revision: int | None = None


def _grid_errors(codes: list[str], appraisals: dict[str, Appraisal]) -> dict[str, str]:
    """What a finished grid lacks, keyed `<criterion>-<field>` like the review form."""
    errors = {}
    for code in codes:
        appraisal = appraisals.get(code) or Appraisal("", "")
        if not appraisal.score:
            errors[f"{code}-score"] = _("Choisissez une appréciation pour ce critère.")
        elif appraisal.score != CriterionReview.Score.MET and not appraisal.comment.strip():
            errors[f"{code}-comment"] = _(
                "Expliquez ce qui manque : le ministère lira ce commentaire."
            )
    return errors


def _save(referral, actor, code: str, appraisal: Appraisal) -> None:
    if appraisal.expected_revision is None:
        try:
            with transaction.atomic():
                CriterionReview.objects.create(
                    referral=referral, criterion=code, score=appraisal.score,
                    comment=appraisal.comment, reviewer=actor,
                )  # fmt: skip
        except IntegrityError:
            raise EditConflict() from None
        return
    updated = CriterionReview.objects.filter(
        referral=referral, criterion=code, revision=appraisal.expected_revision
    ).update(score=appraisal.score, comment=appraisal.comment, reviewer=actor,
             revision=F("revision") + 1, updated_at=timezone.now())  # fmt: skip
    if not updated:
        raise EditConflict()


@transaction.atomic
def review_grid(
    process: Process, *, actor, appraisals: dict[str, Appraisal], complete: bool = False
) -> dict[str, CriterionReview]:
    """Record the advisor's appraisals of the grid's criteria, all or none.

    A draft (`complete=False`) keeps whatever was typed, a score may still be missing.
    A complete grid needs a score for every criterion and a comment wherever the
    criterion is not met. Appraisals equal to what is stored are left alone, so a form
    sent twice writes once; one changed by someone else meanwhile raises EditConflict
    and nothing is written.
    """
    process = locked(process)
    require(process, actor, "review")
    referral = process.referral
    codes = [result["code"] for result in referral.version.precheck["results"]]
    if set(appraisals) - set(codes):
        raise ValidationError(_("Critère inconnu de la grille appliquée."))
    if any(a.score and a.score not in CriterionReview.Score.values for a in appraisals.values()):
        raise ValidationError(_("Appréciation inconnue."))
    if complete and (errors := _grid_errors(codes, appraisals)):
        raise ValidationError(errors)
    stored = {review.criterion: review for review in referral.criterion_reviews.all()}
    for code, appraisal in appraisals.items():
        current = stored.get(code)
        if current is None and not (appraisal.score or appraisal.comment.strip()):
            continue  # nothing typed for this criterion yet
        if current is not None and (current.score, current.comment) == (
            appraisal.score,
            appraisal.comment,
        ):
            continue
        _save(referral, actor, code, appraisal)
    return {review.criterion: review for review in referral.criterion_reviews.all()}


def review_criterion(
    process: Process,
    *,
    actor,
    criterion: str,
    score: str,
    comment: str,
    expected_revision: int | None,
) -> CriterionReview:
    """Record the advisor's appraisal of one criterion (a grid of one)."""
    reviews = review_grid(
        process,
        actor=actor,
        appraisals={criterion: Appraisal(score, comment, expected_revision)},
    )
    return reviews[criterion]
