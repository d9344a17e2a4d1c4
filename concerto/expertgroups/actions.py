"""Named write operations of expert groups."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from concerto.accounts.roles import Role
from concerto.editing import EditConflict
from concerto.expertgroups.abilities import (
    can_create_group,
    can_record_answer,
    group_abilities,
    may_study,
)
from concerto.expertgroups.models import (
    Comment,
    Draft,
    DraftVersion,
    ExpertGroup,
    GovernmentAnswer,
    GroupMember,
    ProcessNote,
)
from concerto.expertgroups.models.drafting import AnswerStatus, DraftKind
from concerto.notifications.actions import notify


def require(group: ExpertGroup, user, ability: str) -> None:
    if not group_abilities(group, user)[ability]:
        raise PermissionDenied


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "groupe"
    slug, n = base, 1
    while ExpertGroup.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_members(members) -> None:
    outsiders = [str(user) for user in members if Role.EXPERT not in user.roles]
    if outsiders:
        raise ValidationError(
            {"members": _("Sans le rôle d'expert : %(names)s.") % {"names": ", ".join(outsiders)}}
        )


@transaction.atomic
def save_group(
    *, actor, fields: dict, members, processes, group: ExpertGroup | None = None
) -> ExpertGroup:
    """Create a group or change its mandate, members and the processes it may study."""
    if not can_create_group(actor):
        raise PermissionDenied
    members = list(members)
    _check_members(members)
    if fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": _("La fin du mandat précède son début.")})
    if group is None:
        group = ExpertGroup(created_by=actor, slug=_unique_slug(fields["name"]))
    else:
        group = ExpertGroup.objects.select_for_update().get(pk=group.pk)
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    before = set(group.memberships.values_list("user_id", flat=True))
    group.memberships.exclude(user__in=members).delete()
    for user in members:
        GroupMember.objects.get_or_create(group=group, user=user)
    group.processes.set(processes)
    newcomers = [user for user in members if user.pk not in before]
    if newcomers:
        notify(
            newcomers,
            subject=_("Vous êtes membre du groupe d'experts « %(name)s »") % {"name": group.name},
            body=_("Le CIPC vous a confié une mission : %(mandate)s") % {"mandate": group.mandate},
            url=group.get_absolute_url(),
        )
    return group


@transaction.atomic
def save_note(group, process, *, actor, body: str, expected_revision: int) -> ProcessNote:
    if not may_study(group, process, actor):
        raise PermissionDenied
    note = ProcessNote.objects.select_for_update().filter(group=group, process=process).first()
    if (note.revision if note else 0) != expected_revision:
        raise EditConflict  # checked before writing anything
    if note is None:
        try:
            with transaction.atomic():
                note = ProcessNote.objects.create(group=group, process=process)
        except IntegrityError:
            raise EditConflict from None  # a first note saved meanwhile by someone else
    note.body = body.strip()
    note.revision += 1
    note.updated_by = actor
    note.save()
    return note


@transaction.atomic
def create_draft(group, *, actor, kind: str, title: str, body: str, processes=()) -> Draft:
    require(group, actor, "write")
    _check_text(title, body)
    draft = Draft.objects.create(group=group, kind=kind, title=title.strip(), body=body.strip(),
                                 created_by=actor)  # fmt: skip
    draft.processes.set(group.processes.filter(pk__in=[p.pk for p in processes]))
    DraftVersion.objects.create(draft=draft, revision=1, title=draft.title, body=draft.body,
                                author=actor)  # fmt: skip
    return draft


def _check_text(title: str, body: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Donnez un titre.")
    if not body.strip():
        errors["body"] = _("Rédigez le texte.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def edit_draft(draft: Draft, *, actor, title: str, body: str, expected_revision: int) -> Draft:
    """Save a new version; a form opened on an older version is refused, nothing lost."""
    require(draft.group, actor, "write")
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.is_published:
        raise ValidationError(_("Une recommandation transmise au gouvernement ne change plus."))
    if draft.revision != expected_revision:
        raise EditConflict
    _check_text(title, body)
    if (title.strip(), body.strip()) == (draft.title, draft.body):
        return draft
    draft.title, draft.body = title.strip(), body.strip()
    draft.revision += 1
    draft.save()
    DraftVersion.objects.create(draft=draft, revision=draft.revision, title=draft.title,
                                body=draft.body, author=actor)  # fmt: skip
    return draft


@transaction.atomic
def comment_draft(draft: Draft, *, actor, body: str) -> Comment:
    require(draft.group, actor, "write")
    if not body.strip():
        raise ValidationError({"body": _("Écrivez votre commentaire.")})
    return Comment.objects.create(draft=draft, author=actor, body=body.strip()[:5000],
                                  revision=draft.revision)  # fmt: skip


def publish_recommendation(draft: Draft, *, actor, today: date | None = None) -> Draft:
    """Transmit a recommendation to the government: it gets the next number of the year,
    today's date and the date by which an answer is expected. Publishing twice is harmless."""
    require(draft.group, actor, "publish")
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return _publish(draft, actor, today or timezone.localdate())
        except IntegrityError:
            continue  # another recommendation took the number at the same moment
    raise ValidationError(_("Publication impossible pour l'instant, réessayez."))


