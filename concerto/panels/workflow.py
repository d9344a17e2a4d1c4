"""The workflow of a panel drawn by lot (issue 20): its statuses and its staff steps.

Two steps move the panel: `draw` (in preparation → drawn) and `publish` (drawn →
published). The other staff steps that concern the panel as a whole leave its status as
it is (target None) and start from the statuses they are allowed in: preparing the pool,
the quotas and the lottery before the draw, replacing members after it. Each is named
after its activity log code (`panels.<step>`), so the log keeps its lines, and each is
written in the panel's history (`PanelTransition`): who did what, and when.

Steps on a session or a recommendation (`panels.plan_session`, `panels.record_attendance`,
`panels.add_recommendation`) are logged against that object, not the panel: they are not
steps of this workflow.

The actions check first, with their own French message, what they could already refuse
(`Panel.locked`, a lottery already published…); `Workflow.take` checks the status again
and refuses with `refusal` what no such message covers.
"""

from django.utils.translation import gettext_lazy as _

from concerto.activity.log import record
from concerto.panels.models import Panel, PanelTransition
from concerto.workflow import Step, Workflow

Status = Panel.Status
PREPARING = frozenset({Status.DRAFT})
DRAWN = frozenset({Status.DRAWN, Status.PUBLISHED})

PANEL_WORKFLOW = Workflow(
    name="panels",
    statuses=Panel.Status,
    initial=Status.DRAFT,
    steps={
        "create": Step(PREPARING),
        # Recruitment, pool and quotas: while the pool is not frozen (Panel.locked).
        "define_categories": Step(PREPARING),
        "import_invitations": Step(PREPARING),
        "import_pool": Step(PREPARING),
        "import_quotas": Step(PREPARING),
        "update_quotas": Step(PREPARING, label=_("Quotas modifiés")),
        "start_computation": Step(
            PREPARING, label=_("Calcul des probabilités lancé, inscriptions closes")
        ),
        # The lottery is published before its seed is drawn, then the seed designates a ticket.
        "publish_lottery": Step(PREPARING, label=_("Loterie publiée avant le tirage de la graine")),
        "fix_seed": Step(PREPARING),
        "draw": Step(PREPARING, Status.DRAWN),
        # Members who decline are replaced by a lottery published before its own seed.
        "decline": Step(DRAWN, label=_("Désistement enregistré pour un membre")),
        "publish_replacement_lottery": Step(
            DRAWN, label=_("Loterie de remplacement publiée avant le tirage de sa graine")
        ),
        "draw_replacement": Step(DRAWN),
        "publish": Step(
            frozenset({Status.DRAWN}), Status.PUBLISHED, label=_("Composition du panel publiée")
        ),
    },
    history=lambda: PanelTransition,
    subject="panel",
    record=record,
    refusal=_("Cette étape est impossible pour un panel au statut « %(status)s »."),
)
