"""Named writes of profile questions: choose them, answer them, publish the page."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts import policy
from concerto.generations import Spec, remembered
from concerto.participation.actions import merge_into_profile, profile_answers
from concerto.representativeness.abilities import representativeness_abilities
from concerto.representativeness.catalogue import catalogue
from concerto.representativeness.models import ProfileResponse, ProfileSettings

KEPT_SECONDS = 300


def _require(process, user, ability: str) -> None:
    if not representativeness_abilities(process, user)[ability]:
        raise PermissionDenied


@transaction.atomic
def configure_profile(
    process, *, actor, questions: list[str], alert_percent: int
) -> ProfileSettings:
    """Set the catalogue questions asked to the process's participants and the alert threshold."""
    _require(process, actor, "configure")
    known = catalogue()
    unknown = [key for key in questions if key not in known]
    if unknown:
        raise ValidationError({"questions": _("Question inconnue : %s.") % ", ".join(unknown)})
    if not 1 <= alert_percent <= 100:
        raise ValidationError({"alert_percent": _("Indiquez un seuil entre 1 et 100 %.")})
    ordered = [key for key in known if key in set(questions)]
    settings, _created = ProfileSettings.objects.update_or_create(
        process=process, defaults={"questions": ordered, "alert_percent": alert_percent}
    )
    return settings


def questions_scope(process_id: int) -> str:
    return f"profile-questions:{process_id}"


def asked_questions(process) -> list[str]:
    """The questions the process asks, kept in the shared cache until its settings are
    saved or deleted (apps.py): every contribution online asks (`profile_step`)."""

    return list(remembered(*questions_spec(process.pk)))


def questions_spec(process_id: int) -> Spec:
    """remembered()'s arguments for asked_questions (a contribution reads them ahead:
    apps.py)."""

    def load() -> list[str]:
        settings = ProfileSettings.objects.filter(process_id=process_id).first()
        return list(settings.questions) if settings else []

    return questions_scope(process_id), "questions", load, KEPT_SECONDS


def needs_profile(process, user) -> bool:
    """Whether `user` should be offered the process's profile questions (once per process)."""
    if not (user and user.is_authenticated) or not asked_questions(process):
        return False
    return not ProfileResponse.objects.filter(process=process, user=user).exists()


def prefill(process, user) -> dict[str, str]:
    """The person's account-level answers to the questions `process` asks, to pre-fill
    its form. Empty unless the person once consented to keep a profile."""
    kept = profile_answers(user)
    return {key: kept[key] for key in asked_questions(process) if kept.get(key)}


def answer_profile(
    process, *, user, answers: dict[str, str], save_to_profile: bool = False
) -> tuple[ProfileResponse, bool]:
    """Store a participant's profile answers once; skipped questions are left out.

    Only the process's chosen questions and their catalogue categories are kept. A
    second call returns the first answers unchanged (asked once per process). With
    `save_to_profile` (the person ticked the consent box), the answers given are also
    merged into the account-level profile, in the same transaction, only on the call
    that stores them: a double submit neither stores nor merges twice.
    """
    if not policy.signed_in(user):
        raise PermissionDenied
    chosen = asked_questions(process)
    if not chosen:
        raise ValidationError(_("Ce dispositif ne pose pas de questions de profil."))
    known = catalogue()
    kept = {}
    for key in chosen:
        code = answers.get(key) or ""
        if not code:
            continue
        if code not in {c.code for c in known[key].categories}:
            raise ValidationError({key: _("Réponse inconnue.")})
        kept[key] = code
    existing = ProfileResponse.objects.filter(process=process, user=user).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            response = ProfileResponse.objects.create(
                process=process, user=user, answers=kept, answered_at=timezone.now()
            )
            if save_to_profile:
                merge_into_profile(user, answers=kept)
    except IntegrityError:  # the same person answered twice at once: keep the first
        return ProfileResponse.objects.get(process=process, user=user), False
    return response, True


@transaction.atomic
def set_published(process, *, actor, published: bool) -> ProfileSettings:
    """Publish (or withdraw) the representativeness page of `process`."""
    _require(process, actor, "publish")
    settings = ProfileSettings.objects.select_for_update().filter(process=process).first()
    if settings is None or not settings.questions:
        raise ValidationError(_("Choisissez d'abord les questions de profil."))
    settings.published_at = timezone.now() if published else None
    settings.published_by = actor if published else None
    settings.save(update_fields=["published_at", "published_by", "updated_at"])
    return settings
