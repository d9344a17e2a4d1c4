"""Workflows: an object's statuses, its named steps, and one way to take a step.

A domain declares its workflow once — each step's name, the statuses it may start from and
the status it leads to — and takes every step through `Workflow.take`, which:

1. refuses a step the object's current status does not allow (a `ValidationError` in
   French naming that status, so a double click or a stale page changes nothing);
2. writes the step in the object's own history (a model derived from `TransitionLog`):
   who, when, from which status to which, and why;
3. moves the object to the step's target and saves it;
4. hands the step to the workflow's `record` (the activity log), with a French summary.

Steps whose target is None leave the status as it is: they are events of the object's
history (a module changed, a note added). The caller runs `take` inside its transaction,
on a row it locked, and checks who may act before: abilities stay in each domain.

This module knows no domain: the history model and the activity log's `record` are given
to each `Workflow` by the domain declaring it. `Workflow.declared` lists every workflow,
so that one test checks them all (every status reachable by a named step).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Step:
    """A named step: the statuses it may start from and the status it leads to (None:
    unchanged). `label` is what the history and the activity log say it did; without
    one they say « Statut : A → B ».

    `staff`: the activity log (the staff's journal) hears the step; a step the public
    takes (a request filed, a survey answered) is written in the object's history only.
    `reason_in_activity`: the activity line carries the step's reason; a reason kept in
    the object's history only (a follow-up note's text) is kept once."""

    sources: frozenset[str]
    target: str | None = None
    label: str | None = None
    staff: bool = True
    reason_in_activity: bool = True


class TransitionLog(models.Model):
    """One step of an object's history. A concrete history adds the foreign key to its
    object (the `subject` its workflow names)."""

    action = models.CharField(gettext_lazy("action"), max_length=40)
    from_status = models.CharField(gettext_lazy("statut de départ"), max_length=24, blank=True)
    to_status = models.CharField(gettext_lazy("statut d'arrivée"), max_length=24)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("auteur"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    reason = models.TextField(gettext_lazy("motif"), blank=True)
    at = models.DateTimeField(gettext_lazy("date"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} ({self.from_status} → {self.to_status})"


class Workflow:
    """The statuses of one kind of object and the steps between them."""

    declared: list["Workflow"] = []

    def __init__(
        self,
        *,
        name: str,
        statuses: type[models.TextChoices],
        initial: str,
        steps: dict[str, Step],
        history: Callable[[], type[TransitionLog]],
        subject: str,
        record: Callable,
        refusal: str,
    ):
        """`name` prefixes the activity log's codes (`<name>.<step>`); `history` returns
        the history model (called late, so that a models module can declare its workflow
        above the model); `subject` is its foreign key to the object; `refusal` the
        French message of a step the status does not allow, with `%(status)s`."""
        self.name = name
        self.statuses = statuses
        self.initial = initial
        self.steps = dict(steps)
        self._history = history
        self.subject = subject
        self.record = record
        self.refusal = refusal
        Workflow.declared.append(self)

    def add(self, name: str, sources, target: str | None = None, label=None) -> None:
        """A step another domain brings (the evaluation's publication for processes)."""
        if name in self.steps:
            raise ValueError(f"{self.name}: step {name!r} is already declared")
        self.steps[name] = Step(frozenset(sources), target, label)

    def sources(self, name: str) -> frozenset[str]:
        return self.steps[name].sources

    def allows(self, obj, name: str) -> bool:
        return obj.status in self.steps[name].sources

    def label(self, name: str, from_status: str, to_status: str) -> str:
        step = self.steps.get(name)
        if step is not None and step.label:
            return str(step.label)
        return _("Statut : %(from)s → %(to)s") % {
            "from": self.status_label(from_status),
            "to": self.status_label(to_status),
        }

    def status_label(self, status: str) -> str:
        return str(self.statuses(status).label) if status in self.statuses.values else status

    def take(
        self,
        obj,
        name: str,
        actor,
        *,
        reason: str = "",
        summary: str | None = None,
        also_save: Iterable[str] = (),
    ) -> TransitionLog:
        """Take the step `name` on `obj` (locked by the caller): refused unless its status
        allows it; written in its history and the activity log; `obj` saved with its new
        status and the fields in `also_save` the caller set before (not saved at all when
        neither changed: an event of its history)."""
        step = self.steps[name]
        current = obj.status
        if current not in step.sources:
            raise ValidationError(
                self.refusal % {"status": self.status_label(current)}, code="status"
            )
        target = step.target or current
        entry = self._history().objects.create(
            **{self.subject: obj},
            action=name,
            from_status=current,
            to_status=target,
            actor=actor if actor is not None and actor.is_authenticated else None,
            reason=reason,
        )
        changed = [*(["status"] if target != current else []), *also_save]
        obj.status = target
        if changed:
            obj.save(update_fields=changed)
        if step.staff:
            self.record(
                actor,
                f"{self.name}.{name}",
                obj,
                summary=summary or self.label(name, current, target),
                reason=reason if step.reason_in_activity else "",
            )
        return entry

    def unreachable(self) -> set[str]:
        """Statuses no step leads to, the initial one aside: each is a status no named
        action can reach, to be given one or removed from the enum and the filters."""
        targets = {step.target for step in self.steps.values()}
        return set(self.statuses.values) - targets - {self.initial}
