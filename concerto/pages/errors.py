"""Error answers a person can read: Django's 405 has an empty body."""

from django.template.loader import render_to_string


class MethodNotAllowedPageMiddleware:
    """Turn an empty 405 (require_POST, require_safe…) into the DSFR error page for
    browsers, keeping its status and Allow header; API clients get the answer as it was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and "text/html" in request.headers.get("Accept", "")
        ):
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
