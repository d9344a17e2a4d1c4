"""What the public API shows: the same public, anonymised data as the open-data files."""

from datetime import UTC, datetime

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from concerto.api.actions import API_CHANNELS, API_KINDS
from concerto.followup.models import AnswerLevel
from concerto.opendata.anonymise import contribution_author_id
from concerto.participation.kinds import RegisteredChoices
from concerto.participation.models import Channel, ContributionKind
from concerto.processes.lifecycle import Status

MAX_ID = 2**53  # larger values cannot be database keys; refused before any query
# A contribution received elsewhere is dated from its arrival: no earlier than this (a
# year typed as 1 or 0201 is a slip, and would sort before every other contribution).
EARLIEST_SUBMISSION = datetime(2000, 1, 1, tzinfo=UTC)


class OrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class ProcessSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField(help_text=_("Titre du dispositif."))
    summary = serializers.CharField()
    ministry = OrganisationSerializer()
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    territory_level = serializers.CharField()
    territories = serializers.CharField()
    themes = serializers.SerializerMethodField()
    methods = serializers.ListField(child=serializers.CharField())
    participation_start = serializers.DateField(allow_null=True)
    participation_end = serializers.DateField(allow_null=True)
    decision_date = serializers.DateField(allow_null=True)
    follow_up_date = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_themes(self, process) -> list[str]:
        return [theme.slug for theme in process.themes.all()]

    def get_url(self, process) -> str:
        return self.context["request"].build_absolute_uri(process.get_absolute_url())


class ModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    process = serializers.IntegerField(source="process_id")
    kind = serializers.ChoiceField(choices=RegisteredChoices())
    title = serializers.CharField()
    description = serializers.CharField()
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()


class ContributionSerializer(serializers.Serializer):
    """No name, no account: only a pseudonymous author id, stable within one process, and
    distinct for questionnaire answers (concerto.opendata.anonymise)."""

    id = serializers.IntegerField()
    process = serializers.IntegerField(source="module.process_id")
    module = serializers.IntegerField(source="module_id")
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    title = serializers.CharField()
    body = serializers.CharField()
    theme = serializers.CharField(source="theme.slug", allow_null=True, default=None)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    stance = serializers.CharField()
    author = serializers.SerializerMethodField(
        help_text=_(
            "Identifiant pseudonyme de l'auteur : le même pour ses contributions à un même "
            "dispositif, sans lien d'un dispositif à l'autre ni entre ses réponses aux "
            "questionnaires et ses autres contributions ; vide si la contribution n'est pas "
            "signée."
        )
    )
    created_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_author(self, contribution) -> str | None:
        return contribution_author_id(contribution, contribution.module.process_id)


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    process = serializers.IntegerField(source="process_id")
    level = serializers.ChoiceField(choices=AnswerLevel.choices)
    target = serializers.CharField()
    status = serializers.CharField(source="status.code")
    status_label = serializers.CharField(source="status.label")
    text = serializers.CharField()
    reason = serializers.CharField()
    new_date = serializers.DateField(allow_null=True)
    decision_url = serializers.CharField()
    legal_reference = serializers.CharField()
    contributions = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_contributions(self, answer) -> list[int]:
        items = getattr(answer, "public_contributions", None)
        if items is None:
            items = answer.contributions.filter(status="published")
        return sorted(c.pk for c in items)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_progress(self, answer) -> int | None:
        """From the milestones of a retained answer only; null otherwise."""
        return answer.progress(list(answer.milestones.all()))


class FigureSerializer(serializers.Serializer):
    ministry = serializers.CharField(source="ministry.name")
    ministry_slug = serializers.CharField(source="ministry.slug")
    closed = serializers.IntegerField(help_text=_("Dispositifs dont la participation est close."))
    due = serializers.IntegerField(help_text=_("Engagements de suite échus."))
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    not_delivered = serializers.IntegerField()
    contributions = serializers.IntegerField()
    covered = serializers.IntegerField()
    follow_up_rate = serializers.FloatField(allow_null=True)


# Filters (query parameters), checked before any query


class ProcessFilters(serializers.Serializer):
    ministere = serializers.SlugField(required=False, help_text=_("Identifiant du ministère."))
    statut = serializers.ChoiceField(choices=Status.choices, required=False)
    theme = serializers.SlugField(required=False, help_text=_("Identifiant du thème."))


class ModuleFilters(serializers.Serializer):
    dispositif = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    type = serializers.ChoiceField(choices=RegisteredChoices(), required=False)


class ContributionFilters(serializers.Serializer):
    dispositif = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    module = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    type = serializers.ChoiceField(choices=ContributionKind.choices, required=False)
    canal = serializers.ChoiceField(choices=Channel.choices, required=False)
    depuis = serializers.DateTimeField(
        required=False, help_text=_("Déposées à partir de cette date (ISO 8601).")
    )


class AnswerFilters(serializers.Serializer):
    dispositif = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    statut = serializers.SlugField(required=False, help_text=_("Code du statut de réponse."))
    depuis = serializers.DateTimeField(
        required=False, help_text=_("Publiées à partir de cette date (ISO 8601).")
    )


# Organisations' writes


class ContributionInput(serializers.Serializer):
    module = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    body = serializers.CharField(max_length=20_000)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(
        choices=[(c.value, c.label) for c in API_CHANNELS], default=Channel.ONLINE
    )
    kind = serializers.ChoiceField(
        choices=[(k.value, k.label) for k in API_KINDS], default=ContributionKind.CONTRIBUTION
    )
    submitted_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def validate_submitted_at(self, value):
        if value is not None and value < EARLIEST_SUBMISSION:
            raise serializers.ValidationError(
                _("La date de dépôt est antérieure au 1er janvier 2000 : vérifiez l'année.")
            )
        return value


class AnswerInput(serializers.Serializer):
    process = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    level = serializers.ChoiceField(choices=AnswerLevel.choices, default=AnswerLevel.PROPOSAL)
    target = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    status = serializers.SlugField(help_text=_("Code du statut de réponse (ex. retenue)."))
    text = serializers.CharField(max_length=20_000)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    new_date = serializers.DateField(required=False, allow_null=True, default=None)
    decision_url = serializers.URLField(required=False, allow_blank=True, default="")
    legal_reference = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    theme = serializers.SlugField(required=False, allow_null=True, default=None)
    contributions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=1000,
    )


class DraftAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    process = serializers.IntegerField(source="process_id")
    status = serializers.CharField(source="status.code")
    target = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class PublicationInput(serializers.Serializer):
    process = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class PublicationSerializer(serializers.Serializer):
    batch = serializers.IntegerField()
    published = serializers.IntegerField()
