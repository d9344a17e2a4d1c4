"""Browsable API documentation: a DSFR page generated from the OpenAPI description,
served by the platform itself (no script or style loaded from elsewhere)."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_of(request) -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def endpoints(schema: dict) -> list[dict]:
    """One entry per operation, in path order: what the page lists."""
    rows = []
    for path, operations in schema.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            parameters = [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "required": parameter.get("required", False),
                    "description": parameter.get("description", ""),
                }
                for parameter in operation.get("parameters", [])
            ]
            rows.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "authenticated": "organisations" in operation.get("tags", []),
                }
            )
    return rows


@require_safe
def documentation(request):
    schema = _schema_of(request)
    context = {
        "info": schema.get("info", {}),
        "endpoints": endpoints(schema),
        "schema_url": reverse("api:schema"),
        "base_url": request.build_absolute_uri("/api/v1/"),
    }
    return render(request, "api/docs.html", context)
