"""Contributions and answers: public reads, and writes for organisations' tokens."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from concerto.api import actions
from concerto.api import serializers as s
from concerto.api.models import Scope
from concerto.api.views.public import PublicViewSet
from concerto.followup.models import AnswerStatus
from concerto.opendata import queries
from concerto.participation.models import Contribution, Module
from concerto.processes.models import Process, Theme

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description=gettext_lazy(
        "Clé unique choisie par l'expéditeur : un même envoi répété n'est enregistré qu'une fois."
    ),
)
MAX_KEY_LENGTH = 200


def _django_errors(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Contributions publiées, anonymisées"),
        parameters=[s.ContributionFilters],
        tags=["public"],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Une contribution publiée"), tags=["public"]),
)
class ContributionViewSet(PublicViewSet):
    serializer_class = s.ContributionSerializer
    filters_class = s.ContributionFilters
    required_scope = Scope.CONTRIBUTIONS_WRITE
    filter_lookups = {
        "dispositif": "module__process_id",
        "module": "module_id",
        "type": "kind",
        "canal": "channel",
        "depuis": "created_at__gte",
    }

    def get_queryset(self):
        return queries.public_contributions()

    @extend_schema(
        summary=gettext_lazy("Déposer une contribution reçue sur un autre canal"),
        request=s.ContributionInput,
        responses={201: s.ContributionSerializer, 200: s.ContributionSerializer},
        parameters=[IDEMPOTENCY_HEADER],
        tags=["organisations"],
    )
    def create(self, request):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key or len(key) > MAX_KEY_LENGTH:
            raise exceptions.ValidationError(
                {
                    "Idempotency-Key": _(
                        "L'en-tête Idempotency-Key est obligatoire (200 caractères au plus)."
                    )
                }  # fmt: skip
            )
        data = s.ContributionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        module = Module.objects.select_related("process").filter(pk=values.pop("module")).first()
        if module is None:
            raise exceptions.ValidationError({"module": _("Module inconnu.")})
        # Each kind says what partners may send it: a proposal goes to a proposals module,
        # an answer to a questionnaire; a free contribution goes anywhere.
        if values["kind"] not in module.kind_spec.api_contribution_kinds:
            raise exceptions.ValidationError(
                {
                    "kind": _(
                        "Un module « %(module)s » ne reçoit pas de contribution de type "
                        "« %(kind)s »."
                    )
                    % {"module": module.get_kind_display(), "kind": values["kind"]}
                }  # fmt: skip
            )
        try:
            contribution, created = actions.submit_partner_contribution(
                request.auth, module, idempotency_key=key, **values
            )
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        contribution = Contribution.objects.select_related("module", "theme").get(
            pk=contribution.pk
        )
        return Response(
            s.ContributionSerializer(contribution, context={"request": request}).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Réponses publiées du devoir de suite"),
        parameters=[s.AnswerFilters],
        tags=["public"],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Une réponse publiée"), tags=["public"]),
)
class AnswerViewSet(PublicViewSet):
    serializer_class = s.AnswerSerializer
    filters_class = s.AnswerFilters
    required_scope = Scope.ANSWERS_WRITE
    filter_lookups = {
        "dispositif": "process_id",
        "statut": "status__code",
        "depuis": "published_at__gte",
    }

    def get_queryset(self):
        return queries.public_answers()

    def _process(self, pk: int) -> Process:
        process = Process.objects.select_related("ministry").filter(pk=pk).first()
        if process is None:
            raise exceptions.ValidationError({"process": _("Dispositif inconnu.")})
        return process

    @extend_schema(
        summary=gettext_lazy("Rédiger une réponse (brouillon)"),
        request=s.AnswerInput,
        responses={201: s.DraftAnswerSerializer},
        tags=["organisations"],
    )
    def create(self, request):
        data = s.AnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        process = self._process(values.pop("process"))
        fields = {name: values[name] for name in (
            "level", "target", "text", "reason", "new_date", "decision_url", "legal_reference",
        )}  # fmt: skip
        fields["status"] = AnswerStatus.objects.filter(code=values["status"]).first()
        if fields["status"] is None:
            raise exceptions.ValidationError({"status": _("Statut de réponse inconnu.")})
        if values["theme"]:
            fields["theme"] = Theme.objects.filter(slug=values["theme"]).first()
            if fields["theme"] is None:
                raise exceptions.ValidationError({"theme": _("Thème inconnu.")})
        ids = set(values["contributions"])
        contributions = list(Contribution.objects.filter(pk__in=ids).select_related("module"))
        if len(contributions) != len(ids):
            raise exceptions.ValidationError({"contributions": _("Contribution inconnue.")})
        try:
            answer = actions.draft_answer(
                request.auth, process, fields=fields, contributions=contributions
            )
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        return Response(s.DraftAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Publier les réponses en brouillon d'un dispositif"),
        request=s.PublicationInput,
        responses={200: s.PublicationSerializer},
        tags=["organisations"],
    )
    @action(detail=False, methods=["post"], url_path="publication")
    def publication(self, request):
        data = s.PublicationInput(data=request.data)
        data.is_valid(raise_exception=True)
        process = self._process(data.validated_data["process"])
        try:
            batch = actions.publish_answers(request.auth, process)
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        return Response({"batch": batch.pk, "published": batch.answers.count()})
