from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from concerto.api.models import ApiToken


class ReadOnlyOrScopedToken(permissions.BasePermission):
    """Reads are public; a write needs an organisation token holding the view's scope."""

    message = _("Cette opération demande un jeton d'organisation avec la portée adéquate.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        scope = getattr(view, "required_scope", None)
        return isinstance(token, ApiToken) and scope is not None and token.has_scope(scope)
