from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from concerto.accounts.abilities import platform_abilities
from concerto.dashboards.panels import panels_for
from concerto.dashboards.registry import DASHBOARDS, dashboards_for


@require_safe
@login_required
def home(request):
    """Send the user to the dashboard of their main role."""
    return redirect("dashboards:role", slug=dashboards_for(request.user)[0].slug)


@require_safe
@login_required
def role_dashboard(request, slug: str):
    dashboard = DASHBOARDS.get(slug)
    if dashboard is None:
        raise Http404
    if not platform_abilities(request.user)[f"dashboard_{dashboard.role}"]:
        raise PermissionDenied
    memberships = request.user.memberships.filter(role=dashboard.role).select_related(
        "organisation"
    )
    context = {
        "panels": panels_for(dashboard.role, request.user),
        "notifications": request.user.notifications.unread()[:10],
        "dashboard": dashboard,
        "dashboards": dashboards_for(request.user),
        "memberships": memberships,
    }
    return render(request, "dashboards/dashboard.html", context)
