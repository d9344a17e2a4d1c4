"""Who says what: lifts, Holm-adjusted p-values and what survives suppression."""

import html

import numpy as np
from django.urls import reverse
from django.utils import timezone
from scipy.stats import chi2_contingency, fisher_exact

from concerto.analysis.models import Analysis, Assignment, Synthesis, SynthesisTheme, Theme
from concerto.participation.models import Contribution, ContributionKind
from concerto.representativeness import actions
from concerto.representativeness.catalogue import catalogue
from concerto.representativeness.whosays import Units, build_table, sentence, who_says_what
from tests.factories import open_module
from tests.representativeness.conftest import citizens, cycling_questionnaire


def _units(rows: list[tuple[int | None, tuple[int, ...], int]], n_groups, n_columns, **kw):
    """(group, columns, how many people) -> Units."""
    groups, columns = [], []
    for group, cols, n in rows:
        groups += [group] * n
        columns += [frozenset(cols)] * n
    return Units(groups, columns, n_groups, n_columns, **kw)


def _expected_p(table: np.ndarray, sizes: np.ndarray, g: int, a: int) -> float:
    """Group g against everyone else, with scipy: chi-square without continuity correction
    (the z-test) when every expected count is at least 5, else Fisher's exact test."""
    n_ga, n_g, n_a, total = table[g, a], sizes[g], table[:, a].sum(), sizes.sum()
    two = np.array([[n_ga, n_g - n_ga], [n_a - n_ga, total - n_g - (n_a - n_ga)]])
    expected = np.outer(two.sum(1), two.sum(0)) / two.sum()
    if expected.min() >= 5:
        return float(chi2_contingency(two, correction=False)[1])
    return float(fisher_exact(two).pvalue)


def _holm(p: list[float]) -> list[float]:
    order = np.argsort(p, kind="stable")
    out, running = [0.0] * len(p), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[i]))
        out[i] = running
    return out


def _fr(x: float, digits: int) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


AGE = catalogue()["age_band"]


def test_closed_question_lifts_and_holm_adjusted_p_values():
    # Three age groups of 40: 30/10, 20/20 and 10/30 "Oui"/"Non"; every cell ≥ 10 is tested.
    table = np.array([[30, 10], [20, 20], [10, 30]])
    units = _units(
        [(g, (a,), int(table[g, a])) for g in range(3) for a in range(2)], n_groups=3, n_columns=2
    )
    result = build_table(
        units, kind="question", module="Vos trajets", subject="Utilisez-vous le vélo ?",
        profile=AGE, group_labels=["18 à 24 ans", "25 à 34 ans", "35 à 49 ans"],
        answers=["Oui", "Non"],
    )  # fmt: skip
    sizes = table.sum(1)
    raw = [_expected_p(table, sizes, g, a) for g in range(3) for a in range(2)]
    holm = _holm(raw)
    assert result.tested == 6 and not result.withheld
    got = [
        (c.lift, c.share, c.p_adjusted, c.direction) for _label, cells in result.rows for c in cells
    ]
    assert [round(x[0], 12) for x in got] == [1.5, 0.5, 1.0, 1.0, 0.5, 1.5]
    assert [x[1] for x in got] == [0.75, 0.25, 0.5, 0.5, 0.25, 0.75]
    assert np.allclose([x[2] for x in got], holm, rtol=1e-9, atol=0)
    assert [x[3] for x in got] == ["over", "under", None, None, "under", "over"]
    assert holm[0] < 0.05 and holm[2] == 1.0
    p = holm[0]
    p_text = "< 0,001" if p < 0.001 else "= " + _fr(p, 3)
    assert [sentence(result, f) for f in result.findings] == [
        "Les répondants de la catégorie « 18 à 24 ans » (Tranche d'âge) choisissent « Oui » "
        f"1,5 fois plus souvent que l'ensemble des répondants (p ajusté {p_text}).",
        "Les répondants de la catégorie « 18 à 24 ans » (Tranche d'âge) choisissent « Non » "
        f"2,0 fois moins souvent que l'ensemble des répondants (p ajusté {p_text}).",
        "Les répondants de la catégorie « 35 à 49 ans » (Tranche d'âge) choisissent « Oui » "
        f"2,0 fois moins souvent que l'ensemble des répondants (p ajusté {p_text}).",
        "Les répondants de la catégorie « 35 à 49 ans » (Tranche d'âge) choisissent « Non » "
        f"1,5 fois plus souvent que l'ensemble des répondants (p ajusté {p_text}).",
    ]


