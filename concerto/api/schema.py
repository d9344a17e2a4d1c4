"""OpenAPI description: only the platform's own API, not other apps' internal ones."""


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
