"""The organisers' actions on a process's participation modules.

Each one locks the process row (so two organisers reordering or deleting at once see
each other's result), checks the rules and logs a line in the process's journal.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.frenchdates import french_date
from concerto.participation.actions.common import require, required_text
from concerto.participation.models import Module
from concerto.processes.actions.common import locked, transition
from concerto.processes.actions.management import field_values
from concerto.processes.lifecycle import MODULE_EDITABLE_STATUSES

# What a copy of a process does not take of its modules.
MODULE_NOT_COPIED = frozenset({"id", "process", "closed_early_on", "created_at"})
# The fields `update_module` may change, with how the journal names them.
EDITABLE_FIELDS = {
    "title": _("titre"),
    "description": _("présentation"),
    "kind": _("type"),
    "opens_on": _("ouverture"),
    "closes_on": _("clôture"),
    "allow_pseudonym": _("pseudonyme"),
    "results_public": _("résultats publics"),
}


def _locked_module(module: Module, actor) -> Module:
    """`module` with fresh values, its process row locked; refused unless `actor` manages it."""
    process = locked(module.process)
    module = Module.objects.select_for_update().filter(pk=module.pk, process=process).first()
    if module is None:
        raise ValidationError(_("Ce module n'existe plus : il a peut-être déjà été supprimé."))
    module.process = process
    require(module, actor, "manage")
    if process.status not in MODULE_EDITABLE_STATUSES:
        raise ValidationError(_("Ce dispositif est archivé : ses modules ne changent plus."))
    return module


def _log(module: Module, action: str, actor, detail: str = "") -> None:
    reason = _("« %(title)s »") % {"title": module.title}
    transition(module.process, action, actor, f"{reason} : {detail}" if detail else reason)


@transaction.atomic
def create_module(
    process, *, actor, kind: str, title: str, opens_on, closes_on, **fields
) -> Module:
    """Add a participation module to a process of the actor's ministry."""
    if not process.get_abilities(actor)["view_workspace"] or actor.pk is None:
        raise PermissionDenied
    module = Module(process=process, kind=kind, title=title, opens_on=opens_on,
                    closes_on=closes_on, **fields)  # fmt: skip
    if not module.get_abilities(actor)["manage"]:
        raise PermissionDenied
    process = module.process = locked(process)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("La clôture doit suivre l'ouverture.")})
    module.position = process.modules.count() + 1
    module.full_clean()
    module.save()
    return module


def edit_limits(module: Module, today=None) -> dict[str, str]:
    """What may no longer change in `module`, by field, with why (shown next to the field)."""
    count = module.participation_count()
    if not count:
        return {}
    today = today or timezone.localdate()
    first = module.contributions.order_by("created_at").values_list("created_at", flat=True).first()
    limits = {
        "kind": ngettext(
            "Le type ne peut plus changer : ce module a déjà reçu %(count)s participation.",
            "Le type ne peut plus changer : ce module a déjà reçu %(count)s participations.",
            count,
        )
        % {"count": count},
        "closes_on": _(
            "Des participations existent : la clôture ne peut pas être fixée avant aujourd'hui "
            "(%(today)s), ce qui fermerait le module rétroactivement. Pour arrêter la "
            "participation, clôturez le module par anticipation."
        )
        % {"today": french_date(today, "j F Y")},
    }
    if first is not None:
        limits["opens_on"] = _(
            "La première contribution date du %(date)s : l'ouverture ne peut pas être "
            "repoussée après cette date."
        ) % {"date": french_date(timezone.localdate(first), "j F Y")}
    return limits


