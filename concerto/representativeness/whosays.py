"""Who says what: which profile groups over- or under-represent each answer or theme.

Two kinds of table, each crossed with every profile question the process asks that
has compared categories (a category without a reference margin, and a skipped
question, put the person in no group of that table):

- **Closed questions**: each single-choice question of a questionnaire module with at
  least k senders (as in `weighting`) × profile question. The unit is a sender; a
  sender counts in a table only if they answered both.
- **Themes**: the themes of a module's *published synthesis* (the curated analysis it
  was published from, `Synthesis.analysis`, and its `SynthesisTheme` rows), never an
  unpublished run, nor the process themes chosen by contributors. Each contribution has
  one theme per analysis, but a person may write several contributions (one per open
  question, or several proposals), so the unit is a *person*: n[g, t] is the number of
  people of group g with at least one published contribution in theme t, and
  N[g] (passed to the engine as the group sizes) the number of people of group g
  with at least one contribution in any theme. Rows can sum to more than N[g].

The engine (`who_says_what`) computes lift = P(answer | group) / P(answer), tests each
group against everyone else (z-test, Fisher's exact test for small expected counts),
tests only cells of at least k people (`min_cell = k`), and corrects with **Holm's**
step-down method, the family being the tested cells of one table; a cell is flagged
when its adjusted p-value is below 0.05.

Disclosure rule. Per cell we publish the share of the group giving the answer, the
lift and the adjusted p-value. With the answer totals published elsewhere (the raw
results give each answer's share and the respondents; the synthesis gives each theme's
authors), shares and lifts give back counts, so each table is treated as if it
published its counts n[g, a], its row totals N[g], its column totals and its grand
total, and run through the engine's `Publication`/`suppress` (k = 10) together with
those other tables' cells on the same people: each answer's total over everyone,
people in no group included. So a cell under k is hidden, and so is any cell that
would let one be recovered, within the table or by difference with the other table
(the answers of the few people who skipped the profile question). For themes, the
audit also protects the number of people of a group with a given combination of
themes (those are atoms: every combination up to FULL_PATTERNS themes). Another
table's cells are public anyway, so they are never hidden: if the engine asks to hide
one, the result is re-audited with it shown, and if a count under k can then still be
recovered the whole table is withheld. A cell gets figures only when it, its row
total, its column total and the grand total all survive; a group nobody in the table
belongs to is left out of it (it discloses nobody); the number of tested cells
(the family size) is published. As in `tables`, the difference with the profile
table's category counts (people of a group who did not answer this question) is not
protected: it counts a choice not to answer, not what anyone said.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from concerto.engines import representativeness as engine
from concerto.participation.models import Contribution
from concerto.questionnaires.kind import QUESTIONNAIRE
from concerto.questionnaires.models import Answer, Question, QuestionKind, Response
from concerto.representativeness.catalogue import ProfileQuestion, catalogue
from concerto.representativeness.models import ProfileResponse, ProfileSettings
from concerto.representativeness.tables import K

ALPHA = 0.05
CORRECTION = "holm"


@dataclass(frozen=True)
class Units:
    """The people behind one table: each one's group (None: in no group) and columns.

    Only people with at least one column count. `answered_total`: whether another
    table publishes how many people have a column, everyone included (a question's
    respondents in the raw results; the synthesis gives no such total for themes).
    """

    groups: list[int | None]
    columns: list[frozenset[int]]
    n_groups: int
    n_columns: int
    answered_total: bool = True


@dataclass(frozen=True)
class Cell:
    answer: str
    share: float | None  # P(answer | group), None when withheld
    lift: float | None
    p_adjusted: float | None  # None when not tested (below k) or withheld
    direction: str | None  # "over", "under" or None

    @property
    def share_pct(self) -> float | None:
        return None if self.share is None else round(100 * self.share, 1)


@dataclass(frozen=True)
class Finding:
    group: str
    answer: str
    lift: float
    p_adjusted: float
    direction: str


@dataclass(frozen=True)
class Table:
    kind: str  # "question" or "theme"
    module: str
    subject: str  # the closed question's text, or "" for a module's themes
    profile: str  # the profile question's label
    answers: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]
    findings: tuple[Finding, ...]
    tested: int
    withheld: bool  # nothing could be published safely


# ---------------------------------------------------------------------------
# Disclosure: the table and the other tables' cells over the same atoms.


FULL_PATTERNS = 6  # up to this many columns, every combination of them is an atom


def _atoms(units: Units) -> tuple[list[tuple[int, frozenset[int]]], np.ndarray]:
    """Atoms: (row, set of columns) with row n_groups for "no group".

    Every group row has every single-column atom, so every published cell sums at
    least one; the "no group" row only when someone is in it (an empty row adds
    nothing the attacker could not already rule out). With several columns per
    person (themes), every combination is an atom up to FULL_PATTERNS columns;
    beyond, only the combinations someone has: leaving the others out tells the
    audit they are empty, which can only make it stricter.
    """
    own = [
        (units.n_groups if g is None else g, cols)
        for g, cols in zip(units.groups, units.columns, strict=True)
        if cols
    ]
    rows = list(range(units.n_groups))
    if any(r == units.n_groups for r, _cols in own):
        rows.append(units.n_groups)
    patterns = {frozenset([c]) for c in range(units.n_columns)}
    if any(len(cols) > 1 for _r, cols in own):
        if units.n_columns <= FULL_PATTERNS:
            patterns |= {
                frozenset(c for c in range(units.n_columns) if bits >> c & 1)
                for bits in range(1, 2**units.n_columns)
            }
        else:
            patterns |= {cols for _r, cols in own}
    keys = {(r, cols) for r in rows for cols in patterns}
    atoms = sorted(keys, key=lambda a: (a[0], len(a[1]), sorted(a[1])))
    position = {a: i for i, a in enumerate(atoms)}
    counts = np.zeros(len(atoms), dtype=np.int64)
    for key in own:
        counts[position[key]] += 1
    return atoms, counts


def _mask(atoms, rows, column: int | None) -> np.ndarray:
    """Atoms in `rows` having `column` (None: any column)."""
    return np.array(
        [r in rows and (column is None or column in cols) for r, cols in atoms], dtype=bool
    )


def visible_cells(units: Units, *, k: int = K) -> np.ndarray:
    """Which inner cells (n_groups × n_columns) may carry figures (rule in the docstring)."""
    atoms, counts = _atoms(units)
    publication = engine.Publication(counts)
    groups = set(range(units.n_groups))
    everyone = groups | {units.n_groups}
    for g in range(units.n_groups):
        for c in range(units.n_columns):
            publication.add_sum("t", (g, c), _mask(atoms, {g}, c))
        publication.add_sum("t", (g, None), _mask(atoms, {g}, None))
    for c in range(units.n_columns):
        publication.add_sum("t", (None, c), _mask(atoms, groups, c))
    publication.add_sum("t", (None, None), _mask(atoms, groups, None))
    ours = len(publication.cells)
    # The other tables' cells on the same people: each answer's (theme's) total over
    # everyone, people without a group included. With nobody outside the groups they
    # are this table's own totals, already there (a second copy would be a cell that
    # must stay shown while its twin is hidden).
    if units.n_groups in {r for r, _cols in atoms}:
        for c in range(units.n_columns):
            publication.add_sum("answers", (c,), _mask(atoms, everyone, c))
        if units.answered_total:
            publication.add_sum("answers", (), _mask(atoms, everyone, None))
    hidden = engine.suppress(publication, k=k).suppressed.copy()
    if hidden[ours:].any():
        # Those are published anyway: show them, and if that exposes a hidden cell,
        # withhold the whole table.
        hidden[ours:] = False
        if engine.audit(publication, hidden, k=k):
            hidden[:ours] = True
    shown = ~hidden[:ours]
    n_g, n_c = units.n_groups, units.n_columns
    inner = shown[: n_g * (n_c + 1)].reshape(n_g, n_c + 1)
    row_ok, cells = inner[:, n_c], inner[:, :n_c]
    col_ok = shown[n_g * (n_c + 1) : n_g * (n_c + 1) + n_c]
    grand_ok = shown[n_g * (n_c + 1) + n_c]
    return cells & row_ok[:, None] & col_ok[None, :] & grand_ok


# ---------------------------------------------------------------------------
# One table: counts, engine, what survives.


def build_table(
    units: Units,
    *,
    kind: str,
    module: str,
    subject: str,
    profile: ProfileQuestion,
    group_labels: list[str],
    answers: list[str],
    k: int = K,
) -> Table:
    counts = np.zeros((units.n_groups, units.n_columns), dtype=np.int64)
    sizes = np.zeros(units.n_groups, dtype=np.int64)
    for g, cols in zip(units.groups, units.columns, strict=True):
        if g is None or not cols:
            continue
        sizes[g] += 1
        for c in cols:
            counts[g, c] += 1
    # A group nobody in this table belongs to is left out: it discloses nobody, and its
    # zero cells would otherwise be pinned by the others (counts are non-negative),
    # taking the whole table down with them.
    kept = [g for g in range(units.n_groups) if sizes[g] > 0]
    renumber = {g: i for i, g in enumerate(kept)}
    units = replace(
        units, groups=[None if g is None else renumber[g] for g in units.groups],
        n_groups=len(kept),
    )  # fmt: skip
    counts, sizes, group_labels = counts[kept], sizes[kept], [group_labels[g] for g in kept]
    result = engine.who_says_what(
        counts, group_sizes=sizes, min_cell=k, alpha=ALPHA, correction=CORRECTION
    )
    shown = visible_cells(units, k=k) if kept else np.zeros((0, units.n_columns), dtype=bool)
    rows, findings = [], []
    for g, label in enumerate(group_labels):
        cells = []
        for c, answer in enumerate(answers):
            test = result.cell(g, c)
            if not shown[g, c]:
                cells.append(Cell(answer, None, None, None, None))
                continue
            cells.append(
                Cell(answer, test.share_in_group, test.lift, test.p_adjusted, test.direction)
            )
            if test.direction:
                findings.append(Finding(label, answer, test.lift, test.p_adjusted, test.direction))
        rows.append((label, tuple(cells)))
    return Table(
        kind=kind,
        module=module,
        subject=subject,
        profile=profile.label,
        answers=tuple(answers),
        rows=tuple(rows),
        findings=tuple(findings),
        tested=result.tested,
        withheld=not shown.any(),
    )


def sentence(table: Table, finding: Finding) -> str:
    """A finding in plain French, e.g. « … 1,6 fois plus souvent … (p ajusté = 0,003) »."""
    factor = finding.lift if finding.direction == "over" else 1 / finding.lift
    values = {
        "group": finding.group,
        "profile": table.profile,
        "answer": finding.answer,
        "factor": number_format(round(factor, 1), 1),
        "p": (
            "< " + number_format(0.001, 3)
            if finding.p_adjusted < 0.001
            else "= " + number_format(round(finding.p_adjusted, 3), 3)
        ),
    }
    if table.kind == "theme":
        if finding.direction == "over":
            text = _(
                "Les contributeurs de la catégorie « %(group)s » (%(profile)s) abordent le "
                "thème « %(answer)s » %(factor)s fois plus souvent que l'ensemble des "
                "contributeurs (p ajusté %(p)s)."
            )
        else:
            text = _(
                "Les contributeurs de la catégorie « %(group)s » (%(profile)s) abordent le "
                "thème « %(answer)s » %(factor)s fois moins souvent que l'ensemble des "
                "contributeurs (p ajusté %(p)s)."
            )
    elif finding.direction == "over":
        text = _(
            "Les répondants de la catégorie « %(group)s » (%(profile)s) choisissent "
            "« %(answer)s » %(factor)s fois plus souvent que l'ensemble des répondants "
            "(p ajusté %(p)s)."
        )
    else:
        text = _(
            "Les répondants de la catégorie « %(group)s » (%(profile)s) choisissent "
            "« %(answer)s » %(factor)s fois moins souvent que l'ensemble des répondants "
            "(p ajusté %(p)s)."
        )
    return text % values


# ---------------------------------------------------------------------------
# The process: its profile questions, questionnaires and published syntheses.


def _profile_questions(process) -> list[ProfileQuestion]:
    settings = ProfileSettings.objects.filter(process=process).first()
    known = catalogue()
    return [known[key] for key in (settings.questions if settings else []) if known[key].compared]


def _units(people: dict, n_columns: int, profiles: dict, question, answered_total: bool) -> Units:
    """`people`: person key -> columns; `profiles`: person key -> profile answers."""
    codes = [c.code for c in question.compared]
    groups = []
    for key in people:
        code = profiles.get(key, {}).get(question.key)
        groups.append(codes.index(code) if code in codes else None)
    return Units(groups, list(people.values()), len(codes), n_columns, answered_total)


def who_says_what(process, *, k: int = K) -> list[Table]:
    """Every who-says-what table of the process, closed questions first, then themes."""
    profile_questions = _profile_questions(process)
    if not profile_questions:
        return []
    profiles = {
        f"u{user_id}": answers
        for user_id, answers in ProfileResponse.objects.filter(process=process).values_list(
            "user_id", "answers"
        )
    }
    tables = []
    modules = process.modules.order_by("position", "pk")
    for module in modules.filter(kind=QUESTIONNAIRE):
        tables.extend(_questionnaire_tables(module, profiles, profile_questions, k))
    for module in modules.filter(synthesis__isnull=False).select_related("synthesis"):
        tables.extend(_theme_tables(module, profiles, profile_questions, k))
    return tables


def _questionnaire_tables(module, profiles, profile_questions, k) -> list[Table]:
    senders = dict(
        Response.objects.filter(module=module, status=Response.Status.SUBMITTED).values_list(
            "pk", "participant_id"
        )
    )
    if len(senders) < k:
        return []
    out = []
    for question in Question.objects.filter(module=module, kind=QuestionKind.SINGLE).order_by(
        "position", "pk"
    ):
        choices = [str(c) for c in question.choices]
        people = {f"u{user_id}": frozenset() for user_id in senders.values()}
        for response_id, value in Answer.objects.filter(
            question=question, response_id__in=senders
        ).values_list("response_id", "value"):
            if value in choices:
                people[f"u{senders[response_id]}"] = frozenset([choices.index(value)])
        for profile in profile_questions:
            units = _units(people, len(choices), profiles, profile, answered_total=True)
            out.append(
                build_table(
                    units,
                    kind="question",
                    module=module.title,
                    subject=question.text,
                    profile=profile,
                    group_labels=[c.label for c in profile.compared],
                    answers=choices,
                    k=k,
                )  # fmt: skip
            )
    return out


def _theme_tables(module, profiles, profile_questions, k) -> list[Table]:
    synthesis = module.synthesis
    themes = list(
        synthesis.themes.filter(source__isnull=False)
        .order_by("position", "pk")
        .values_list("source_id", "label")
    )
    if not themes:
        return []
    column = {source: i for i, (source, _label) in enumerate(themes)}
    people: dict[str, set[int]] = {}
    rows = (
        synthesis.analysis.assignments.filter(
            theme_id__in=column, contribution__status=Contribution.Status.PUBLISHED
        )
        .order_by("pk")
        .values_list(
            "contribution_id", "theme_id", "contribution__author_id", "contribution__pseudonym"
        )
    )
    for contribution_id, theme_id, author_id, pseudonym in rows:
        # As the analysis counts authors: offline contributions by pseudonym, or each
        # its own person; none has a profile.
        key = (
            f"u{author_id}"
            if author_id
            else (f"p{pseudonym}" if pseudonym else f"c{contribution_id}")
        )
        people.setdefault(key, set()).add(column[theme_id])
    frozen = {key: frozenset(cols) for key, cols in people.items()}
    out = []
    for profile in profile_questions:
        units = _units(frozen, len(themes), profiles, profile, answered_total=False)
        out.append(
            build_table(
                units,
                kind="theme",
                module=module.title,
                subject="",
                profile=profile,
                group_labels=[c.label for c in profile.compared],
                answers=[label for _source, label in themes],
                k=k,
            )  # fmt: skip
        )
    return out
