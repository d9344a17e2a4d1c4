"""Named write operations on panels: pool import, quotas, computation, draws, publication.

Each action checks that the actor may manage the process's participation, runs in a
transaction and raises ValidationError (French) on a refused step, changing nothing. A
step on the panel as a whole is taken through its workflow (`concerto.panels.workflow`),
which writes it in the panel's history and the activity log.
"""

import math
from collections import Counter
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.engines import sortition
from concerto.jobs.progress import start_job
from concerto.panels import csvimport, engine
from concerto.panels.models import Draw, Invitation, Panel, PanelCategory, PoolMember, Quota
from concerto.panels.reasons import describe, error_reasons
from concerto.panels.retention import retention_error
from concerto.panels.workflow import PANEL_WORKFLOW
from concerto.processes.models import Process


def _require(process, actor) -> None:
    if not process.get_abilities(actor)["manage_participation"]:
        raise PermissionDenied


def _lock(panel: Panel) -> Panel:
    return Panel.objects.select_for_update().select_related("process").get(pk=panel.pk)


def _require_editable(panel: Panel) -> None:
    if panel.locked:
        raise ValidationError(
            _("La loterie est publiée : le vivier et les quotas ne peuvent plus changer.")
        )


# What the computation wrote: _reset_computation clears it, and the step that clears it
# saves these fields.
COMPUTATION_FIELDS = (
    "result",
    "lottery",
    "lottery_digest",
    "min_probability",
    "gini",
    "geometric_mean",
    "infeasible_reasons",
    "histogram",
)


def _reset_computation(panel: Panel) -> None:
    """Each computed field back to its model default (None, "" or an empty list)."""
    for name in COMPUTATION_FIELDS:
        setattr(panel, name, Panel._meta.get_field(name).get_default())


def _check_size(process, size: int, retention_date: date) -> None:
    errors = {}
    if size < 1:
        errors["size"] = _("Le panel compte au moins une personne.")
    if message := retention_error(process, retention_date, timezone.localdate()):
        errors["retention_date"] = message
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_panel(
    process, *, actor, name: str, size: int, retention_date: date, household_rule: bool = False
) -> Panel:
    _require(process, actor)
    _check_size(process, size, retention_date)
    panel = Panel.objects.create(
        process=process,
        name=name,
        size=size,
        retention_date=retention_date,
        household_rule=household_rule,
        created_by=actor,
    )
    PANEL_WORKFLOW.take(panel, "create", actor, summary=ngettext(
        "Panel créé (%(size)d membre)", "Panel créé (%(size)d membres)", size,
    ) % {"size": size})  # fmt: skip
    return panel


@transaction.atomic
def import_pool(panel: Panel, *, actor, data: bytes) -> int:
    """Replace the pool with the CSV's respondents and pre-fill proportional quotas."""
    _require(panel.process, actor)
    panel = _lock(panel)
    _require_editable(panel)
    if panel.pool.filter(invitation__isnull=False).exists():
        raise ValidationError(
            _("Des volontaires se sont inscrits : un import remplacerait leurs inscriptions.")
        )
    categories, respondents = csvimport.parse_pool(data, need_household=panel.household_rule)
    if len(respondents) < panel.size:
        raise ValidationError(
            _("Le vivier compte %(n)d personnes, moins que les %(k)d membres du panel.")
            % {"n": len(respondents), "k": panel.size}
        )
    panel.pool.all().delete()
    panel.quotas.all().delete()
    PoolMember.objects.bulk_create(
        PoolMember(
            panel=panel,
            external_id=r.external_id,
            values=r.values,
            household=r.household,
            consent=r.consent,
        )
        for r in respondents
    )
    counts = {
        c: dict(sorted(Counter(r.values[c] for r in respondents).items())) for c in categories
    }
    panel.pool_size = len(respondents)
    panel.pool_counts = counts
    replace_categories(panel, [(c, list(v)) for c, v in counts.items()])
    _reset_computation(panel)
    _prefill_quotas(panel)
    count = len(respondents)
    summary = ngettext(
        "Vivier importé (%(count)d personne), quotas pré-remplis",
        "Vivier importé (%(count)d personnes), quotas pré-remplis", count,
    ) % {"count": count}  # fmt: skip
    PANEL_WORKFLOW.take(
        panel, "import_pool", actor, summary=summary,
        also_save=("pool_size", "pool_counts", *COMPUTATION_FIELDS),
    )  # fmt: skip
    return count


