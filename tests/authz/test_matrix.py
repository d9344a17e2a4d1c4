"""The authorisation matrix: every role against every action of the platform.

One test per (action, method) probes it as every role, each role inside its own
savepoint rolled back afterwards (so what one role does never reaches the next), and
fails with the list of every role that was wrongly allowed or refused, or that was
refused but changed something.
"""

import pytest

from tests.authz.matrix import API_WRITES, MATRIX, SKIPPED
from tests.authz.probe import ALLOWED, REFUSED, enumerate_url_names, probe


def _cases():
    for table, suffix in ((MATRIX, ""), (API_WRITES, " (token)")):
        for name, action in sorted(table.items()):
            for method in action.methods:
                yield pytest.param(table, name, method, id=f"{name}{suffix}-{method}")


def test_every_url_is_in_the_matrix():
    """A URL added to the platform without a matrix entry fails here, by name."""
    urls = enumerate_url_names()
    missing = sorted(f"{name} ({route})" for name, route in urls.items() if name not in MATRIX)
    stale = sorted(set(MATRIX) - set(urls))
    assert not missing, f"URLs missing from tests/authz/matrix.py: {missing}"
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"
    assert set(API_WRITES) <= set(MATRIX)


def test_every_skipped_prefix_says_why():
    assert all(reason.strip() for reason in SKIPPED.values())


@pytest.mark.parametrize(("table", "name", "method"), list(_cases()))
def test_authorisation(table, name, method, world, db):
    action = table[name]
    allowed = action.allowed_for(method)
    mismatches = []
    for role in action.roles:
        outcome = probe(world, name, action, method, role)
        expected = ALLOWED if role in allowed else REFUSED
        wrong = outcome.verdict != expected or outcome.changed
        known = action.xfail.get(role)
        if wrong and not known:
            mismatches.append(f"{role}: expected {expected}, got {outcome}")
        elif known and not wrong:
            mismatches.append(f"{role}: listed in xfail ({known}) but now {outcome}")
    assert not mismatches, f"{method} {name}:\n  " + "\n  ".join(mismatches)