def _shown(result):
    return [[c.share is not None for c in cells] for _label, cells in result.rows]


def _table(units, n_groups=3):
    return build_table(
        units, kind="question", module="M", subject="Q", profile=AGE,
        group_labels=["a", "b", "c"][:n_groups], answers=["Oui", "Non"],
    )  # fmt: skip


def test_a_cell_under_k_and_the_cells_that_would_give_it_back_get_no_figure():
    # Group c gave "Oui" 4 times: hidden. Alone it would be its row total minus its "Non"
    # (or its column total minus the others), so the engine hides a rectangle: c's "Non"
    # and the smallest pair of another row, a's 30 and 12.
    counts = [[30, 12], [25, 40], [4, 20]]
    units = _units(
        [(g, (a,), counts[g][a]) for g in range(3) for a in range(2)], n_groups=3, n_columns=2
    )
    result = _table(units)
    assert _shown(result) == [[False, False], [True, True], [False, False]]
    # Hidden: no share, lift nor p-value (even a's 30, which is tested), and no sentence.
    for cell in (*result.rows[0][1], *result.rows[2][1]):
        assert (cell.share, cell.lift, cell.p_adjusted, cell.direction) == (None,) * 4
    assert {f.group for f in result.findings} <= {"b"}
    assert result.tested == 5


def test_a_small_group_recoverable_by_difference_with_the_raw_results_is_protected():
    # Every cell is ≥ 10, but 3 people who skipped the profile question answered "Non":
    # the raw results publish "Non" over everyone, so this table's "Non" total would give
    # them back (and that none of them said "Oui").
    counts = [[30, 12], [25, 15], [14, 20]]
    rows = [(g, (a,), counts[g][a]) for g in range(3) for a in range(2)]
    alone = _shown(_table(_units(rows, 3, 2)))
    assert alone == [[True, True]] * 3
    with_skippers = _table(_units([*rows, (None, (1,), 3)], 3, 2))
    assert not any(c.share is not None for _l, cells in with_skippers.rows for c in cells)
    # Ten skippers on each answer hide nothing.
    enough = _table(_units([*rows, (None, (0,), 10), (None, (1,), 10)], 3, 2))
    assert _shown(enough) == [[True, True]] * 3


def test_a_group_nobody_belongs_to_is_left_out_instead_of_hiding_the_table():
    # Group c is empty: its zeros would be pinned by the column totals (counts are not
    # negative) and take every cell down; left out, a and b are shown.
    rows = [(0, (0,), 30), (0, (1,), 10), (1, (0,), 10), (1, (1,), 30)]
    result = _table(_units(rows, 3, 2))
    assert [label for label, _cells in result.rows] == ["a", "b"]
    assert _shown(result) == [[True, True], [True, True]]


def _contribute(module, author, n=1):
    return [
        Contribution.objects.create(
            module=module, kind=ContributionKind.PROPOSAL, author=author, body="Des pistes."
        )
        for _ in range(n)
    ]


