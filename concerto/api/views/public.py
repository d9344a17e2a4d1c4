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
    # Query parameter (French, as documented) -> ORM lookup it filters on.
    filter_lookups: dict[str, str] = {}
    lookup_value_regex = LOOKUP

    def filter_queryset(self, queryset):
        if self.action != "list" or self.filters_class is None:
            return queryset
        checked = self.filters_class(data=self.request.query_params)
        checked.is_valid(raise_exception=True)
        filters = checked.validated_data
        return queryset.filter(
            **{
                lookup: filters[key]
                for key, lookup in self.filter_lookups.items()
                if key in filters
            }
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Dispositifs publiés"), parameters=[s.ProcessFilters], tags=["public"]
    ),
    retrieve=extend_schema(summary=_("Un dispositif publié"), tags=["public"]),
)
class ProcessViewSet(PublicViewSet):
    serializer_class = s.ProcessSerializer
    filters_class = s.ProcessFilters
    filter_lookups = {"ministere": "ministry__slug", "statut": "status", "theme": "themes__slug"}

    def get_queryset(self):
        return queries.public_processes()


@extend_schema_view(
    list=extend_schema(
        summary=_("Modules de participation"), parameters=[s.ModuleFilters], tags=["public"]
    ),
    retrieve=extend_schema(summary=_("Un module de participation"), tags=["public"]),
)
class ModuleViewSet(PublicViewSet):
    serializer_class = s.ModuleSerializer
    filters_class = s.ModuleFilters
    filter_lookups = {"dispositif": "process_id", "type": "kind"}

    def get_queryset(self):
        return queries.public_modules()


class FigureViewSet(viewsets.GenericViewSet):
    serializer_class = s.FigureSerializer
    pagination_class = None

    @extend_schema(summary=_("Chiffres du devoir de suite par ministère"), tags=["public"])
    def list(self, request):
        return Response(self.get_serializer(ministry_figures(), many=True).data)