def _publish(draft: Draft, actor, today: date) -> Draft:
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.is_published:
        return draft
    if draft.kind != DraftKind.RECOMMENDATION:
        raise ValidationError(_("Seules les recommandations sont transmises au gouvernement."))
    last = Draft.objects.filter(year=today.year).aggregate(n=Max("sequence"))["n"] or 0
    draft.year, draft.sequence = today.year, last + 1
    draft.published_at = timezone.now()
    draft.published_by = actor
    draft.due_date = today + timedelta(days=settings.EXPERT_RECOMMENDATION_ANSWER_DAYS)
    draft.save()
    members = [m.user for m in draft.group.memberships.select_related("user")]
    notify(
        members,
        subject=_("Recommandation %(number)s transmise au gouvernement") % {"number": draft.number},
        body=draft.title,
        url=draft.get_absolute_url(),
    )
    return draft


@transaction.atomic
def record_government_answer(
    draft: Draft, *, actor, status: str, reason: str, answered_on: date
) -> GovernmentAnswer:
    """Record the government's (new) position on a published recommendation."""
    if not can_record_answer(actor):
        raise PermissionDenied
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    errors = {}
    if not draft.is_published:
        raise ValidationError(_("Cette recommandation n'a pas été transmise au gouvernement."))
    if status not in AnswerStatus.values:
        errors["status"] = _("Choisissez acceptée, partiellement acceptée ou refusée.")
    if not reason.strip():
        errors["reason"] = _("Donnez les motifs de la réponse du gouvernement.")
    if answered_on and answered_on > timezone.localdate():
        errors["answered_on"] = _("La date de la réponse ne peut pas être dans le futur.")
    elif answered_on and answered_on < timezone.localdate(draft.published_at):
        errors["answered_on"] = _("La réponse ne peut pas précéder la recommandation.")
    if errors:
        raise ValidationError(errors)
    # A double submission of the same answer stores it once.
    same = draft.answers.filter(status=status, reason=reason.strip(), answered_on=answered_on)
    if same.exists():
        return same.first()
    answer = GovernmentAnswer.objects.create(recommendation=draft, status=status,
                                             reason=reason.strip(), answered_on=answered_on,
                                             recorded_by=actor)  # fmt: skip
    notify(
        [m.user for m in draft.group.memberships.select_related("user")],
        subject=_("Réponse du gouvernement à la recommandation %(number)s")
        % {"number": draft.number},
        body=f"{answer.get_status_display()} — {answer.reason}",
        url=draft.get_absolute_url(),
    )
    return answer