def start_pool_import(panel: Panel, *, actor, data: bytes, filename: str = ""):
    """Queue the pool import as a background job (checked again when it runs); returns
    the Job. What can be told at once (rights, a fixed seed, volunteers) is told now."""
    # cycle: panels.tasks imports panels.actions
    from concerto.panels.tasks import import_pool_file

    _require(panel.process, actor)
    _require_editable(panel)
    if panel.pool.filter(invitation__isnull=False).exists():
        raise ValidationError(
            _("Des volontaires se sont inscrits : un import remplacerait leurs inscriptions.")
        )
    return start_job(
        import_pool_file, owner=actor,
        label=_("Import du vivier — %(name)s") % {"name": panel.name},
        upload=(filename, data), panel_id=panel.pk, actor_id=actor.pk,
    )  # fmt: skip


def replace_categories(panel: Panel, categories: list[tuple[str, list[str]]]) -> None:
    """Also called by the pool import: the file's columns become the categories."""
    panel.categories.all().delete()
    PanelCategory.objects.bulk_create(
        PanelCategory(panel=panel, name=name, values=list(values), position=index)
        for index, (name, values) in enumerate(categories)
    )


def _prefill_quotas(panel: Panel) -> None:
    """Quotas proportional to the pool: floor and ceiling of k × share."""
    n, k = panel.pool_size, panel.size
    Quota.objects.bulk_create(
        Quota(
            panel=panel,
            category=category,
            value=value,
            min=min(count, math.floor(k * count / n)),
            max=min(count, math.ceil(k * count / n)),
        )
        for category, values in panel.pool_counts.items()
        for value, count in values.items()
    )


@transaction.atomic
def import_quotas(panel: Panel, *, actor, data: bytes) -> int:
    """Replace the quotas with the CSV's; values the file leaves out get [0, k]."""
    _require(panel.process, actor)
    panel = _lock(panel)
    _require_editable(panel)
    if not panel.pool_size:
        raise ValidationError(_("Importez d'abord le vivier."))
    rows = csvimport.parse_quotas(data, panel.pool_counts)
    given = {(c, v): (lo, hi) for c, v, lo, hi in rows}
    panel.quotas.all().delete()
    Quota.objects.bulk_create(
        Quota(
            panel=panel,
            category=category,
            value=value,
            min=given.get((category, value), (0, panel.size))[0],
            max=given.get((category, value), (0, panel.size))[1],
        )
        for category, values in panel.pool_counts.items()
        for value in values
    )
    _reset_computation(panel)
    summary = ngettext(
        "Quotas importés (%(count)d ligne)", "Quotas importés (%(count)d lignes)", len(rows),
    ) % {"count": len(rows)}  # fmt: skip
    PANEL_WORKFLOW.take(
        panel, "import_quotas", actor, summary=summary, also_save=COMPUTATION_FIELDS
    )
    return len(rows)


@transaction.atomic
def update_quotas(panel: Panel, *, actor, bounds: dict[int, tuple[int, int]]) -> None:
    """Set (min, max) of the panel's quotas, by quota id."""
    _require(panel.process, actor)
    panel = _lock(panel)
    _require_editable(panel)
    quotas = {q.pk: q for q in panel.quotas.all()}
    errors = []
    for pk, (low, high) in bounds.items():
        quota = quotas.get(pk)
        if quota is None:
            raise ValidationError(_("Quota inconnu."))
        if low > high:
            errors.append(
                _("« %(category)s = %(value)s » : le minimum dépasse le maximum.")
                % {"category": quota.category, "value": quota.value}
            )
        quota.min, quota.max = low, high
    if errors:
        raise ValidationError(errors)
    Quota.objects.bulk_update(quotas.values(), ["min", "max"])
    _reset_computation(panel)
    PANEL_WORKFLOW.take(panel, "update_quotas", actor, also_save=COMPUTATION_FIELDS)


