"""The organiser's text: import a draft, correct it, publish it, prepare the next version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.codrafting.documents import document_of, write_units
from concerto.codrafting.history import record_version
from concerto.codrafting.kind import TEXT
from concerto.codrafting.models import POSITION_STEP, TextUnit, TextVersion, UnitKind
from concerto.engines.codrafting import read_draft
from concerto.participation.actions.common import require, required_text
from concerto.participation.models import Contribution, ContributionKind, Module


class DraftUnreadable(Exception):
    """The draft could not be read: `reading.errors` say why (codes, lines)."""

    def __init__(self, reading):
        super().__init__(reading.codes)
        self.reading = reading


def _locked_module(module: Module, actor) -> Module:
    require(module, actor, "manage", kind=TEXT)
    return Module.objects.select_for_update().get(pk=module.pk)


def _draft_unit(unit: TextUnit, actor) -> TextUnit:
    """The unit, read afresh, of a version still being prepared."""
    require(unit.version.module, actor, "manage", kind=TEXT)
    unit = (
        TextUnit.objects.select_related("version").select_for_update(of=("self",)).get(pk=unit.pk)
    )
    if unit.version.is_published:
        raise ValidationError(_("Cette version est publiée : elle ne change plus."))
    return unit


@transaction.atomic
def import_draft(module: Module, *, actor, data, format: str, name: str = ""):
    """Read a draft (Markdown, pasted text, DOCX, ODT) into version 1 of the module's
    text, replacing a version 1 not yet published. Returns (version, reading): the
    reading's warnings are for the organiser to check."""
    module = _locked_module(module, actor)
    if module.text_versions.filter(published_at__isnull=False).exists():
        raise ValidationError(
            _("Le texte est déjà publié : préparez une nouvelle version pour le modifier.")
        )
    reading = read_draft(data, format, name)
    if not reading.ok:
        raise DraftUnreadable(reading)
    module.text_versions.all().delete()
    version = TextVersion.objects.create(
        module=module,
        number=1,
        name=(name or reading.document.name or module.title).strip()[:300],
        source_format=format,
        created_by=actor,
    )
    write_units(version, reading.document)
    return version, reading


@transaction.atomic
def update_unit(
    unit: TextUnit,
    *,
    actor,
    heading: str,
    text: str,
    open: bool,
    closed_reason: str = "",
    sources=None,
) -> TextUnit:
    """Correct or revise a unit of a version being prepared, say whether it is open to
    suggestions (a closed one says why) and, from version 2 on, name the suggestions
    its change comes from (`sources`, contribution ids)."""
    unit = _draft_unit(unit, actor)
    if unit.is_paragraph:
        unit.text = required_text(text, field="text", message=_("Saisissez le texte de l'alinéa."))
    unit.heading = heading.strip()
    unit.open = open
    unit.closed_reason = "" if open else closed_reason.strip()
    if not open and not unit.closed_reason:
        raise ValidationError(
            {"closed_reason": _("Dites aux citoyens pourquoi ce passage n'est pas ouvert.")}
        )
    unit.save()
    if sources is not None and unit.version.number > 1:
        unit.sources.set(_suggestions_of(unit.version.module, sources))
    return unit


@transaction.atomic
def publish_version(version: TextVersion, *, actor, note: str = "") -> TextVersion:
    """Publish a version: citizens read it, suggest on it, and see its changes from the
    previous one. A version after the first says what changed."""
    module = _locked_module(version.module, actor)
    version = TextVersion.objects.select_for_update().get(pk=version.pk, module=module)
    if version.is_published:
        return version  # a second click
    if version.number > 1 and not note.strip():
        raise ValidationError({"note": _("Dites en quelques mots ce que cette version change.")})
    if not version.units.filter(kind=UnitKind.ARTICLE).exists():
        raise ValidationError(_("Le texte ne compte aucun article : corrigez l'import."))
    version.note = note.strip()
    version.published_at = timezone.now()
    version.save(update_fields=["note", "published_at"])
    write_units(version, document_of(version), keys_only=True)
    record_version(version)
    return version


@transaction.atomic
def start_version(module: Module, *, actor) -> TextVersion:
    """The next version, prepared from the latest published one (the one being prepared
    if there is one already): each unit remembers its origin."""
    module = _locked_module(module, actor)
    latest = module.text_versions.order_by("-number").first()
    if latest is None or not latest.is_published:
        if latest is None:
            raise ValidationError(_("Importez d'abord le projet de texte."))
        return latest
    version = TextVersion.objects.create(
        module=module, number=latest.number + 1, name=latest.name, created_by=actor
    )
    copies = {}
    for unit in latest.units.order_by("position", "pk"):
        copies[unit.pk] = TextUnit(
            version=version, position=unit.position, key=unit.key, kind=unit.kind,
            label=unit.label, heading=unit.heading, text=unit.text, open=unit.open,
            closed_reason=unit.closed_reason, origin=unit,
        )  # fmt: skip
    TextUnit.objects.bulk_create(copies.values())
    parents = latest.units.filter(parent__isnull=False).values_list("pk", "parent_id")
    for pk, parent_id in parents:
        copies[pk].parent = copies[parent_id]
    TextUnit.objects.bulk_update([copies[pk] for pk, _parent in parents], ["parent"])
    return version


def _suggestions_of(module: Module, ids) -> list[Contribution]:
    rows = list(
        Contribution.objects.filter(
            pk__in=list(ids), module=module, kind=ContributionKind.PROPOSAL
        ).filter(text_suggestion__isnull=False)
    )
    if len(rows) != len(set(ids)):
        raise ValidationError({"sources": _("Une suggestion cochée n'est pas de ce texte.")})
    return rows


@transaction.atomic
def add_article(
    version: TextVersion, *, actor, after: TextUnit, label: str, heading: str, text: str, sources=()
) -> TextUnit:
    """Insert a new article, with one paragraph, after article `after` of the version
    being prepared."""
    module = _locked_module(version.module, actor)
    version = TextVersion.objects.get(pk=version.pk, module=module)
    if version.is_published:
        raise ValidationError(_("Cette version est publiée : elle ne change plus."))
    label = required_text(label, field="label", message=_("Numérotez l'article (« Article 6 »)."))
    text = required_text(text, field="text", message=_("Saisissez le texte de l'article."))
    if after.version_id != version.pk or after.kind != UnitKind.ARTICLE:
        raise ValidationError({"after": _("Choisissez un article de cette version.")})
    # The new article goes after the last unit inside `after` (its paragraphs).
    end = version.units.filter(parent=after).aggregate(end=Max("position"))["end"]
    end = max(end or 0, after.position)
    following = version.units.filter(position__gt=end)
    gap = following.order_by("position").values_list("position", flat=True).first()
    if gap is None or gap - end < 3:
        following.update(position=F("position") + 2 * POSITION_STEP)
        gap = end + 2 * POSITION_STEP
    step = (gap - end) // 3
    article = TextUnit.objects.create(
        version=version, position=end + step, kind=UnitKind.ARTICLE, parent=after.parent,
        label=label[:100], heading=heading.strip()[:300],
    )  # fmt: skip
    paragraph = TextUnit.objects.create(
        version=version, position=end + 2 * step, kind=UnitKind.PARAGRAPH, parent=article,
        text=text,
    )  # fmt: skip
    suggestions = _suggestions_of(module, sources)
    article.sources.set(suggestions)
    paragraph.sources.set(suggestions)
    return article
