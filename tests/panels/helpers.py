from datetime import timedelta

from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.panels import actions
from concerto.processes.lifecycle import Status
from tests.factories import complete_process, user_with_role, walk_to

AGES = ("18-34", "35-64", "65+")


def pool_csv(n: int = 40) -> bytes:
    """n respondents: genre alternates, age cycles over three brackets; ids resp-001…"""
    lines = ["pool_member_identifier,genre,age"]
    for i in range(n):
        lines.append(f"resp-{i + 1:03d},{'femme' if i % 2 == 0 else 'homme'},{AGES[i % 3]}")
    return ("\n".join(lines) + "\n").encode()


def published_process():
    """A published process and its referent (who manages participation)."""
    process = complete_process()
    referent, _advisor = walk_to(process, Status.PUBLISHED)
    return process, referent


def ready_panel(size: int = 10, n: int = 40):
    """A panel with an imported pool and proportional quotas; returns (panel, organiser)."""
    process, referent = published_process()
    panel = actions.create_panel(
        process,
        actor=referent,
        name="Panel citoyen vélo",
        size=size,
        retention_date=timezone.localdate() + timedelta(days=90),
    )
    actions.import_pool(panel, actor=referent, data=pool_csv(n))
    panel.refresh_from_db()
    return panel, referent


def computed_panel(**kwargs):
    panel, referent = ready_panel(**kwargs)
    actions.start_computation(panel, actor=referent)
    panel.refresh_from_db()
    return panel, referent


def drawn_panel(seed: str = "07-19-23-31-42", **kwargs):
    panel, referent = computed_panel(**kwargs)
    actions.fix_seed(panel, actor=referent, seed=seed)
    draw = actions.draw_panel(panel, actor=referent)
    panel.refresh_from_db()
    return panel, referent, draw


def other_user():
    return user_with_role(Role.AGENT)
