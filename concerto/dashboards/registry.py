"""One dashboard per role, at a stable French address."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from concerto.accounts.roles import Role


@dataclass(frozen=True)
class Dashboard:
    role: str
    slug: str
    title: str
    intro: str


DASHBOARDS: dict[str, Dashboard] = {
    dashboard.slug: dashboard
    for dashboard in (
        Dashboard(
            Role.ADMINISTRATOR,
            "administration",
            _("Administration de la plateforme"),
            _("Gérer les comptes, les organisations et les rôles, et surveiller les tâches."),
        ),
        Dashboard(
            Role.CIPC_ADVISOR,
            "cipc",
            _("Espace du Centre interministériel de la participation citoyenne"),
            _("Les saisines à examiner, les avis à rendre et les échéances de tout l'État."),
        ),
        Dashboard(
            Role.REFERENT,
            "referent",
            _("Espace référent ministériel"),
            _(
                "Les dispositifs de votre ministère à valider et à transmettre au CIPC, et leurs "
                "échéances."
            ),
        ),
        Dashboard(
            Role.AGENT,
            "agent",
            _("Espace agent public"),
            _("Vos dispositifs participatifs, de la déclaration au devoir de suite."),
        ),
        Dashboard(
            Role.EXPERT,
            "expert",
            _("Espace expert"),
            _("Les dispositifs à analyser et les recommandations de votre groupe d'experts."),
        ),
        Dashboard(
            Role.PROVIDER,
            "prestataire",
            _("Espace prestataire"),
            _("Les dispositifs pour lesquels vous analysez les contributions ou animez un panel."),
        ),
        Dashboard(
            Role.CITIZEN,
            "citoyen",
            _("Mon espace citoyen"),
            _(
                "Vos contributions, les démarches que vous suivez et les réponses qui vous "
                "concernent."
            ),
        ),
    )
}

BY_ROLE: dict[str, Dashboard] = {dashboard.role: dashboard for dashboard in DASHBOARDS.values()}


def dashboards_for(user) -> list[Dashboard]:
    """The user's dashboards, the one they land on first."""
    return [BY_ROLE[role] for role in user.roles]
