"""The analyses a provider was given access to, on the provider's dashboard."""

from concerto.accounts.roles import Role
from concerto.analysis.models import ProviderAccess


def provider_panel(user) -> dict | None:
    accesses = (
        ProviderAccess.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("module__process")
        .order_by("-granted_at", "-pk")[:20]
    )
    if not accesses:
        return None
    return {"template": "analysis/dashboard/provider.html", "accesses": accesses}


PANELS = {Role.PROVIDER: provider_panel}
