"""Named actions of recruitment: categories, invitation batches, volunteers' registration.

Volunteers register with the code of their invitation; a code makes at most one pool
member (row lock on the invitation, one-to-one link, and the form's one-time key so
that the same form sent twice answers with the first registration).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.jobs.progress import start_job
from concerto.panels import csvimport
from concerto.panels.actions import (
    COMPUTATION_FIELDS,
    _lock,
    _require,
    _require_editable,
    _reset_computation,
    replace_categories,
)
from concerto.panels.models import (
    Invitation,
    InvitationBatch,
    Panel,
    PoolMember,
    Quota,
)
from concerto.panels.models.recruitment import normalise_code
from concerto.panels.workflow import PANEL_WORKFLOW

MAX_CATEGORIES = 12
MAX_VALUES = 30


def _check_categories(categories: list[tuple[str, list[str]]]) -> None:
    errors = []
    names = [name for name, _values in categories]
    if not categories:
        errors.append(_("Indiquez au moins une catégorie."))
    if len(categories) > MAX_CATEGORIES:
        errors.append(_("Au plus %(max)d catégories.") % {"max": MAX_CATEGORIES})
    for name, values in categories:
        if names.count(name) > 1:
            errors.append(_("La catégorie « %(name)s » apparaît deux fois.") % {"name": name})
        if len(values) < 2:
            errors.append(_("« %(name)s » : indiquez au moins deux valeurs.") % {"name": name})
        if len(set(values)) != len(values) or len(values) > MAX_VALUES:
            errors.append(
                _("« %(name)s » : des valeurs sont en double ou trop nombreuses.") % {"name": name}
            )
        if len(name) > 100 or any(len(v) > 100 for v in values):
            errors.append(_("« %(name)s » : 100 caractères au plus.") % {"name": name[:100]})
    if errors:
        raise ValidationError({"categories": sorted(set(errors), key=errors.index)})


@transaction.atomic
def define_categories(panel: Panel, *, actor, categories: list[tuple[str, list[str]]]) -> Panel:
    """Set the categories volunteers answer, before any pool exists; quotas start at [0, k]."""
    _require(panel.process, actor)
    panel = _lock(panel)
    _require_editable(panel)
    if panel.pool.exists():
        raise ValidationError(
            _("Des personnes sont déjà dans le vivier : les catégories ne changent plus.")
        )
    _check_categories(categories)
    replace_categories(panel, categories)
    panel.quotas.all().delete()
    Quota.objects.bulk_create(
        Quota(panel=panel, category=name, value=value, min=0, max=panel.size)
        for name, values in categories
        for value in values
    )
    panel.pool_counts = {name: dict.fromkeys(values, 0) for name, values in categories}
    panel.pool_size = 0
    _reset_computation(panel)
    names = ", ".join(name for name, _values in categories)
    PANEL_WORKFLOW.take(
        panel, "define_categories", actor,
        summary=_("Catégories définies : %(names)s") % {"names": names},
        also_save=("pool_counts", "pool_size", *COMPUTATION_FIELDS),
    )  # fmt: skip
    return panel


def start_invitation_import(
    panel: Panel, *, actor, label: str, channel: str, data: bytes, filename: str = ""
):
    """Queue an invitation batch's import as a background job (checked again when it
    runs); returns the Job. A taken label or closed registrations are told at once."""
    # cycle: panels.tasks imports panels.recruitment
    from concerto.panels.tasks import import_invitations_file

    _require(panel.process, actor)
    if not panel.registration_open:
        raise ValidationError(_("Les inscriptions sont closes : plus d'invitation possible."))
    label = label.strip()
    if panel.invitation_batches.filter(label=label).exists():
        raise ValidationError({"label": _("Un lot porte déjà ce nom.")})
    return start_job(
        import_invitations_file, owner=actor,
        label=_("Invitations « %(label)s » — %(name)s") % {"label": label, "name": panel.name},
        upload=(filename, data), panel_id=panel.pk, actor_id=actor.pk, batch_label=label,
        channel=channel,
    )  # fmt: skip


@transaction.atomic
def import_invitations(
    panel: Panel, *, actor, label: str, channel: str, data: bytes
) -> InvitationBatch:
    """A batch of invitations, one unguessable code per address or phone number."""
    _require(panel.process, actor)
    panel = _lock(panel)
    if not panel.registration_open:
        raise ValidationError(_("Les inscriptions sont closes : plus d'invitation possible."))
    label = label.strip()
    if panel.invitation_batches.filter(label=label).exists():
        raise ValidationError({"label": _("Un lot porte déjà ce nom.")})
    phone = channel == InvitationBatch.Channel.PHONE
    try:
        contacts = csvimport.parse_contacts(data, phone=phone)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    invited = Invitation.objects.filter(batch__panel=panel)
    already: set[str] = set()
    for start in range(0, len(contacts), 500):  # Bounded IN lists, for SQLite too.
        chunk = contacts[start : start + 500]
        already.update(invited.filter(contact__in=chunk).values_list("contact", flat=True))
        if len(already) >= 5:
            break
    if already:
        raise ValidationError(
            {
                "file": _("Déjà invités par un lot précédent : %(contacts)s.")
                % {"contacts": " ; ".join(sorted(already)[:5])}
            }
        )
    batch = InvitationBatch.objects.create(
        panel=panel, label=label, channel=channel, invited_count=len(contacts), created_by=actor
    )
    Invitation.objects.bulk_create(Invitation(batch=batch, contact=c) for c in contacts)
    PANEL_WORKFLOW.take(panel, "import_invitations", actor, summary=ngettext(
        "Lot d'invitations « %(label)s » : %(count)d invitation",
        "Lot d'invitations « %(label)s » : %(count)d invitations", len(contacts),
    ) % {"label": label, "count": len(contacts)})  # fmt: skip
    return batch


def _household(address: str) -> str:
    """Spelling-insensitive household key: "12 rue  de la Paix" = "12 Rue de la paix"."""
    return " ".join(address.casefold().replace(",", " ").split())


@transaction.atomic
def register(
    panel: Panel,
    *,
    code: str,
    values: dict[str, str],
    consent: bool,
    household: str = "",
    key: str = "",
) -> PoolMember:
    """A volunteer joins the pool with the code of their invitation.

    The same form sent twice (same `key`) returns the member it created; any other
    use of a used code is refused. Field errors are keyed like the form's fields.
    """
    panel = _lock(panel)
    if not panel.registration_open or not panel.categories.exists():
        raise ValidationError(_("Les inscriptions à ce panel sont closes."))
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("batch")
        .filter(batch__panel=panel, code=normalise_code(code))
        .first()
    )
    if invitation is None:
        raise ValidationError(
            {"code": _("Ce code d'invitation est inconnu : vérifiez-le sur votre invitation.")}
        )
    if invitation.registered_at is not None:
        member = PoolMember.objects.filter(invitation=invitation).first()
        if key and key == invitation.registration_key and member is not None:
            return member
        raise ValidationError({"code": _("Ce code d'invitation a déjà servi à une inscription.")})
    errors = {}
    answers = {}
    for category in panel.categories.all():
        value = values.get(category.name, "")
        if value not in category.values:
            errors[f"category_{category.pk}"] = _("Choisissez une réponse.")
        answers[category.name] = value
    if panel.household_rule and not _household(household):
        errors["household"] = _("Indiquez l'adresse de votre foyer.")
    if not consent:
        errors["consent"] = _("Votre accord est nécessaire pour entrer dans le vivier.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    member = PoolMember.objects.create(
        panel=panel,
        external_id=f"I{invitation.pk:06d}",
        values=answers,
        household=_household(household) if panel.household_rule else "",
        consent=True,
        invitation=invitation,
        registered_at=now,
    )
    invitation.registered_at = now
    invitation.registration_key = key[:64]
    invitation.save(update_fields=["registered_at", "registration_key"])
    InvitationBatch.objects.filter(pk=invitation.batch_id).update(
        registered_count=F("registered_count") + 1
    )
    counts = panel.pool_counts
    for name, value in answers.items():
        counts.setdefault(name, {})
        counts[name][value] = counts[name].get(value, 0) + 1
    panel.pool_counts = counts
    panel.pool_size += 1
    panel.save(update_fields=["pool_counts", "pool_size"])
    return member
