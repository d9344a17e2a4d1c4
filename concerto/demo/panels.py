"""Demo data: a citizens' panel drawn by lot and published (issue 6).

The pool is synthetic (no real person): 300 volunteers whose genre, age, area and
education follow rounded French population shares, generated from a fixed seed so that
every `make run` gives the same pool, the same LEXIMIN probabilities and the same draw.
"""

import random
from datetime import timedelta

from django.utils import timezone

from concerto.accounts.models import User
from concerto.panels import actions
from concerto.panels.models import Panel
from concerto.processes.models import Process

PROCESS_TITLE = "Rénover mieux : consultation nationale sur la rénovation énergétique des logements"
PANEL_NAME = "Panel citoyen sur la rénovation énergétique"
ORGANISER = "referente.ecologie@exemple.gouv.fr"
POOL_SIZE, PANEL_SIZE = 300, 30
# Rounded shares of the adult population (INSEE, recensement); volunteers' pools are
# rarely representative, so the pool leans older and more educated than these shares.
CATEGORIES = {
    "genre": {"femme": 0.48, "homme": 0.52},
    "âge": {"18-34 ans": 0.18, "35-49 ans": 0.24, "50-64 ans": 0.30, "65 ans et plus": 0.28},
    "territoire": {"urbain": 0.72, "rural": 0.28},
    "diplôme": {"bac ou moins": 0.45, "études supérieures": 0.55},
}
# A seed drawn in public after the lottery's publication (any string works).
SEED = "12-27-33-41-48"
SEED_ANNOUNCEMENT = (
    "La graine sera tirée en séance publique au ministère, par une huissière de justice : "
    "cinq boules d'une urne de 49, retransmises en direct."
)
SEED_ORIGIN = (
    "Tirée en séance publique au ministère par une huissière de justice, devant une "
    "quarantaine de personnes : boules 12, 27, 33, 41 et 48, dans l'ordre du tirage."
)


def pool_csv(seed: int = 2026) -> bytes:
    rng = random.Random(seed)
    lines = ["identifiant," + ",".join(CATEGORIES)]
    for number in range(1, POOL_SIZE + 1):
        values = [
            rng.choices(list(shares), weights=shares.values())[0] for shares in CATEGORIES.values()
        ]
        lines.append(f"V{number:04d}," + ",".join(values))
    return ("\n".join(lines) + "\n").encode()


def load() -> None:
    """Idempotent: the panel is made once, computed synchronously, drawn and published."""
    process = Process.objects.filter(title=PROCESS_TITLE).first()
    if process is None or Panel.objects.filter(process=process, name=PANEL_NAME).exists():
        return
    organiser = User.objects.get(email=ORGANISER)
    panel = actions.create_panel(
        process,
        actor=organiser,
        name=PANEL_NAME,
        size=PANEL_SIZE,
        retention_date=timezone.localdate() + timedelta(days=365),
    )
    actions.import_pool(panel, actor=organiser, data=pool_csv())
    # What the background task does, run here: the demo is ready when `make run` serves it.
    panel = actions.store_computation(panel.pk)
    actions.publish_lottery(panel, actor=organiser, announcement=SEED_ANNOUNCEMENT)
    actions.fix_seed(panel, actor=organiser, seed=SEED, origin=SEED_ORIGIN)
    actions.draw_panel(panel, actor=organiser)
    actions.publish_panel(panel, actor=organiser)
