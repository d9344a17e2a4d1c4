"""`Authorization: Bearer cct_<prefix>_<secret>`: an organisation's token."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from concerto.api.models import TOKEN_PREFIX, ApiToken

# Writing last_used_at on every call would make each read a write; once a minute is enough.
TOUCH_INTERVAL_SECONDS = 60


def parse(raw: str) -> tuple[str, str] | None:
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("En-tête d'autorisation mal formé."))
        try:
            parsed = parse(header[1].decode("ascii"))
        except UnicodeDecodeError:
            parsed = None
        if parsed is None:
            raise exceptions.AuthenticationFailed(_("Jeton invalide."))
        prefix, secret = parsed
        token = (
            ApiToken.objects.active()
            .select_related("organisation", "created_by")
            .filter(prefix=prefix)
            .first()
        )
        if token is None or not token.matches(secret):
            raise exceptions.AuthenticationFailed(_("Jeton invalide ou révoqué."))
        if not token.created_by.is_active:
            raise exceptions.AuthenticationFailed(_("Le compte qui a créé ce jeton est désactivé."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > (
            TOUCH_INTERVAL_SECONDS
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.created_by, token

    def authenticate_header(self, request):
        return self.keyword


class OrganisationTokenScheme(OpenApiAuthenticationExtension):
    target_class = "concerto.api.authentication.OrganisationTokenAuthentication"
    name = "jetonOrganisation"

    def get_security_requirement(self, auto_schema):
        # Reads are public: no security requirement on them.
        if auto_schema.method in ("GET", "HEAD", "OPTIONS"):
            return {}
        return {self.name: []}

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _("Jeton d'une organisation (cct_…), créé par son référent ministériel.")
            ),
        }
