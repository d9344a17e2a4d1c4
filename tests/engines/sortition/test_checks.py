"""Self-checks reject any lottery that does not match what is announced."""

import numpy as np
import pytest

from concerto.engines.sortition import Distribution, SelfCheckError, compile_problem
from concerto.engines.sortition.checks import check_distribution
from concerto.engines.sortition.leximin import leximin
from concerto.engines.sortition.model import Problem, Quota
from tests.engines.sortition.helpers import gender_problem, pool


@pytest.fixture
def solved():
    cp = compile_problem(gender_problem(3, 1, 2, (1, 1), (1, 1)))
    out = leximin(cp)
    return cp, out


def test_valid_output_passes(solved):
    cp, out = solved
    check_distribution(cp, out.distribution, out.announced, out.optimum)


def test_probabilities_not_summing_to_one_fail(solved):
    cp, out = solved
    d = out.distribution
    bad = Distribution(d.groups, d.profiles, d.probs * 0.9)
    with pytest.raises(SelfCheckError, match="sum to"):
        check_distribution(cp, bad, out.announced)


def test_marginals_differing_from_announcement_fail(solved):
    cp, out = solved
    with pytest.raises(SelfCheckError, match="marginals differ"):
        check_distribution(cp, out.distribution, out.announced + 0.01)


def test_minimum_differing_from_optimum_fails(solved):
    cp, out = solved
    with pytest.raises(SelfCheckError, match="optimum"):
        check_distribution(cp, out.distribution, out.announced, out.optimum + 0.01)


def test_panel_breaking_a_quota_fails(solved):
    cp, out = solved
    d = out.distribution
    # Two women, no man: size is right but the quotas are not.
    profiles = np.array([[2, 0]])
    with pytest.raises(SelfCheckError, match="quota"):
        check_distribution(cp, Distribution(d.groups, profiles, np.ones(1)), np.array([2 / 3, 0]))


def test_panel_of_wrong_size_fails(solved):
    cp, out = solved
    d = out.distribution
    with pytest.raises(SelfCheckError, match="members"):
        check_distribution(
            cp, Distribution(d.groups, np.array([[1, 0]]), np.ones(1)), out.announced
        )


def test_panel_with_two_housemates_fails():
    p = pool([("u",)] * 3, ("x",), houses=["h1", "h1", None])
    cp = compile_problem(Problem(p, (Quota("x", "u", 0, 2),), 2, household_rule=True))
    profiles = np.array([[1, 1, 0]])
    with pytest.raises(SelfCheckError, match="household"):
        check_distribution(cp, Distribution(cp.groups, profiles, np.ones(1)), np.array([1, 1, 0.0]))


def test_select_raises_instead_of_returning_a_wrong_lottery(monkeypatch):
    """A solver result that misses its announced probabilities never leaves `select`."""
    import importlib

    from concerto.engines.sortition.leximin import leximin as real_leximin

    select_module = importlib.import_module("concerto.engines.sortition.selection")

    def corrupted(cp, **kwargs):
        out = real_leximin(cp, **kwargs)
        out.announced = out.announced + 0.05
        return out

    monkeypatch.setattr(select_module, "leximin", corrupted)
    with pytest.raises(SelfCheckError):
        select_module.select(gender_problem(3, 1, 2, (1, 1), (1, 1)))
