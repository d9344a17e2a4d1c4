from datetime import timedelta

from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.followup import closing
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


def ready_panel(size: int = 10, n: int = 40, process=None, referent=None):
    """A panel with an imported pool and proportional quotas; returns (panel, organiser)."""
    if process is None:
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


ANNOUNCEMENT = "Tirée en séance publique le 15 janvier à 14 h : cinq boules d'une urne."
ORIGIN = "Tirée par une huissière de justice devant trente personnes."


def lottery_panel(**kwargs):
    """A computed panel whose lottery is published, before any seed."""
    panel, referent = computed_panel(**kwargs)
    actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    panel.refresh_from_db()
    return panel, referent


def drawn_panel(seed: str = "07-19-23-31-42", **kwargs):
    panel, referent = lottery_panel(**kwargs)
    actions.fix_seed(panel, actor=referent, seed=seed, origin=ORIGIN)
    draw = actions.draw_panel(panel, actor=referent)
    panel.refresh_from_db()
    return panel, referent, draw


def other_user():
    return user_with_role(Role.AGENT)


CATEGORIES = [("genre", ["femme", "homme"]), ("âge", ["18-34", "35-64", "65+"])]


def recruiting_panel(size: int = 2, household_rule: bool = False, process=None, referent=None):
    """A panel whose categories are defined, before any pool: (panel, organiser)."""
    from concerto.panels import recruitment

    if process is None:
        process, referent = published_process()
    panel = actions.create_panel(
        process,
        actor=referent,
        name="Panel citoyen vélo",
        size=size,
        retention_date=timezone.localdate() + timedelta(days=90),
        household_rule=household_rule,
    )
    recruitment.define_categories(panel, actor=referent, categories=CATEGORIES)
    panel.refresh_from_db()
    return panel, referent


def invite(panel, referent, contacts=("1 rue A, Paris", "2 rue B, Lyon"), label="Lot 1"):
    """An invitation batch of `contacts`: returns (batch, codes in contact order)."""
    from concerto.panels import recruitment

    data = ("adresse\n" + "\n".join(f'"{c}"' for c in contacts) + "\n").encode()
    batch = recruitment.import_invitations(
        panel, actor=referent, label=label, channel="mail", data=data
    )
    return batch, list(batch.invitations.order_by("pk").values_list("code", flat=True))


def closed_process_with_panel():
    """A process whose participation is closed, holding a drawn panel: (panel, referent)."""
    from concerto.processes.lifecycle import Status
    from tests.followup.conftest import ensure_statuses

    ensure_statuses()
    process = complete_process()
    referent, _advisor = walk_to(process, Status.OPEN)
    panel, _referent, _draw = drawn_panel(process=process, referent=referent)
    closing.close_participation(process, actor=referent)
    process.refresh_from_db()
    panel.process = process
    return panel, referent