def start_computation(panel: Panel, *, actor):
    """Queue the LEXIMIN computation as a background job; returns the Job."""
    # cycle: panels.tasks imports panels.actions
    from concerto.panels.tasks import compute_probabilities

    _require(panel.process, actor)
    with transaction.atomic():
        panel = _lock(panel)
        _require_editable(panel)
        if not panel.pool_size or not panel.quotas.exists():
            raise ValidationError(_("Importez le vivier et définissez les quotas d'abord."))
        _reset_computation(panel)
        # The probabilities are those of a fixed pool: registration closes for good.
        panel.registration_closed_at = panel.registration_closed_at or timezone.now()
        PANEL_WORKFLOW.take(
            panel,
            "start_computation",
            actor,
            also_save=("registration_closed_at", *COMPUTATION_FIELDS),
        )
    job = start_job(
        compute_probabilities,
        owner=actor,
        label=_("Calcul des probabilités — %(name)s") % {"name": panel.name},
        panel_id=panel.pk,
    )
    Panel.objects.filter(pk=panel.pk).update(computing_job=job)
    return job


def _still_current(panel: Panel, problem: sortition.Problem) -> bool:
    """Whether a computation's outcome may be stored: the panel is not frozen, and its pool
    and quotas are still those the engine ran on (an edit meanwhile, or a computation
    started since, makes this one's outcome stale: it is dropped)."""
    return not panel.locked and engine.build_problem(panel) == problem


def store_computation(panel_id: int, *, progress=None) -> Panel:
    """Run the engine (outside any transaction: it may take minutes) and store the result.

    Infeasible quotas are stored as the engine's reasons (codes and values), not raised.
    """
    panel = Panel.objects.select_related("process").get(pk=panel_id)
    problem = engine.build_problem(panel)
    try:
        result, lottery = engine.run_selection(problem, progress=progress)
    except (sortition.InfeasibleQuotasError, sortition.InvalidInputError) as error:
        with transaction.atomic():
            panel = _lock(panel)
            if not _still_current(panel, problem):
                return panel
            _reset_computation(panel)
            panel.infeasible_reasons = [reason.to_json() for reason in error_reasons(error)]
            panel.save()
        return panel
    with transaction.atomic():
        panel = _lock(panel)
        if not _still_current(panel, problem):
            return panel
        probabilities = result.to_json()["probabilities"]
        panel.result = probabilities
        panel.min_probability = result.quality.min_probability
        panel.gini = result.quality.gini
        panel.geometric_mean = result.quality.geometric_mean
        panel.lottery = lottery.to_json()
        panel.lottery_digest = lottery.digest
        panel.infeasible_reasons = []
        panel.histogram = engine.histogram(list(probabilities.values()))
        panel.save()
    return panel


def _announcement(text: str) -> str:
    """How a seed will be drawn, told with its lottery before the seed exists."""
    if not text.strip():
        raise ValidationError(
            {"announcement": _("Dites qui tirera la graine, comment, quand et où.")}
        )
    return text.strip()


