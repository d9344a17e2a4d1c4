"""The published tables: suppression under k and by difference, the index from published cells."""

from concerto.representativeness import actions
from concerto.representativeness.catalogue import catalogue
from concerto.representativeness.tables import build_report
from tests.representativeness.conftest import citizens


def _answer(process, people: list[tuple[int, dict]]) -> None:
    for n, answers in people:
        for citizen in citizens(n):
            actions.answer_profile(process, user=citizen, answers=answers)


def _table(report, key):
    return next(t for t in report.questions if t.question.key == key)


def test_counts_shares_gaps_and_index_without_suppression(proposals):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(
        process, actor=organiser, questions=["commune_type"], alert_percent=80
    )
    _answer(process, [(30, {"commune_type": "urban"}), (10, {"commune_type": "rural"})])
    report = build_report(process)
    table = _table(report, "commune_type")
    assert table.respondents == 40
    urban, rural = table.rows
    assert (urban.count, urban.share, urban.reference) == (30, 0.75, 0.67)
    assert (rural.count, rural.share_pct, rural.gap_rounded) == (10, 25.0, -8.0)
    assert rural.under_represented  # 0.25 / 0.33 < 0.8
    assert not urban.under_represented
    assert abs(table.index - (1 - 0.5 * (0.08 + 0.08))) < 1e-12
    assert report.overall == table.index
    assert [(a.question, a.category) for a in report.alerts] == [("Type de commune", rural.label)]


def test_a_small_cell_and_its_sibling_are_suppressed_and_merged_in_the_index(proposals):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(process, actor=organiser, questions=["age_band"], alert_percent=80)
    _answer(process, [(20, {"age_band": "35_49"}), (15, {"age_band": "50_64"}),
                      (3, {"age_band": "65_plus"})])  # fmt: skip
    table = _table(build_report(process), "age_band")
    counts = {row.code: row.count for row in table.rows}
    # 65+ (3) is under k; with the total published, so would be the zeros' sum: every
    # cell under 10 (the zeros too) is hidden, and the rest stay.
    assert counts == {"under_18": None, "18_24": None, "25_34": None, "35_49": 20,
                      "50_64": 15, "65_plus": None}  # fmt: skip
    assert table.respondents == 38 and table.merged
    shares = catalogue()["age_band"].shares()
    masked_ref = shares["under_18"] + shares["18_24"] + shares["25_34"] + shares["65_plus"]
    expected = 1 - 0.5 * (
        abs(20 / 38 - shares["35_49"]) + abs(15 / 38 - shares["50_64"]) + abs(3 / 38 - masked_ref)
    )
    assert abs(table.index - expected) < 1e-12


def test_one_small_cell_forces_a_second_one(proposals):
    """A single hidden cell is the total minus the others: a second is hidden with it."""
    module, organiser = proposals
    process = module.process
    actions.configure_profile(
        process, actor=organiser, questions=["commune_type"], alert_percent=80
    )
    _answer(process, [(30, {"commune_type": "urban"}), (4, {"commune_type": "rural"})])
    table = _table(build_report(process), "commune_type")
    assert [row.count for row in table.rows] == [None, None]
    assert table.respondents == 34


def test_skipped_answers_are_left_out_of_counts_and_index(proposals):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(
        process, actor=organiser, questions=["commune_type", "gender"], alert_percent=80
    )
    _answer(process, [(20, {"commune_type": "urban", "gender": "woman"}),
                      (20, {"commune_type": "rural", "gender": "man"}),
                      (2, {"gender": "woman"}), (1, {}),
                      (3, {"gender": "other"})])  # fmt: skip
    report = build_report(process)
    commune, gender = _table(report, "commune_type"), _table(report, "gender")
    assert [row.count for row in commune.rows] == [20, 20] and commune.respondents == 40
    assert [row.count for row in gender.rows] == [22, 20]
    assert gender.respondents == 42
    assert abs(gender.index - (1 - abs(22 / 42 - 0.516))) < 1e-12


def test_nothing_is_published_under_k_in_total(proposals):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(process, actor=organiser, questions=["gender"], alert_percent=80)
    _answer(process, [(4, {"gender": "woman"}), (3, {"gender": "man"})])
    report = build_report(process)
    table = _table(report, "gender")
    assert table.respondents is None and table.index is None
    assert all(row.count is None for row in table.rows)
