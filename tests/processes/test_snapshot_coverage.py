"""Every field a ministry declares is frozen in the version referred to the CIPC, or is
listed in OUTSIDE_SNAPSHOT with the reason it is not: a field added to a declaration form
and forgotten in the snapshot would change after the CIPC's review without a trace."""

import inspect

from django import forms

from concerto.processes.forms import declaration
from concerto.processes.snapshot import OUTSIDE_SNAPSHOT, SNAPSHOT_FIELDS, snapshot
from tests.factories import complete_process

# The forms of one source or one commitment: frozen as the items of these lists.
NESTED = {"SourceForm": "sources", "CommitmentForm": "commitments"}


def _declaration_forms():
    return [
        form
        for _name, form in inspect.getmembers(declaration, inspect.isclass)
        if issubclass(form, forms.BaseForm) and form.__module__ == declaration.__name__
    ]


def test_every_declared_field_is_frozen_or_deliberately_left_out(db):
    process = complete_process()
    first = process.commitments.first()  # an optional value is frozen once given
    process.commitments.filter(pk=first.pk).update(quantity=20)
    frozen = snapshot(process)
    assert frozen["sources"] and frozen["commitments"]  # the nested lists are not empty
    missing = []
    for form in _declaration_forms():
        nested = NESTED.get(form.__name__)
        keys = set(frozen[nested][0]) if nested else set(frozen)
        for field in form.base_fields:
            if field not in keys and field not in OUTSIDE_SNAPSHOT:
                missing.append(f"{form.__name__}.{field}")
    assert missing == [], missing


def test_the_reasons_are_written_and_nothing_frozen_is_said_to_be_left_out():
    assert all(reason.strip() for reason in OUTSIDE_SNAPSHOT.values())
    assert not set(OUTSIDE_SNAPSHOT) & set(SNAPSHOT_FIELDS)
