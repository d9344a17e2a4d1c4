"""What a user may do with the analysis of one participation module."""

from concerto.analysis.models import ProviderAccess


def is_designated_provider(module, user) -> bool:
    """A provider the organiser designated for this module, not revoked since."""
    if not getattr(user, "is_authenticated", False):
        return False

    return ProviderAccess.objects.filter(
        module=module, user=user, revoked_at__isnull=True, user__is_active=True
    ).exists()


def analysis_abilities(module, user) -> dict[str, bool]:
    """Organisers of the process (ministry agents and referents) run, curate and
    publish; a run needs the module closed, so that its figures are final. A
    provider they designate reads and curates the workspace (every change is an
    operation recorded with its author), but neither runs, publishes nor
    designates anyone."""
    organiser = module.get_abilities(user)["manage"]
    provider = not organiser and is_designated_provider(module, user)
    return {
        "view": organiser or provider,
        "run": organiser and not module.is_open(),
        "curate": organiser or provider,
        "publish": organiser,
        "providers": organiser,
    }
