"""Who may do what in the community of agents."""

from concerto.accounts import policy
from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role

# Public servants who belong to the community; citizens and providers do not.
MEMBER_ROLES = frozenset({Role.AGENT, Role.REFERENT, Role.CIPC_ADVISOR, Role.EXPERT})


def is_member(user) -> bool:
    signed_in = policy.signed_in(user)
    return signed_in and (user.is_superuser or bool(MEMBER_ROLES & set(user.roles)))


def community_abilities(user) -> dict[str, bool]:
    member = is_member(user)
    return {"read": member, "ask": member, "list_in_directory": member}


def question_abilities(question, user) -> dict[str, bool]:
    member = is_member(user)
    cipc = is_cipc(user)
    author = member and question.author_id == user.pk
    accepted = question.accepted_reply_id is not None
    return {
        "read": member,
        "reply": member,
        # The asker knows which reply solved their problem; the CIPC may decide for them.
        "accept": (author or cipc) and not question.faq_entry_id,
        "promote": cipc and accepted and not question.faq_entry_id,
    }
