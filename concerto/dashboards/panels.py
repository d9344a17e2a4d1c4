"""Each domain adds its own panels to the role dashboards.

A domain lists its panel builders in a module-level ``PANELS`` dict
(role → builder, or role → tuple of builders); a builder takes the user and
returns a context dict with a ``template`` key, or None when it has nothing
to show. Adding a domain here is the only change the dashboards need.
"""

from importlib import import_module

PANEL_MODULES: tuple[str, ...] = (
    # The late commitments, above the processes of the ministry or the CIPC's referrals.
    "concerto.followup.dashboard",
    "concerto.processes.dashboard",
    "concerto.community.dashboard",
    "concerto.trainings.dashboard",
    "concerto.support.dashboard",
    "concerto.procurement.dashboard",
    "concerto.network.dashboard",
    "concerto.expertgroups.dashboard",
    "concerto.analysis.dashboard",
    "concerto.jobs.dashboard",
    "concerto.administration.dashboard",
)


def panels_for(role: str, user) -> list[dict]:
    panels = []
    for module_name in PANEL_MODULES:
        builders = getattr(import_module(module_name), "PANELS", {}).get(role, ())
        if callable(builders):
            builders = (builders,)
        for builder in builders:
            panel = builder(user)
            if panel:
                panels.append(panel)
    return panels
