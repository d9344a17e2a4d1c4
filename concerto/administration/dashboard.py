"""The administration space's entry on the administrators' and CIPC advisors' dashboards."""

from concerto.accounts.abilities import may_change_site_settings
from concerto.accounts.roles import Role


def people_panel(user) -> dict:
    return {
        "template": "administration/dashboard.html",
        "site_settings": may_change_site_settings(user),
    }


PANELS = {Role.ADMINISTRATOR: people_panel, Role.CIPC_ADVISOR: people_panel}
