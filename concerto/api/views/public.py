"""The read-only public API: published data only, anonymised, cursor-paginated."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from concerto.api import serializers as s
from concerto.followup.queries import ministry_figures
from concerto.opendata import queries

LOOKUP = r"[0-9]{1,15}"


class PublicViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filters_class: type[s.serializers.Serializer] | None = None
    lookup_value_regex = LOOKUP

    def filter_queryset(self, queryset):
        if self.action != "list" or self.filters_class is None:
            return queryset
        checked = self.filters_class(data=self.request.query_params)
        checked.is_valid(raise_exception=True)
        return self.apply_filters(queryset, checked.validated_data)

    def apply_filters(self, queryset, filters: dict):
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary=_("Dispositifs publiés"), parameters=[s.ProcessFilters], tags=["public"]
    ),
    retrieve=extend_schema(summary=_("Un dispositif publié"), tags=["public"]),
)
class ProcessViewSet(PublicViewSet):
    serializer_class = s.ProcessSerializer
    filters_class = s.ProcessFilters

    def get_queryset(self):
        return queries.public_processes()

    def apply_filters(self, queryset, filters):
        if "ministere" in filters:
            queryset = queryset.filter(ministry__slug=filters["ministere"])
        if "statut" in filters:
            queryset = queryset.filter(status=filters["statut"])
        if "theme" in filters:
            queryset = queryset.filter(themes__slug=filters["theme"])
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary=_("Modules de participation"), parameters=[s.ModuleFilters], tags=["public"]
    ),
    retrieve=extend_schema(summary=_("Un module de participation"), tags=["public"]),
)
class ModuleViewSet(PublicViewSet):
    serializer_class = s.ModuleSerializer
    filters_class = s.ModuleFilters

    def get_queryset(self):
        return queries.public_modules()

    def apply_filters(self, queryset, filters):
        if "dispositif" in filters:
            queryset = queryset.filter(process_id=filters["dispositif"])
        if "type" in filters:
            queryset = queryset.filter(kind=filters["type"])
        return queryset


class FigureViewSet(viewsets.GenericViewSet):
    serializer_class = s.FigureSerializer
    pagination_class = None

    @extend_schema(summary=_("Chiffres du devoir de suite par ministère"), tags=["public"])
    def list(self, request):
        return Response(self.get_serializer(ministry_figures(), many=True).data)
