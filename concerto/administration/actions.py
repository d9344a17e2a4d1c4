"""Named actions on the reference lists (registers.py): create, edit, delete a row, each
with its reason in the activity log.

Two staff members may open the same row: the form carries a fingerprint of the values
it showed (`fingerprint`), and a save over a row changed since is refused with the
other person's version kept for them to read. A creation carries the form's key: a
second click, or a retry after a lost answer, finds the row the first one made.
"""

import copy
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concerto.accounts.abilities import may_manage_role
from concerto.activity.log import record
from concerto.activity.models import Entry
from concerto.administration.registers import Register
from concerto.editing import EditConflict


def _require(actor) -> None:
    if not may_manage_role(actor):
        raise PermissionDenied


def _value(row, name: str):
    return getattr(row, row._meta.get_field(name).attname)


def fingerprint(register: Register, row) -> str:
    """What the form showed of `row`, in a few characters."""
    shown = repr([_value(row, name) for name in register.fields])
    return hashlib.sha256(shown.encode()).hexdigest()[:32]


def _shown(row, name: str) -> str:
    """A value as the log keeps it: a choice's label, a linked row's name."""
    model_field = row._meta.get_field(name)
    if model_field.choices:
        return str(getattr(row, f"get_{name}_display")())
    value = getattr(row, name)
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    return "" if value is None else str(value)


def _changes(register: Register, before, after) -> dict:
    return {
        register.label(name): [_shown(before, name), _shown(after, name)]
        for name in register.fields
        if _value(before, name) != _value(after, name)
    }


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif : il est gardé dans le journal.")})
    return reason


def created_with(register: Register, key: str, actor):
    """The row `actor`'s creation form with this `key` already made in this list, if
    any (a second click). Another person's key, or another list's, finds nothing."""
    if not key:
        return None
    done = Entry.objects.filter(
        key=key, action="administration.create", actor=actor,
        target_type=ContentType.objects.get_for_model(register.model),
    ).first()  # fmt: skip
    return register.model._default_manager.filter(pk=done.target_id).first() if done else None


@transaction.atomic
def create_record(register: Register, values: dict, *, actor, reason: str, key: str):
    """A new row of `register` with `values` (already validated by its form)."""
    _require(actor)
    reason = _reason(reason)
    done = created_with(register, key, actor)
    if done is not None:  # the same form sent twice
        return done
    row = register.model(**values)
    if register.before_save:
        register.before_save(None, row, actor)
    row.save()
    try:
        with transaction.atomic():
            record(
                actor, "administration.create", row, reason=reason, key=key,
                summary=_("Ajout à la liste « %(list)s »") % {"list": register.title},
            )  # fmt: skip
    except IntegrityError:  # the same form, sent at the same moment, won
        raise ValidationError(_("Ce formulaire a déjà été enregistré.")) from None
    if register.after_save:
        register.after_save(None, row)
    return row


@transaction.atomic
def update_record(register: Register, row, values: dict, *, actor, reason: str, seen: str):
    """`row` with `values`, unless someone changed it since the form showed `seen`."""
    _require(actor)
    reason = _reason(reason)
    locked = register.model.objects.select_for_update().filter(pk=row.pk).first()
    if locked is None:
        raise ValidationError(_("Cette fiche a été supprimée entre-temps."))
    if fingerprint(register, locked) != seen:
        raise EditConflict()
    before = copy.copy(locked)  # the row as it was, for the log and the hooks
    for name, value in values.items():
        setattr(locked, name, value)
    changes = _changes(register, before, locked)
    if not changes:
        return locked
    if register.before_save:
        register.before_save(before, locked, actor)
    locked.save()
    record(
        actor, "administration.update", locked, reason=reason, changes=changes,
        summary=_("Modifié : %(fields)s") % {"fields": ", ".join(changes)},
    )  # fmt: skip
    if register.after_save:
        register.after_save(before, locked)
    return locked


def _uses(row) -> list[str]:
    """What refers to `row`, by the name of each kind of referring row."""
    uses = []
    for relation in row._meta.related_objects:
        related = relation.related_model._default_manager.filter(
            **{relation.field.name: row}
        )  # fmt: skip
        if related.exists():
            uses.append(str(relation.related_model._meta.verbose_name_plural))
    return sorted(set(uses))


@transaction.atomic
def delete_record(register: Register, row, *, actor, reason: str) -> None:
    """Delete a row that nothing refers to: a row in use is refused and stays, whatever
    the database would do (a training's deletion would take its sessions and their
    registrations with it)."""
    _require(actor)
    reason = _reason(reason)
    locked = register.model.objects.select_for_update().filter(pk=row.pk).first()
    if locked is None:
        return  # deleted meanwhile: what was asked is done
    uses = _uses(locked)
    if uses:
        raise ValidationError(
            _("Cette fiche est utilisée (%(uses)s) : elle ne peut pas être supprimée.")
            % {"uses": ", ".join(uses)}
        )
    record(
        actor, "administration.delete", locked, reason=reason,
        summary=_("Supprimé de la liste « %(list)s »") % {"list": register.title},
    )  # fmt: skip
    locked.delete()
