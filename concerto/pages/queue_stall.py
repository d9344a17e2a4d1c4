"""The CIPC and the administrators hear when the task queue stalls.

Every background job of the platform (e-mails, analyses, draws, imports, the periodic
jobs) waits in the queue for a worker. With every worker dead or stuck, only the
administrators' dashboard would show it, and nobody may be looking. The load balancer
asks each app server for /sante/ every few seconds: at most once a minute (across all
servers: the mark is in the shared cache), one of those requests reads the queue, and
when a due task has waited QUEUE_STALL_AFTER_SECONDS, it tells the CIPC's advisors and
the administrators, on their dashboard and by an e-mail sent from that request, not
through the stalled queue. Once per stall: again every ALERT_REPEAT while it lasts, and
at once for the next stall after the queue has drained.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.accounts.roles import Role
from concerto.jobs.queue import QueueState, queue_state, workers
from concerto.notifications.actions import notify

CHECK_EVERY = timedelta(minutes=1)
ALERT_REPEAT = timedelta(hours=6)
CHECKED_KEY = "jobs:stall:checked"
ALERTED_KEY = "jobs:stall:alerted"


def stall_after() -> timedelta:
    return timedelta(seconds=settings.QUEUE_STALL_AFTER_SECONDS)


def watchers():
    """Who is told: the CIPC's advisors and the platform's administrators (a superuser
    is an administrator, as User.roles says)."""
    held = Q(memberships__role__in=[Role.CIPC_ADVISOR, Role.ADMINISTRATOR]) | Q(is_superuser=True)
    return get_user_model().objects.filter(held, is_active=True).distinct().order_by("pk")


def check_queue(now: datetime | None = None) -> bool:
    """Look at the queue if nobody did within CHECK_EVERY; alert on a stall not yet
    told. Returns whether an alert went out."""
    now = now or timezone.now()
    if not cache.add(CHECKED_KEY, now.isoformat(), timeout=CHECK_EVERY.total_seconds()):
        return False
    state = queue_state(now)
    if state.oldest_waiting is None or now - state.oldest_waiting < stall_after():
        cache.delete(ALERTED_KEY)
        return False
    if not cache.add(ALERTED_KEY, now.isoformat(), timeout=ALERT_REPEAT.total_seconds()):
        return False
    alert(state, now)
    return True


def alert(state: QueueState, now: datetime) -> None:
    minutes = int((now - state.oldest_waiting).total_seconds() // 60)
    alive = sum(1 for worker in workers(now) if worker["alive"])
    if alive:
        cause = ngettext(
            "%(count)s processus des tâches est en vie mais ne prend plus les tâches.",
            "%(count)s processus des tâches sont en vie mais ne prennent plus les tâches.",
            alive,
        ) % {"count": alive}
    else:
        cause = _("Aucun processus des tâches n'est en vie.")
    waiting = ngettext(
        "%(count)s tâche attend d'être exécutée.",
        "%(count)s tâches attendent d'être exécutées.",
        state.waiting,
    ) % {"count": state.waiting}
    notify(
        watchers(),
        subject=_("La file des tâches est bloquée depuis %(minutes)s minutes") % {
            "minutes": minutes},
        body=" ".join([waiting, cause, _(
            "Les e-mails, analyses, tirages au sort et imports attendent : relancez le "
            "processus des tâches (concerto db_worker) ; l'état de la file est sur le "
            "tableau de bord des administrateurs."
        )]),
        url=reverse("dashboards:home"),
        send_now=True,
    )  # fmt: skip
