from datetime import timedelta

from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.network.models import ActionPlan, ActionStatus, Deputy, PlanAction
from tests.factories import DirectorateFactory, MinistryFactory, user_with_role


def plan_with_actions(ministry=None, *, slug="culture", name="Ministère de la Culture"):
    """A ministry with a referent, an agent, a plan and three actions (one late)."""
    ministry = ministry or MinistryFactory(slug=slug, name=name)
    referent = user_with_role(Role.REFERENT, organisation=ministry)
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    today = timezone.localdate()
    plan = ActionPlan.objects.create(
        ministry=ministry,
        title=f"Plan participation — {name}",
        strategy="Associer les publics à chaque grande réforme.",
        period_start=today - timedelta(days=100),
        period_end=today + timedelta(days=600),
    )
    actions = [
        PlanAction.objects.create(
            plan=plan,
            title="Former les chefs de projet",
            owner=agent,
            due_date=today + timedelta(days=20),
        ),
        PlanAction.objects.create(
            plan=plan,
            title="Nommer un suppléant",
            owner=referent,
            due_date=today - timedelta(days=5),
            status=ActionStatus.IN_PROGRESS,
        ),
        PlanAction.objects.create(
            plan=plan,
            title="Publier la stratégie",
            owner=referent,
            due_date=today - timedelta(days=30),
            status=ActionStatus.DONE,
        ),
    ]
    return plan, referent, agent, actions


def deputy_of(ministry):
    user = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    Deputy.objects.create(ministry=ministry, user=user, title="Adjointe au référent")
    return user
