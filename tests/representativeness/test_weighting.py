"""Closed-question results raw and post-stratified on the profile margins."""

from concerto.representativeness.weighting import weighted_results
from tests.representativeness.conftest import cycling_questionnaire


def test_raw_and_weighted_shares_with_the_effective_sample_size(db):
    # 15 women (10 yes, 5 no) and 5 men (all no): women weigh 0.516·20/15, men 0.484·20/5.
    process, _organiser = cycling_questionnaire(
        [("woman", "Oui")] * 10 + [("woman", "Non")] * 5 + [("man", "Non")] * 5
    )
    (module,) = weighted_results(process)
    assert module.converged and module.margins == ("Genre",)
    assert (round(module.min_weight, 3), round(module.max_weight, 3)) == (0.688, 1.936)
    w_f, w_m = 0.516 * 20 / 15, 0.484 * 20 / 5
    ess = 20**2 / (15 * w_f**2 + 5 * w_m**2)
    assert abs(module.effective_n - ess) < 1e-6
    (question,) = module.questions
    assert question.respondents == 20
    assert [(r.label, r.raw_pct, r.weighted_pct) for r in question.rows] == [
        ("Oui", 50.0, 34.4),
        ("Non", 50.0, 65.6),
    ]


def test_a_margin_nobody_reaches_gives_raw_results_only_with_the_reason(db):
    process, _organiser = cycling_questionnaire([("woman", "Oui")] * 6 + [("woman", "Non")] * 4)
    (module,) = weighted_results(process)
    assert not module.converged and module.reasons == ("empty_category",)
    assert [(r.raw_pct, r.weighted_pct) for r in module.questions[0].rows] == [
        (60.0, None),
        (40.0, None),
    ]


def test_fewer_than_k_senders_show_nothing(db):
    process, _organiser = cycling_questionnaire([("woman", "Oui")] * 5 + [("man", "Non")] * 4)
    assert weighted_results(process) == []
