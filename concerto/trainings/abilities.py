"""What a user may do with a training session or a registration: read by actions,
views and templates alike."""

from concerto.accounts import policy
from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role

# Trainings are for the State's staff: agents, referents, the CIPC and experts.
LEARNER_ROLES = frozenset({Role.AGENT, Role.REFERENT, Role.CIPC_ADVISOR, Role.EXPERT})


def may_learn(user) -> bool:
    return policy.signed_in(user) and bool(LEARNER_ROLES.intersection(user.roles))


def session_abilities(session, user, registration=None) -> dict[str, bool]:
    """`registration` is the user's own row for this session, if any (saves a query)."""
    active = registration is not None and registration.is_active
    runs_it = is_cipc(user) or (policy.signed_in(user) and session.trainer_id == user.pk)
    return {
        "register": may_learn(user) and not session.has_started and not active,
        "cancel": active and not session.has_started,
        "view_registrations": runs_it,
        "take_attendance": runs_it and session.has_started,
    }


def registration_abilities(registration, user) -> dict[str, bool]:
    own = policy.signed_in(user) and registration.user_id == user.pk
    attended = registration.attended is True
    return {
        "answer_survey": own and attended and not hasattr(registration, "survey"),
        "download_certificate": attended and (own or is_cipc(user)),
    }
