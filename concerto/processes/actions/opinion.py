from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.frenchdates import french_date
from concerto.notifications.actions import notify
from concerto.processes.actions.common import locked, require, transition
from concerto.processes.actions.referral import referents_of
from concerto.processes.models import Opinion, Process, Recommendation


@transaction.atomic
def issue_opinion(
    process: Process, *, actor, verdict: str, reasoning: str, recommendations: list[str]
) -> Opinion:
    """Issue the CIPC's opinion on the version under review, with numbered recommendations."""
    process = locked(process)
    existing = Opinion.objects.filter(referral__process=process).select_related("issued_by").first()
    if existing:
        raise ValidationError(
            _("Un avis a déjà été rendu sur cette saisine par %(advisor)s le %(date)s.")
            % {"advisor": existing.issued_by, "date": french_date(existing.issued_at, "j F Y")}
        )
    require(process, actor, "issue_opinion")
    recommendations = [text.strip() for text in recommendations if text.strip()]
    errors = {}
    if not reasoning.strip():
        errors["reasoning"] = _("Motivez l'avis : il sera publié avec le dispositif.")
    if verdict == Opinion.Verdict.WITH_RECOMMENDATIONS and not recommendations:
        errors["recommendations"] = _(
            "Un avis favorable avec recommandations en compte au moins une."
        )
    if errors:
        raise ValidationError(errors)
    referral = process.referral
    opinion = Opinion.objects.create(
        referral=referral,
        version=referral.version,
        verdict=verdict,
        reasoning=reasoning.strip(),
        issued_by=actor,
        issued_at=timezone.now(),
    )
    Recommendation.objects.bulk_create(
        Recommendation(opinion=opinion, number=number, text=text)
        for number, text in enumerate(recommendations, start=1)
    )
    transition(process, "issue_opinion", actor, opinion.get_verdict_display())
    notify(
        [process.sponsor, process.project_lead, *referents_of(process.ministry)],
        subject=_("Avis du CIPC sur « %(title)s »") % {"title": process.title},
        body=ngettext(
            "Le CIPC a rendu un avis %(verdict)s (%(count)s recommandation).",
            "Le CIPC a rendu un avis %(verdict)s (%(count)s recommandations).",
            len(recommendations),
        )
        % {"verdict": opinion.get_verdict_display().lower(), "count": len(recommendations)},
        url=process.get_workspace_url(),
    )
    return opinion


@transaction.atomic
def answer_recommendation(
    recommendation: Recommendation, *, actor, answer: str, reason: str
) -> Recommendation:
    """The sponsor's answer to one recommendation; partial or refused answers give a reason."""
    process = locked(recommendation.opinion.referral.process)
    require(process, actor, "answer_recommendations")
    if answer not in Recommendation.Answer.values:
        raise ValidationError({"answer": _("Choisissez une réponse.")})
    if answer != Recommendation.Answer.ACCEPTED and not reason.strip():
        raise ValidationError(
            {"answer_reason": _("Expliquez pourquoi la recommandation n'est pas entièrement "
                                "acceptée : ce motif sera publié.")}
        )  # fmt: skip
    first_answer = not recommendation.answer
    recommendation.answer = answer
    recommendation.answer_reason = reason.strip()
    recommendation.answered_by = actor
    recommendation.answered_at = timezone.now()
    recommendation.save()
    opinion = recommendation.opinion
    if first_answer and not opinion.recommendations.filter(answer="").exists():
        # One e-mail when the last recommendation is answered, not one per answer.
        advisor = opinion.referral.advisor
        notify(
            [user for user in [*referents_of(process.ministry), advisor] if user != actor],
            subject=_("Réponses du commanditaire aux recommandations : %(title)s")
            % {"title": process.title},
            body=_("Le commanditaire a répondu à toutes les recommandations du CIPC sur "
                   "« %(title)s ». Le dispositif peut être publié.") % {"title": process.title},
            url=process.get_workspace_url(),
        )  # fmt: skip
    return recommendation
