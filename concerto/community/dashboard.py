"""What the community shows on agents' and CIPC advisors' dashboards."""

from django.db.models import Count

from concerto.accounts.roles import Role
from concerto.community.models import Question


def agent_panel(user) -> dict:
    mine = (
        Question.objects.filter(author=user)
        .annotate(reply_count=Count("replies"))
        .order_by("-created_at")[:5]
    )
    return {"template": "community/dashboard/agent.html", "questions": mine}


def cipc_panel(user) -> dict:
    questions = Question.objects.annotate(reply_count=Count("replies"))
    return {
        "template": "community/dashboard/cipc.html",
        "unanswered": questions.filter(reply_count=0).order_by("created_at")[:10],
        "to_promote": questions.filter(
            accepted_reply__isnull=False, faq_entry__isnull=True
        ).order_by("created_at")[:10],
    }


PANELS = {Role.AGENT: agent_panel, Role.REFERENT: agent_panel, Role.CIPC_ADVISOR: cipc_panel}
