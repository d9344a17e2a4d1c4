"""State-wide figures: datasets shown as charts and tables and downloadable as CSV.

The public sees published processes; the CIPC sees every process, drafts and
referrals under review included.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.evaluation.indicators import percent
from concerto.evaluation.models import EvaluationReport, SurveyResponse
from concerto.evaluation.questions import AGREE, SATISFACTION
from concerto.followup.models import Rating
from concerto.followup.queries import commitments_with_delivery
from concerto.processes.models import Opinion, Process, Referral
from concerto.processes.models.process import METHOD_CHOICES


@dataclass
class Dataset:
    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Index of the column drawn as bars (the label is column 0).
    chart_column: int = 1

    @property
    def bars(self) -> list[dict]:
        """Bar geometry for the SVG chart, in percent of its width: label on the left
        40 %, bar up to 50 %, value after the bar."""
        values = [row[self.chart_column] or 0 for row in self.rows]
        top = max(values, default=0) or 1
        bars = []
        for index, (row, value) in enumerate(zip(self.rows, values, strict=True)):
            width = round(50 * value / top, 1)
            bars.append({"label": str(row[0]), "value": row[self.chart_column],
                         "width": width, "value_x": round(41 + width, 1), "y": 28 * index,
                         "text_y": 28 * index + 15})  # fmt: skip
        return bars

    @property
    def chart_height(self) -> int:
        return max(28 * len(self.rows), 28)


def scoped_processes(*, cipc: bool, year: int | None = None):
    processes = Process.objects.all() if cipc else Process.objects.published()
    if year is not None:
        processes = processes.filter(year_filter(year))
    return processes


def year_filter(year: int) -> Q:
    """A process belongs to the year its participation starts (or, undated, was declared)."""
    return Q(participation_start__year=year) | Q(
        participation_start__isnull=True, created_at__year=year
    )


def process_year(process) -> int:
    if process.participation_start:
        return process.participation_start.year
    return timezone.localtime(process.created_at).year


def by_ministry(processes) -> Dataset:
    rows = (
        processes.values("ministry__name").annotate(n=Count("pk")).order_by("-n", "ministry__name")
    )
    return Dataset("ministeres", _("Dispositifs par ministère"), [_("Ministère"), _("Dispositifs")],
                   [[row["ministry__name"], row["n"]] for row in rows])  # fmt: skip


def by_method(processes) -> Dataset:
    counts = Counter(code for methods in processes.values_list("methods", flat=True)
                     for code in methods)  # fmt: skip
    rows = [[str(label), counts[code]] for code, label in METHOD_CHOICES if counts[code]]
    rows.sort(key=lambda row: -row[1])
    return Dataset("methodes", _("Dispositifs par méthode"), [_("Méthode"), _("Dispositifs")], rows)


def by_theme(processes) -> Dataset:
    rows = (
        processes.filter(themes__isnull=False)
        .values("themes__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "themes__name")
    )
    return Dataset("themes", _("Dispositifs par thème"), [_("Thème"), _("Dispositifs")],
                   [[row["themes__name"], row["n"]] for row in rows])  # fmt: skip


def by_year(processes) -> Dataset:
    counts = Counter(process_year(p) for p in processes.only("participation_start", "created_at"))
    return Dataset("annees", _("Dispositifs par année"), [_("Année"), _("Dispositifs")],
                   [[str(year), counts[year]] for year in sorted(counts)])  # fmt: skip


def referrals(processes) -> Dataset:
    referral_rows = Referral.objects.filter(process__in=processes)
    opinions = Opinion.objects.filter(referral__process__in=processes)
    on_time = sum(
        1
        for issued, due in opinions.values_list("issued_at", "referral__due_date")
        if timezone.localdate(issued) <= due
    )
    rows = [[_("Saisines du CIPC"), referral_rows.count()], [_("Avis rendus"), opinions.count()]]
    verdicts = Counter(opinions.values_list("verdict", flat=True))
    rows += [[str(label), verdicts[code]] for code, label in Opinion.Verdict.choices]
    rows.append([_("Avis rendus dans le délai"), on_time])
    return Dataset("saisines", _("Saisines et avis du CIPC"), [_("Indicateur"), _("Nombre")], rows)


def follow_up(processes, today=None) -> Dataset:
    today = today or timezone.localdate()
    counts = Counter()
    commitments = commitments_with_delivery().filter(process__in=processes)
    for due_date, delivered in commitments.values_list("due_date", "delivered_at"):
        day = timezone.localdate(delivered) if delivered else None
        if day is None:
            counts["missing" if due_date < today else "pending"] += 1
        else:
            counts["on_time" if day <= due_date else "late"] += 1
    rows = [
        [_("Rendues à temps"), counts["on_time"]],
        [_("Rendues en retard"), counts["late"]],
        [_("Non rendues, date dépassée"), counts["missing"]],
        [_("Pas encore dues"), counts["pending"]],
    ]
    return Dataset("suites", _("Engagements de suite"), [_("Situation"), _("Engagements")], rows)


def representativeness_gaps(processes) -> Dataset:
    """The largest gap (points) per criterion in each published evaluation report."""
    rows = []
    reports = (
        EvaluationReport.objects.filter(
            process__in=processes, status=EvaluationReport.Status.PUBLISHED
        )
        .select_related("process")
        .order_by("process__title")
    )
    for report in reports:
        for table in (report.snapshot or {}).get("representativeness", {}).get("tables", []):
            if table["max_gap"] is not None:
                rows.append([f"{report.process.title} — {table['label']}", table["max_gap"]])
    title = _("Écarts de représentativité (plus grand écart, en points)")
    columns = [_("Dispositif et critère"), _("Écart maximal (points)")]
    return Dataset("representativite", title, columns, rows)


def satisfaction(processes) -> Dataset:
    """Participants satisfied (survey) and citizens' judgement of the answers they got."""
    given = agree = 0
    for answers in SurveyResponse.objects.filter(
        survey__process__in=processes, survey__audience="participants"
    ).values_list("answers", flat=True):
        value = answers.get(SATISFACTION, "")
        if value:
            given += 1
            agree += value in AGREE
    ratings = Counter(
        Rating.objects.filter(answer__process__in=processes).values_list("value", flat=True)
    )
    total = sum(ratings.values())
    rows = [[_("Participants satisfaits de leur participation (%)"), percent(agree, given)]]
    rows += [
        [_("Réponses jugées « %(value)s » par les citoyens (%%)") % {"value": label},
         percent(ratings[code], total)]
        for code, label in Rating.Value.choices
    ]  # fmt: skip
    return Dataset("satisfaction", _("Satisfaction"), [_("Indicateur"), _("Part (%)")], rows)


BUILDERS = (by_ministry, by_method, by_theme, by_year, referrals, follow_up,
            representativeness_gaps, satisfaction)  # fmt: skip


def datasets(*, cipc: bool, year: int | None = None) -> list[Dataset]:
    processes = scoped_processes(cipc=cipc, year=year)
    return [builder(processes) for builder in BUILDERS]


def dataset(slug: str, *, cipc: bool, year: int | None = None) -> Dataset | None:
    return next((d for d in datasets(cipc=cipc, year=year) if d.slug == slug), None)