def test_themes_count_people_once_per_theme_with_group_sizes_in_people(db):
    module, organiser = open_module("proposals", title="Vos idées")
    process = module.process
    actions.configure_profile(process, actor=organiser, questions=["gender"], alert_percent=80)
    analysis = Analysis.objects.create(
        module=module, created_by=organiser, status=Analysis.Status.DONE
    )
    velo = Theme.objects.create(analysis=analysis, label="Vélo", position=0)
    bus = Theme.objects.create(analysis=analysis, label="Bus", position=1)
    synthesis = Synthesis.objects.create(
        module=module, analysis=analysis, published_at=timezone.now(), published_by=organiser
    )
    SynthesisTheme.objects.create(synthesis=synthesis, source=velo, label="Vélo", position=0)
    SynthesisTheme.objects.create(synthesis=synthesis, source=bus, label="Bus", position=1)
    # Women: 20 write on cycling only, 10 on buses only, 10 on both (in two contributions
    # each, plus a second cycling one for the first 5: still one person in "Vélo").
    # Men: 10 cycling only, 20 buses only, 10 both.
    plan = [("woman", (velo,))] * 20 + [("woman", (bus,))] * 10 + [("woman", (velo, bus))] * 10
    plan += [("man", (velo,))] * 10 + [("man", (bus,))] * 20 + [("man", (velo, bus))] * 10
    for index, (citizen, (gender, themes)) in enumerate(zip(citizens(80), plan, strict=True)):
        actions.answer_profile(process, user=citizen, answers={"gender": gender})
        for theme in themes:
            extra = 2 if index < 5 and theme == velo else 1
            for contribution in _contribute(module, citizen, extra):
                Assignment.objects.create(analysis=analysis, contribution=contribution, theme=theme)
    (table,) = who_says_what(process)
    assert (table.kind, table.module, table.profile, table.answers) == (
        "theme", "Vos idées", "Genre", ("Vélo", "Bus"),
    )  # fmt: skip
    counts, sizes = np.array([[30, 20], [20, 30]]), np.array([40, 40])
    raw = [_expected_p(counts, sizes, g, a) for g in range(2) for a in range(2)]
    cells = [c for _label, row in table.rows for c in row]
    # P(Vélo) = 50 / 80 people: women 30/40 → 1.2, men 20/40 → 0.8.
    assert [round(c.lift, 12) for c in cells] == [1.2, 0.8, 0.8, 1.2]
    assert [c.share for c in cells] == [0.75, 0.5, 0.5, 0.75]
    assert np.allclose([c.p_adjusted for c in cells], _holm(raw), rtol=1e-9, atol=0)
    assert table.tested == 4 and not table.withheld


def test_closed_questions_from_the_questionnaire_leave_out_who_skipped_the_profile(db):
    plan = [("woman", "Oui")] * 30 + [("woman", "Non")] * 10 + [("man", "Oui")] * 10
    plan += [("man", "Non")] * 30 + [(None, "Oui")] * 10 + [(None, "Non")] * 10
    process, _organiser = cycling_questionnaire(plan)
    (table,) = who_says_what(process)
    assert (table.kind, table.subject, table.answers) == (
        "question", "Utilisez-vous le vélo ?", ("Oui", "Non"),
    )  # fmt: skip
    assert [label for label, _cells in table.rows] == ["Femme", "Homme"]
    assert [round(c.lift, 12) for _l, row in table.rows for c in row] == [1.5, 0.5, 0.5, 1.5]


def test_the_page_says_which_correction_and_shows_the_findings(client, db):
    plan = [("woman", "Oui")] * 30 + [("woman", "Non")] * 10
    plan += [("man", "Oui")] * 10 + [("man", "Non")] * 30
    process, organiser = cycling_questionnaire(plan)
    client.force_login(organiser)
    page = html.unescape(
        client.get(reverse("representativeness:page", args=[process.slug])).content.decode()
    )
    # Every cell is the same 2 × 2 table [30, 10; 10, 30]: four equal p-values, Holm × 4.
    p = min(1.0, 4 * float(chi2_contingency([[30, 10], [10, 30]], correction=False)[1]))
    p_text = "< 0,001" if p < 0.001 else "= " + _fr(p, 3)
    assert '<h2 class="fr-mt-6w" id="qui-dit-quoi">Qui dit quoi ?</h2>' in page
    assert "corrigées par la méthode de Holm, la famille étant l'ensemble des cellules" in page
    assert "Seules les cellules d'au moins 10 personnes sont testées" in page
    assert "p-valeur ajustée est inférieure à 0,05" in page
    assert "Vos trajets : Utilisez-vous le vélo ?, selon « Genre »" in page
    assert (
        "<li>Les répondants de la catégorie « Femme » (Genre) choisissent « Oui » 1,5 fois plus "
        f"souvent que l'ensemble des répondants (p ajusté {p_text}).</li>"
    ) in page
    assert (
        "<li>Les répondants de la catégorie « Homme » (Genre) choisissent « Oui » 2,0 fois moins "
        f"souvent que l'ensemble des répondants (p ajusté {p_text}).</li>"
    ) in page
    assert "<caption>Selon « Genre » — cellules testées : 4</caption>" in page
    assert "<td>75,0</td>" in page and "<td>1,50</td>" in page