def _check_seed(seed: str, origin: str, *, missing: str) -> None:
    """A seed is recorded with its origin: both are needed."""
    errors = {}
    if not seed:
        errors["seed"] = missing
    if not origin.strip():
        errors["origin"] = _("Dites qui a tiré la graine, comment et devant qui.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def publish_lottery(panel: Panel, *, actor, announcement: str) -> Panel:
    """Make the lottery public before any seed exists, with how the seed will be drawn.

    From then on the pool, the quotas and the lottery are frozen: whoever draws the
    seed cannot know in advance which panel it designates, and anyone can check it.
    """
    _require(panel.process, actor)
    panel = _lock(panel)
    if panel.lottery_published_at:
        raise ValidationError(_("La loterie est déjà publiée."))
    if panel.seed_fixed_at or not PANEL_WORKFLOW.allows(panel, "publish_lottery"):
        # Drawn before lotteries were published ahead of the seed: too late to say so.
        raise ValidationError(
            _("La graine est déjà fixée : la loterie ne peut plus être publiée avant elle.")
        )
    if not Process.objects.published().filter(pk=panel.process_id).exists():
        raise ValidationError(
            _("Le dispositif n'est pas encore public : personne ne pourrait lire la loterie.")
        )
    if not panel.lottery:
        raise ValidationError(_("Calculez d'abord les probabilités et la loterie."))
    panel.seed_announcement = _announcement(announcement)
    panel.lottery_published_at = timezone.now()
    PANEL_WORKFLOW.take(
        panel, "publish_lottery", actor, also_save=("seed_announcement", "lottery_published_at")
    )
    return panel


@transaction.atomic
def fix_seed(panel: Panel, *, actor, seed: str, origin: str) -> Panel:
    """Record the seed drawn in public after the lottery's publication, and its origin
    (who drew it, how, when, before whom)."""
    _require(panel.process, actor)
    panel = _lock(panel)
    if panel.seed_fixed_at:
        raise ValidationError(_("La graine est déjà fixée."))
    if not panel.lottery_published_at:
        raise ValidationError(
            _("Publiez d'abord la loterie : elle doit être connue avant la graine.")
        )
    _check_seed(seed, origin, missing=_("Indiquez la graine."))
    panel.seed = seed
    panel.seed_origin = origin.strip()
    panel.seed_fixed_at = timezone.now()
    PANEL_WORKFLOW.take(
        panel, "fix_seed", actor,
        summary=_("Graine fixée : %(seed)s") % {"seed": panel.seed},
        also_save=("seed", "seed_origin", "seed_fixed_at"),
    )  # fmt: skip
    return panel


def _update_selected_counts(panel: Panel) -> None:
    counts: dict[str, dict[str, int]] = {
        c: dict.fromkeys(v, 0) for c, v in panel.pool_counts.items()
    }
    for member in panel.pool.filter(
        status__in=[PoolMember.Status.SELECTED, PoolMember.Status.REPLACEMENT]
    ):
        for category, value in member.values.items():
            counts[category][value] = counts[category].get(value, 0) + 1
    panel.selected_counts = counts


@transaction.atomic
def draw_panel(panel: Panel, *, actor) -> Draw:
    """Draw ticket `draw_number(seed, m)` of the lottery: its people form the panel."""
    _require(panel.process, actor)
    panel = _lock(panel)
    if not PANEL_WORKFLOW.allows(panel, "draw"):
        raise ValidationError(_("Le panel est déjà tiré au sort."))
    if not panel.seed_fixed_at or not panel.lottery:
        raise ValidationError(_("Fixez d'abord la graine."))
    tickets = panel.lottery["tickets"]
    number = sortition.draw_number(panel.seed, len(tickets))
    ticket = list(tickets[number - 1])
    panel.pool.filter(token__in=ticket).update(status=PoolMember.Status.SELECTED)
    draw = Draw.objects.create(
        panel=panel,
        kind=Draw.Kind.INITIAL,
        seed=panel.seed,
        number=number,
        lottery=panel.lottery,
        lottery_digest=panel.lottery_digest,
        ticket=ticket,
        member_tokens=ticket,
        actor=actor,
    )
    _update_selected_counts(panel)
    PANEL_WORKFLOW.take(
        panel, "draw", actor,
        summary=_("Panel tiré au sort : ticket n° %(number)d") % {"number": number},
        also_save=("selected_counts",),
    )  # fmt: skip
    return draw


@transaction.atomic
def decline(member: PoolMember, *, actor) -> PoolMember:
    """Record that a panel member declined; a replacement draw fills the seat."""
    _require(member.panel.process, actor)
    # The panel first, as every draw does: a replacement lottery being published waits,
    # or is seen.
    panel = _lock(member.panel)
    if pending_replacement(panel):
        # The published lottery keeps this member in every ticket: it would be wrong.
        raise ValidationError(
            _("Une loterie de remplacement attend sa graine : tirez-la avant d'enregistrer "
              "un autre désistement.")
        )  # fmt: skip
    member = PoolMember.objects.select_for_update().get(pk=member.pk)
    if not member.in_panel:
        raise ValidationError(_("Cette personne n'est pas membre du panel."))
    member.status = PoolMember.Status.DECLINED
    member.save(update_fields=["status"])
    _update_selected_counts(panel)
    # The member is not named: the logs outlive the pool's data.
    PANEL_WORKFLOW.take(panel, "decline", actor, also_save=("selected_counts",))
    return member


def pending_replacement(panel: Panel) -> Draw | None:
    """The replacement draw whose lottery is published and whose seed is awaited."""
    return panel.draws.filter(kind=Draw.Kind.REPLACEMENT, number__isnull=True).first()


@transaction.atomic
def publish_replacement_lottery(panel: Panel, *, actor, announcement: str) -> Draw:
    """Re-select with the remaining members fixed and the decliners out, and publish the
    new lottery with how its seed will be drawn, before that seed exists.

    Quotas and panel size hold for the whole panel; the members kept are in every
    ticket of the new lottery, so only the free seats are drawn.
    """
    _require(panel.process, actor)
    panel = _lock(panel)
    if not PANEL_WORKFLOW.allows(panel, "publish_replacement_lottery"):
        raise ValidationError(_("Le panel n'est pas encore tiré au sort."))
    if panel.pool_purged_at:
        raise ValidationError(_("Les données du vivier sont supprimées."))
    if pending_replacement(panel):
        raise ValidationError(_("Une loterie de remplacement attend déjà sa graine."))
    announcement = _announcement(announcement)
    problem = engine.build_problem(panel, exclude_declined=True)
    if len(problem.already_selected) >= panel.size:
        raise ValidationError(_("Aucune place n'est à pourvoir."))
    try:
        _result, lottery = engine.run_selection(problem)
    except (sortition.InfeasibleQuotasError, sortition.InvalidInputError) as error:
        raise ValidationError([describe(reason) for reason in error_reasons(error)]) from error
    draw = Draw.objects.create(
        panel=panel,
        kind=Draw.Kind.REPLACEMENT,
        kept_tokens=sorted(problem.already_selected),
        lottery=lottery.to_json(),
        lottery_digest=lottery.digest,
        lottery_published_at=timezone.now(),
        seed_announcement=announcement,
        actor=actor,
    )
    PANEL_WORKFLOW.take(panel, "publish_replacement_lottery", actor)
    return draw


@transaction.atomic
def draw_replacement(panel: Panel, *, actor, seed: str, origin: str) -> Draw:
    """Draw the published replacement lottery's ticket that the seed designates."""
    _require(panel.process, actor)
    panel = _lock(panel)
    draw = pending_replacement(panel)
    if draw is None:
        raise ValidationError(
            _("Publiez d'abord la loterie de remplacement : elle doit être connue avant la graine.")
        )
    if panel.pool_purged_at:
        raise ValidationError(_("Les données du vivier sont supprimées."))
    _check_seed(seed, origin, missing=_("Indiquez la graine du tirage de remplacement."))
    tickets = draw.lottery["tickets"]
    number = sortition.draw_number(seed, len(tickets))
    ticket = list(tickets[number - 1])
    kept = set(panel.pool.filter(
        status__in=[PoolMember.Status.SELECTED, PoolMember.Status.REPLACEMENT]
    ).values_list("token", flat=True))  # fmt: skip
    if kept != set(draw.kept_tokens):
        # The lottery was made for other members kept: drawing it would be wrong.
        raise ValidationError(
            _("Le panel a changé depuis la publication de cette loterie de remplacement.")
        )
    added = sorted(set(ticket) - kept)
    panel.pool.filter(token__in=added).update(status=PoolMember.Status.REPLACEMENT)
    draw.seed, draw.seed_origin, draw.number = seed, origin.strip(), number
    draw.actor = actor
    draw.ticket, draw.member_tokens, draw.at = ticket, added, timezone.now()
    draw.save()
    _update_selected_counts(panel)
    summary = ngettext(
        "Tirage de remplacement : ticket n° %(number)d, %(count)d personne ajoutée",
        "Tirage de remplacement : ticket n° %(number)d, %(count)d personnes ajoutées",
        len(added),
    ) % {"number": number, "count": len(added)}  # fmt: skip
    PANEL_WORKFLOW.take(
        panel, "draw_replacement", actor, summary=summary, also_save=("selected_counts",)
    )
    return draw


@transaction.atomic
def publish_panel(panel: Panel, *, actor) -> Panel:
    _require(panel.process, actor)
    panel = _lock(panel)
    if not PANEL_WORKFLOW.allows(panel, "publish"):
        raise ValidationError(_("Seul un panel tiré au sort peut être publié."))
    panel.published_at = timezone.now()
    PANEL_WORKFLOW.take(panel, "publish", actor, also_save=("published_at",))
    return panel


@transaction.atomic
def purge_expired_pools(today: date | None = None) -> int:
    """Delete pool rows, attendance and invitations of panels past their retention date;
    aggregates stay. Returns the number of pool rows deleted."""
    today = today or timezone.localdate()
    deleted = 0
    for panel in Panel.objects.select_for_update().filter(
        retention_date__lte=today, pool_purged_at__isnull=True
    ):
        deleted += panel.pool.all().delete()[0]
        # Invitations hold addresses and phone numbers; batches keep their counts.
        Invitation.objects.filter(batch__panel=panel).delete()
        # Per-person probabilities are pool data too; the histogram stays.
        panel.result = None
        panel.pool_purged_at = timezone.now()
        panel.save(update_fields=["result", "pool_purged_at"])
    return deleted
