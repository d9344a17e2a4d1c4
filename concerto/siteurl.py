"""The platform's public address in what leaves it: e-mails, letters, QR codes.

Links are built from SITE_URL, never from the host a request came through: behind the
load balancer that is an internal name, and a link must open for its reader wherever
the platform is served (`make run PORT=8200` sets SITE_URL from HOST and PORT).
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` on the public address; an address that is already absolute is kept."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def email_link_parts() -> dict[str, str]:
    """The `protocol` and `domain` Django's password-reset e-mail writes its link with."""
    parts = urlsplit(settings.SITE_URL)
    return {"protocol": parts.scheme, "domain": parts.netloc}
