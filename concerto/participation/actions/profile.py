"""Named writes of the account-level participant profile: consent, answers, withdrawal."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from concerto.accounts import policy
from concerto.participation.models import ParticipantProfile
from concerto.participation.profile_questions import clean_answers


def _require_person(user) -> None:
    if not policy.signed_in(user):
        raise PermissionDenied


@transaction.atomic
def save_profile(user, *, answers: dict) -> ParticipantProfile:
    """Replace the person's profile answers with `answers`, consent given now.

    A code outside the catalogue is refused (ValidationError keyed by question) and
    the stored profile is left as it was.
    """
    _require_person(user)
    kept = clean_answers(answers)
    profile, _created = ParticipantProfile.objects.update_or_create(
        user=user, defaults={"answers": kept, "consented_at": timezone.now()}
    )
    return profile


@transaction.atomic
def merge_into_profile(user, *, answers: dict) -> ParticipantProfile:
    """Add `answers` to the person's profile (creating it), consent given now.

    Questions not in `answers` keep what the profile held: skipping a question in one
    process does not erase an answer kept for the others.
    """
    _require_person(user)
    kept = clean_answers(answers)
    # get_or_create: two forms sent at once by the same person still make one profile.
    profile, created = ParticipantProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"answers": kept, "consented_at": timezone.now()}
    )
    if not created:
        profile.answers = {**profile.answers, **kept}
        profile.consented_at = timezone.now()
        profile.save(update_fields=["answers", "consented_at"])
    return profile


def erase_profile(user) -> bool:
    """Withdraw consent: every answer of the profile goes at once. True if one existed."""
    return ParticipantProfile.objects.filter(user=user).delete()[0] > 0


def profile_answers(user) -> dict[str, str]:
    """The answers the person consented to keep; empty without a profile (no consent)."""
    if not (user and user.is_authenticated):
        return {}
    profile = ParticipantProfile.objects.filter(user=user).first()
    return dict(profile.answers) if profile else {}
