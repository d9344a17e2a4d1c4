"""Every status of the lifecycle is reached by a named action: none is offered in the
public filters that no process can ever have."""

from concerto.processes.lifecycle import TRANSITIONS, Status


def test_every_status_is_the_target_of_a_named_action():
    # A draft is created, then reached again when the referent returns it to the agent.
    targets = {target for _sources, target in TRANSITIONS.values() if target}
    assert set(Status) == targets


def test_every_status_but_the_last_can_be_left():
    sources = set().union(*(sources for sources, target in TRANSITIONS.values() if target))
    assert set(Status) - sources == {Status.ARCHIVED}