def _check_changes(module: Module, changes: dict, today) -> None:
    limits = edit_limits(module, today)
    errors = {}
    if "kind" in changes and "kind" in limits:
        errors["kind"] = limits["kind"]
    if "closes_on" in changes and "closes_on" in limits and changes["closes_on"] < today:
        errors["closes_on"] = limits["closes_on"]
    if "opens_on" in changes and "opens_on" in limits:
        first = module.contributions.order_by("created_at").values_list("created_at", flat=True)[0]
        if changes["opens_on"] > timezone.localdate(first):
            errors["opens_on"] = limits["opens_on"]
    opens = changes.get("opens_on", module.opens_on)
    if changes.get("closes_on", module.closes_on) < opens:
        errors.setdefault("closes_on", _("La clôture doit suivre l'ouverture."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_module(module: Module, *, actor, fields: dict) -> Module:
    """Change a module's title, description, kind, dates and settings.

    Once citizens took part, its kind is fixed and its dates may not close it
    retroactively (see `edit_limits`). Saving the same values again logs nothing.
    """
    module = _locked_module(module, actor)
    fields = {name: value for name, value in fields.items() if name in EDITABLE_FIELDS}
    if "title" in fields:
        fields["title"] = required_text(
            fields["title"], field="title", message=_("Donnez un titre au module.")
        )
    changes = {name: value for name, value in fields.items() if getattr(module, name) != value}
    if not changes:
        return module
    _check_changes(module, changes, timezone.localdate())
    for name, value in changes.items():
        setattr(module, name, value)
    module.full_clean()
    module.save(update_fields=list(changes))
    _log(module, "update_module", actor, ", ".join(str(EDITABLE_FIELDS[name]) for name in changes))
    return module


@transaction.atomic
def close_module_early(module: Module, *, actor) -> Module:
    """Stop participation in an open module today, before its closing date."""
    module = _locked_module(module, actor)
    today = timezone.localdate()
    if module.closed_early_on is not None:
        raise ValidationError(
            _("Ce module est déjà clos depuis le %(date)s.")
            % {"date": french_date(module.closed_early_on, "j F Y")}
        )
    if not module.opens_on <= today <= module.closes_on:
        raise ValidationError(
            _("Ce module n'est pas en cours (du %(start)s au %(end)s) : modifiez plutôt ses "
              "dates.") % {"start": french_date(module.opens_on, "j F Y"),
                           "end": french_date(module.closes_on, "j F Y")}
        )  # fmt: skip
    module.closed_early_on = today
    module.save(update_fields=["closed_early_on"])
    _log(module, "close_module", actor)
    return module


@transaction.atomic
def set_module_published(module: Module, *, actor, published: bool) -> Module:
    """Hide a module from the public (no one may contribute then), or show it again."""
    module = _locked_module(module, actor)
    if module.published == published:
        raise ValidationError(
            _("Ce module est déjà publié.") if published else _("Ce module est déjà dépublié.")
        )
    module.published = published
    module.save(update_fields=["published"])
    _log(module, "republish_module" if published else "unpublish_module", actor)
    return module


@transaction.atomic
def move_module(module: Module, *, actor, position: int) -> Module:
    """Put `module` at `position` (1 is first) among its process's modules; the others
    keep their order. Asking for the position it already has changes nothing, so a
    double click on "Monter" moves it once."""
    module = _locked_module(module, actor)
    ordered = list(module.process.modules.order_by("position", "pk"))
    current = next(index for index, other in enumerate(ordered) if other.pk == module.pk)
    target = min(max(position, 1), len(ordered)) - 1
    if target != current:
        ordered.insert(target, ordered.pop(current))
    changed = [other for number, other in enumerate(ordered, start=1) if other.position != number]
    for number, other in enumerate(ordered, start=1):
        other.position = number
    if not changed:
        return module
    Module.objects.bulk_update(changed, ["position"])
    if target != current:
        _log(module, "move_module", actor, _("position %(number)s") % {"number": target + 1})
    module.position = target + 1
    return module


@transaction.atomic
def delete_module(module: Module, *, actor) -> None:
    """Delete a module no citizen has taken part in yet (its own content goes with it)."""
    module = _locked_module(module, actor)
    count = module.participation_count()
    if count:
        raise ValidationError(
            ngettext(
                "Le module « %(title)s » a déjà reçu %(count)s participation : il ne peut "
                "pas être supprimé. Dépubliez-le ou clôturez-le plutôt.",
                "Le module « %(title)s » a déjà reçu %(count)s participations : il ne peut "
                "pas être supprimé. Dépubliez-le ou clôturez-le plutôt.",
                count,
            )
            % {"title": module.title, "count": count}
        )  # fmt: skip
    module.delete()
    _log(module, "delete_module", actor)


def copy_modules(source, copy) -> None:
    """The modules of `source` for its new copy, without what they received: added to
    processes.actions.duplicate_process, inside its transaction, from the app's ready()."""
    Module.objects.bulk_create(
        Module(**field_values(module, MODULE_NOT_COPIED), process=copy)
        for module in source.modules.all()
    )
